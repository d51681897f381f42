package io.livedesk.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.livedesk.json.Json;
import io.livedesk.webhooks.Webhooks;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.function.Supplier;

/** The admin's webhooks (docs/protocol.md §Webhooks): create, list, delete, rotate, deliveries, redeliver. */
final class WebhookEndpoints {

  private final Webhooks webhooks;
  private final Studio.Answers answers;

  WebhookEndpoints(Webhooks webhooks, Studio.Answers answers) {
    this.webhooks = webhooks;
    this.answers = answers;
  }

  void register(Router router, BodyHandler body) {
    router.post("/api/webhooks").handler(body).handler(ctx -> admin(ctx, () -> webhooks.create(ApiServer.body(ctx))));
    router.get("/api/webhooks").handler(ctx -> admin(ctx, () -> {
      ObjectNode list = Json.object();
      list.set("webhooks", Json.tree(webhooks.list()));
      return Future.succeededFuture(list);
    }));
    router.delete("/api/webhooks/:webhookId").handler(ctx -> admin(ctx,
        () -> webhooks.delete(ctx.pathParam("webhookId")).map(v -> ok())));
    router.post("/api/webhooks/:webhookId/rotate").handler(ctx -> admin(ctx,
        () -> webhooks.rotate(ctx.pathParam("webhookId"))));
    router.get("/api/webhooks/:webhookId/deliveries").handler(ctx -> admin(ctx,
        () -> webhooks.deliveries(ctx.pathParam("webhookId")).map(entries -> {
          ObjectNode answer = Json.object();
          answer.set("deliveries", entries);
          return answer;
        })));
    router.post("/api/webhooks/:webhookId/redeliver").handler(body).handler(ctx -> admin(ctx,
        () -> webhooks.redeliver(ctx.pathParam("webhookId"), ApiServer.body(ctx)).map(v -> ok())));
  }

  private static ObjectNode ok() {
    ObjectNode ok = Json.object();
    ok.put("ok", true);
    return ok;
  }

  private <T> void admin(RoutingContext ctx, Supplier<Future<T>> work) {
    answers.respond(ctx, Future.succeededFuture().compose(v -> answers.requireAdmin(ctx))
        .compose(admin -> work.get()));
  }
}
