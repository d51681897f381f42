package io.livedesk.http;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import io.livedesk.engine.Reply;
import io.livedesk.json.Json;
import java.io.IOException;

/**
 * The answer to an accepted command, written straight to bytes (docs/protocol.md §REST, §WebSocket): every
 * order is answered this way, and a JSON tree of the result and its bytes cost more than the writing.
 * The bytes are the ones the tree would give.
 */
final class Replies {

  /** A body already encoded as JSON, sent as it is. */
  record Encoded(byte[] json) {}

  private Replies() {
  }

  /** {@code {"type":"reply","id":…,"ok":true,"seq":…,"result":…}}, on a socket. */
  static byte[] socket(String id, Reply reply) {
    return write(id, true, reply);
  }

  /** {@code {"ok":true,"seq":…,"result":…}}, the body of a REST command's answer. */
  static Encoded rest(Reply reply) {
    return new Encoded(write(null, false, reply));
  }

  private static byte[] write(String id, boolean socket, Reply reply) {
    ByteArrayBuilder out = new ByteArrayBuilder(128);
    try (JsonGenerator json = Json.MAPPER.getFactory().createGenerator(out)) {
      json.writeStartObject();
      if (socket) {
        json.writeStringField("type", "reply");
        json.writeStringField("id", id);
      }
      json.writeBooleanField("ok", true);
      json.writeNumberField("seq", reply.seq());
      json.writeFieldName("result");
      Json.MAPPER.writeValue(json, reply.result());
      json.writeEndObject();
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot encode a reply", e);
    }
    return out.toByteArray();
  }
}
