package io.livedesk.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.livedesk.engine.WireFrames;
import io.livedesk.json.Json;
import io.livedesk.show.Vocabulary;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.util.Arrays;

/**
 * {@code GET /api/vocabulary} (docs/protocol.md §Vocabulary): the commands clients may send, every event
 * kind and the kinds only viewers get, so the pages name nothing the server does not. The same bytes for
 * the life of the server, so a page revalidates them by their tag instead of fetching them again.
 */
final class ServedVocabulary {

  private static final Buffer BODY = Buffer.buffer(Json.bytes(body()));
  private static final String TAG = "\"" + Integer.toHexString(Arrays.hashCode(BODY.getBytes())) + "\"";

  private ServedVocabulary() {
  }

  static ObjectNode body() {
    ObjectNode body = Json.object();
    CommandParser.clientCommands().forEach(body.putArray("commands")::add);
    Vocabulary.EVENTS.names().forEach(body.putArray("events")::add);
    WireFrames.VIEWER_KINDS.forEach(body.putArray("viewerKinds")::add);
    return body;
  }

  static void serve(RoutingContext ctx) {
    ctx.response().putHeader(HttpHeaders.CACHE_CONTROL, "public, no-cache").putHeader(HttpHeaders.ETAG, TAG);
    if (TAG.equals(ctx.request().getHeader(HttpHeaders.IF_NONE_MATCH))) {
      ctx.response().setStatusCode(304).end();
      return;
    }
    ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json; charset=utf-8").end(BODY);
  }
}
