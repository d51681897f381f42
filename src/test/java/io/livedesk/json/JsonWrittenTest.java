package io.livedesk.json;

import static org.assertj.core.api.Assertions.assertThat;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Bytes written field by field through the thread's reused buffer and generator: each writing gets exactly its own. */
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
  @Test
  @DisplayName("a writing that fails half-way leaves nothing of itself in the next one")
  void failedWriting() throws Exception {
    assertThatThrownBy(() -> Json.written(json -> {
      json.writeStartObject();
      json.writeStringField("half", "written");
      throw new IOException("the writer failed");
    })).hasMessage("the writer failed");

    byte[] next = Json.written(json -> {
      json.writeStartArray();
      json.writeNumber(1);
      json.writeEndArray();
    });

    assertThat(text(next)).isEqualTo("[1]");
  }

  @Test
  @DisplayName("a writing left open is closed as a generator of its own closes it, and the next one starts afresh")
  void writingLeftOpen() throws Exception {
    byte[] open = Json.written(json -> {
      json.writeStartObject();
      json.writeFieldName("list");
      json.writeStartArray();
      json.writeNumber(7);
    });
    byte[] next = Json.written(json -> json.writeString("next"));

    assertThat(text(open)).isEqualTo("{\"list\":[7]}");
    assertThat(text(next)).isEqualTo("\"next\"");
  }

  @Test
  @DisplayName("a value written by the mapper through the thread's generator: the mapper's own bytes, one after another")
  void valuesAsTheMapperWritesThem() throws Exception {
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("name", "草莓 \"红颜\"");
    value.put("cents", 12_900L);
    value.put("none", null);
    value.put("tiers", List.of(Map.of("from", 2), Map.of("from", 5)));

    for (Object each : new Object[] {value, "text", 42, List.of(), value}) {
      assertThat(text(Json.bytes(each))).isEqualTo(Json.MAPPER.writeValueAsString(each));
    }
  }
}
