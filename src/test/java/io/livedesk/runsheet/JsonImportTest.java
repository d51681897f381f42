package io.livedesk.runsheet;

import static io.livedesk.runsheet.Sheets.refusal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.livedesk.show.ItemSpec;
import io.livedesk.show.ShowError.Detail;
import io.livedesk.show.Tier;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class JsonImportTest {

  private static ImportResult json(String text) {
    return RunSheetImport.fromJson(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  @DisplayName("a number field that is not a number is its only problem: one detail, not a crash")
  void unreadableNumberAlone() {
    for (String field : java.util.List.of("listPriceCents", "livePriceCents", "stock", "plannedSeconds")) {
      com.fasterxml.jackson.databind.node.ObjectNode item = io.livedesk.json.Json.object().put("id", "A")
          .put("role", "main").put("name", "n").put("listPriceCents", 100).put("livePriceCents", 100).put("stock", 1);
      item.putArray(field);

      assertThat(refusal(() -> json("{\"items\": [" + item + "]}")).details())
          .containsExactly(new Detail(1, field, field + " must be a number"));
    }
  }

  @Test
  @DisplayName("a name of control characters only is no name: required, not imported empty")
  void controlCharacterName() {
    String item = "{\"id\": \"A\", \"role\": \"main\", \"name\": \"\\u0000\\u0001 \", \"listPriceCents\": 100,"
        + " \"livePriceCents\": 100, \"stock\": 1}";

    assertThat(refusal(() -> json("{\"items\": [" + item + "]}")).details())
        .containsExactly(new Detail(1, "name", "name is required"));
  }

  @Test
  @DisplayName("malformed JSON is one problem on the parser's line")
  void malformed() {
    assertThat(refusal(() -> RunSheetImport.fromJson(Sheets.bytes("broken/malformed.json"))).details())
        .singleElement()
        .satisfies(detail -> {
          assertThat(detail.line()).isEqualTo(4);
          assertThat(detail.field()).isNull();
          assertThat(detail.message()).startsWith("malformed JSON: ");
        });
  }

  @Test
  @DisplayName("a key given twice in one object is malformed, not silently overwritten")
  void duplicateKey() {
    assertThat(refusal(() -> json("{\"items\": [\n{\"id\": \"A\", \"id\": \"B\"}]}")).details())
        .extracting(Detail::line).containsExactly(2);
  }

  @Test
  @DisplayName("the top level must be an object with a list of items")
  void topLevelShape() {
    assertThat(refusal(() -> json("[]")).details()).extracting(Detail::line, Detail::field)
        .containsExactly(tuple(null, null));
    assertThat(refusal(() -> json("{\"items\": {}}")).details()).containsExactly(
        new Detail(null, "items", "items must be a list of items"),
        new Detail(null, "items", "the run-sheet has no items"));
    assertThat(refusal(() -> json("{\"opening\": 1, \"items\": []}")).details()).containsExactly(
        new Detail(null, "opening", "opening must be a string"),
        new Detail(null, "items", "the run-sheet has no items"));
  }

  @Test
  @DisplayName("an opening over 5000 characters is reported under the opening field")
  void longOpening() {
    String opening = "好".repeat(RunSheetImport.MAX_SCRIPT_LENGTH + 1);
    String text = "{\"opening\": \"" + opening + "\", \"items\": [{\"id\": \"A\", \"role\": \"main\", \"name\": \"a\","
        + " \"listPriceCents\": 100, \"livePriceCents\": 100, \"stock\": 1}]}";

    assertThat(refusal(() -> json(text)).details())
        .containsExactly(new Detail(null, "opening", "opening is longer than 5000 characters"));
  }

  @Test
  @DisplayName("numbers may be strings of digits, nulls count as absent, unknown fields are ignored with a warning")
  void lenientWhereHarmless() {
    ImportResult imported = json("{\"items\": [{\"id\": \"A\", \"role\": \"main\", \"name\": \"苹果\","
        + " \"listPriceCents\": \"1000\", \"livePriceCents\": 800, \"floorPriceCents\": null, \"stock\": 10,"
        + " \"colour\": \"红\", \"tiers\": [{\"minUnits\": 100, \"priceCents\": 700}]}], \"theme\": \"秋\"}");

    ItemSpec item = imported.sheet().items().get(0);
    assertThat(item.listPriceCents()).isEqualTo(1000);
    assertThat(item.floorPriceCents()).isNull();
    assertThat(item.tiers()).containsExactly(new Tier(100, 700));
    assertThat(imported.warnings()).containsExactly("unknown fields were ignored: theme, colour");
  }

  @Test
  @DisplayName("a tier without minUnits or with a non-object step is reported under tiers")
  void brokenTierSteps() {
    String text = "{\"items\": ["
        + "{\"id\": \"A\", \"role\": \"main\", \"name\": \"a\", \"listPriceCents\": 1000, \"livePriceCents\": 800,"
        + " \"stock\": 1, \"tiers\": [{\"priceCents\": 700}]},"
        + "{\"id\": \"B\", \"role\": \"main\", \"name\": \"b\", \"listPriceCents\": 1000, \"livePriceCents\": 800,"
        + " \"stock\": 1, \"tiers\": [\"100:700\"]}]}";

    assertThat(refusal(() -> json(text)).details()).containsExactly(
        new Detail(1, "tiers", "tiers step 1 minUnits is required"),
        new Detail(2, "tiers", "tiers must be a list of {\"minUnits\": 100, \"priceCents\": 44900}"));
  }

  @Test
  @DisplayName("bytes that are not UTF-8 are refused with one problem")
  void notUtf8() {
    byte[] bytes = {'{', '"', (byte) 0xC3, '"', '}'};

    assertThat(refusal(() -> RunSheetImport.fromJson(bytes)).details())
        .containsExactly(new Detail(null, null, "the run-sheet is not UTF-8 text"));
  }
}
