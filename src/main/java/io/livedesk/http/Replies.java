package io.livedesk.http;

import com.fasterxml.jackson.core.JsonGenerator;
import io.livedesk.engine.Reply;
import io.livedesk.json.Json;
import java.io.IOException;
import java.util.Map;

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
    try {
      return Json.written(json -> {
        json.writeStartObject();
        if (socket) {
          json.writeStringField("type", "reply");
          json.writeStringField("id", id);
        }
        json.writeBooleanField("ok", true);
        json.writeNumberField("seq", reply.seq());
        json.writeFieldName("result");
        if (!writeFlat(json, reply.result())) {
          Json.MAPPER.writeValue(json, reply.result());
        }
        json.writeEndObject();
      });
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot encode a reply", e);
    }
  }

  /**
   * Writes a result of text, whole numbers and booleans only (an order's, a payment's) field by field, as
   * the mapper would, without the mapper's per-value serializer look-ups; answers false, having written
   * nothing, for any other result.
   */
  private static boolean writeFlat(JsonGenerator json, Map<String, Object> result) throws IOException {
    if (result == null) {
      return false;
    }
    for (Object value : result.values()) {
      if (!(value instanceof String || value instanceof Long || value instanceof Integer || value instanceof Boolean)) {
        return false;
      }
    }
    json.writeStartObject();
    for (Map.Entry<String, Object> field : result.entrySet()) {
      json.writeFieldName(field.getKey());
      Object value = field.getValue();
      if (value instanceof String text) {
        json.writeString(text);
      } else if (value instanceof Long number) {
        json.writeNumber(number);
      } else if (value instanceof Integer number) {
        json.writeNumber(number);
      } else {
        json.writeBoolean((Boolean) value);
      }
    }
    json.writeEndObject();
    return true;
  }
}
