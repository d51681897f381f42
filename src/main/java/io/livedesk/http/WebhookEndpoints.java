package io.livedesk.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.livedesk.json.Json;
import io.livedesk.webhooks.Webhooks;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;

/** The admin's webhooks (docs/protocol.md §Webhooks): create, list, delete, rotate, deliveries, redeliver. */
final class WebhookEndpoints {

  private final Webhooks webhooks;

  WebhookEndpoints(Webhooks webhooks) {
    this.webhooks = webhooks;
  }

  /** Every route answers only the admin, through the server's one admin gate ({@link ApiServer#adminEndpoint}). */
  void register(Router router, BodyHandler body, ApiServer api) {
    router.post("/api/webhooks").handler(body)
        .handler(api.adminEndpoint(ctx -> webhooks.create(ApiServer.body(ctx))));
    router.get("/api/webhooks").handler(api.adminEndpoint(ctx -> {
      ObjectNode list = Json.object();
      list.set("webhooks", Json.tree(webhooks.list()));
      return Future.succeededFuture(list);
    }));
    router.delete("/api/webhooks/:webhookId")
        .handler(api.adminEndpoint(ctx -> webhooks.delete(ctx.pathParam("webhookId")).map(v -> ok())));
    router.post("/api/webhooks/:webhookId/rotate")
        .handler(api.adminEndpoint(ctx -> webhooks.rotate(ctx.pathParam("webhookId"))));
    router.get("/api/webhooks/:webhookId/deliveries")
        .handler(api.adminEndpoint(ctx -> webhooks.deliveries(ctx.pathParam("webhookId")).map(entries -> {
          ObjectNode answer = Json.object();
          answer.set("deliveries", entries);
          return answer;
        })));
    router.post("/api/webhooks/:webhookId/redeliver").handler(body).handler(api.adminEndpoint(
        ctx -> webhooks.redeliver(ctx.pathParam("webhookId"), ApiServer.body(ctx)).map(v -> ok())));
  }

  private static ObjectNode ok() {
    ObjectNode ok = Json.object();
    ok.put("ok", true);
    return ok;
  }
}
