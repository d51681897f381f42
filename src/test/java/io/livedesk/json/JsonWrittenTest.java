package io.livedesk.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Bytes written field by field through the thread's reused buffer: each writing gets exactly its own. */
class JsonWrittenTest {

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  @Test
  @DisplayName("one writing after another, a long one among them, each gets its own bytes and nothing of the one before")
  void writingsInTurn() throws Exception {
    String long1 = "长".repeat(40_000);
    List<String> out = new ArrayList<>();
    for (String value : new String[] {"first", long1, "x", "after the long one"}) {
      out.add(text(Json.written(json -> {
        json.writeStartObject();
        json.writeStringField("v", value);
        json.writeEndObject();
      })));
    }

    assertThat(out).containsExactly("{\"v\":\"first\"}", "{\"v\":\"" + long1 + "\"}", "{\"v\":\"x\"}",
        "{\"v\":\"after the long one\"}");
  }

  @Test
  @DisplayName("a writing made while another is being written gets its own buffer, and neither is mixed with the other")
  void writingInsideAWriting() throws Exception {
    List<String> inner = new ArrayList<>();
    byte[] outer = Json.written(json -> {
      json.writeStartObject();
      json.writeStringField("outer", "a");
      // in the buffer already, as a mapper's writeValue leaves it
      json.flush();
      inner.add(text(Json.written(nested -> nested.writeString("inner"))));
      json.writeStringField("after", "b");
      json.writeEndObject();
    });

    assertThat(text(outer)).isEqualTo("{\"outer\":\"a\",\"after\":\"b\"}");
    assertThat(inner).containsExactly("\"inner\"");
  }
}
