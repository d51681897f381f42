package io.livedesk.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.livedesk.json.Json;
import io.livedesk.show.Actor;
import io.livedesk.show.Event;
import io.livedesk.show.Recorded;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("a stored event is read exactly as written, or refused")
class StoredEventStrictnessTest {

  /** An order as the current version stores it. */
  static final String ORDER = "{\"seq\":57,\"v\":1,\"ts\":1750000000123,\"kind\":\"order.placed\","
      + "\"actor\":{\"role\":\"viewer\",\"id\":\"viewer-1\"},\"data\":{\"orderId\":\"o57\",\"viewerId\":\"viewer-1\","
      + "\"itemId\":\"JJ-01\",\"qty\":2,\"priceCents\":44900,\"amountCents\":89800,\"expiresAt\":1750000600000}}";

  private static Recorded decode(String line) throws IOException {
    byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
    return EventCodec.fromBytes(bytes, 0, bytes.length);
  }

  @Test
  @DisplayName("the current version writes its version on every event and reads it back")
  void versionWritten() throws IOException {
    Recorded order = decode(ORDER);

    assertThat(new String(EventCodec.toBytes(order), StandardCharsets.UTF_8)).isEqualTo(ORDER);
    assertThat(EventCodec.toJson(order).get("v").asInt()).isEqualTo(EventUpcaster.CURRENT);
  }

  @Test
  @DisplayName("an event stored before versions were is read as version 1")
  void unversionedIsVersionOne() throws IOException {
    assertThat(decode(ORDER.replace(",\"v\":1", ""))).isEqualTo(decode(ORDER));
  }

  static Stream<Arguments> refusedLines() {
    return Stream.of(
        Arguments.of("a renamed field", ORDER.replace("\"priceCents\"", "\"price\""), "price"),
        Arguments.of("an unknown extra field", ORDER.replace("\"qty\":2,", "\"qty\":2,\"coupon\":\"x\","), "coupon"),
        Arguments.of("a missing required field", ORDER.replace("\"amountCents\":89800,", ""), "amountCents"),
        Arguments.of("a required field stored as null", ORDER.replace("\"viewerId\":\"viewer-1\"", "\"viewerId\":null"),
            "viewerId"),
        Arguments.of("an unknown version", ORDER.replace("\"v\":1", "\"v\":2"), "version 2"),
        Arguments.of("version 0", ORDER.replace("\"v\":1", "\"v\":0"), "version 0"),
        Arguments.of("a version that is not a whole number", ORDER.replace("\"v\":1", "\"v\":\"1\""), "'v'"),
        Arguments.of("a version stated after the data", ORDER.replace(",\"v\":1", "").replace("}}", "},\"v\":1}"),
            "after its data"),
        Arguments.of("an unknown field of the event", ORDER.replace("\"ts\":", "\"node\":\"a\",\"ts\":"), "node"),
        Arguments.of("an unknown field of the actor", ORDER.replace("\"id\":\"viewer-1\"}", "\"id\":\"viewer-1\",\"x\":1}"),
            "'x'"),
        Arguments.of("an unknown role", ORDER.replace("\"role\":\"viewer\"", "\"role\":\"guest\""), "guest"),
        Arguments.of("a missing ts", ORDER.replace("\"ts\":1750000000123,", ""), "ts"),
        Arguments.of("a missing seq", ORDER.replace("\"seq\":57,", ""), "seq"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusedLines")
  @DisplayName("a line that is not what a version of the server wrote is refused, naming what is wrong")
  void refused(String what, String line, String named) {
    assertThat(line).isNotEqualTo(ORDER);
    assertThatThrownBy(() -> decode(line)).isInstanceOf(IOException.class).hasMessageContaining(named);
  }

  /** Every field of every example event, with whether a journal may lack it. */
  static Stream<Arguments> fields() throws IOException {
    List<Arguments> fields = new ArrayList<>();
    for (Event event : EventCodecTest.EXAMPLES) {
      JsonNode data = Json.tree(event);
      data.fieldNames().forEachRemaining(field -> fields.add(Arguments.of(event.kind(), field,
          StoredFields.optional(event.getClass(), field))));
    }
    return fields.stream();
  }

  @ParameterizedTest(name = "{0} without {1}")
  @MethodSource("fields")
  @DisplayName("a field left out is refused unless it is one a journal may lack, which reads as null")
  void fieldLeftOut(String kind, String field, boolean optional) throws IOException {
    Event example = EventCodecTest.EXAMPLES.stream().filter(e -> e.kind().equals(kind)).findFirst().orElseThrow();
    ObjectNode stored = EventCodec.toJson(new Recorded(9, 1L, Actor.CONTROL, null, null, example));
    ((ObjectNode) stored.get("data")).remove(field);
    byte[] line = Json.bytes(stored);

    if (optional) {
      Recorded decoded = EventCodec.fromBytes(line, 0, line.length);
      assertThat(Json.tree(decoded.event()).has(field)).isFalse();
    } else {
      assertThatThrownBy(() -> EventCodec.fromBytes(line, 0, line.length))
          .isInstanceOf(IOException.class).hasMessageContaining(field);
    }
  }

  @Test
  @DisplayName("a field of a run-sheet item renamed is refused too")
  void nestedRename() {
    Event loaded = EventCodecTest.EXAMPLES.get(0);
    String line = new String(EventCodec.toBytes(new Recorded(1, 1L, Actor.CONTROL, null, null, loaded)),
        StandardCharsets.UTF_8).replace("\"livePriceCents\"", "\"livePrice\"");

    assertThatThrownBy(() -> decode(line)).isInstanceOf(IOException.class).hasMessageContaining("livePrice");
  }

  @Test
  @DisplayName("an event of an older version is upcast to the current one before it is read")
  void upcastFromAnOlderVersion() throws IOException {
    // a version 2 in which order.placed renamed price to priceCents: version 1 lines are upcast
    EventUpcaster.Step renamePrice = (kind, data) -> {
      if (kind.equals("order.placed")) {
        data.set("priceCents", data.remove("price"));
      }
      return data;
    };
    EventUpcaster two = new EventUpcaster(2, List.of(renamePrice));
    String versionOne = ORDER.replace("\"priceCents\"", "\"price\"");
    String versionTwo = ORDER.replace("\"v\":1", "\"v\":2");

    assertThat(read(versionOne, two)).isEqualTo(decode(ORDER));
    assertThat(read(versionOne.replace(",\"v\":1", ""), two)).isEqualTo(decode(ORDER));
    assertThat(read(versionTwo, two)).isEqualTo(decode(ORDER));
    assertThatThrownBy(() -> read(ORDER.replace("\"v\":1", "\"v\":3"), two)).hasMessageContaining("version 3");

  }

  @ParameterizedTest
  @ValueSource(ints = {0, 2})
  @DisplayName("an upcaster is built with one step per older version")
  void stepsPerVersion(int steps) {
    assertThatThrownBy(() -> new EventUpcaster(2, java.util.Collections.nCopies(steps, (kind, data) -> data)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static Recorded read(String line, EventUpcaster upcaster) throws IOException {
    byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
    try (var parser = EventCodec.parser(bytes, 0, bytes.length)) {
      return EventCodec.read(parser, upcaster);
    }
  }
}
