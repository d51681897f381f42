package io.livedesk.runsheet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.livedesk.json.Json;
import io.livedesk.show.ErrorCode;
import io.livedesk.show.ItemSpec;
import io.livedesk.show.RunSheet;
import io.livedesk.show.ShowError;
import io.livedesk.testing.ByteMutations;
import io.livedesk.testing.JsonShapes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Run-sheet import as a public endpoint sees it: whatever bytes arrive, the answer is a sheet or the
 * list of problems (INVALID_ARGUMENT with details), never another exception; and a valid sheet written
 * as CSV or JSON reads back as the same sheet.
 */
@Label("run-sheet import under fuzzing")
class RunSheetFuzzTest {

  private static final List<String> SAMPLES = List.of("sample-runsheet.csv", "sample-runsheet-bom.csv",
      "sample-runsheet-gb18030.csv", "sample-runsheet.json");
  private static final List<String> ITEM_FIELDS = List.of("id", "role", "name", "listPriceCents", "livePriceCents",
      "floorPriceCents", "stock", "limitPerViewer", "plannedSeconds", "script", "sellingPoints", "link", "imageUrl",
      "tiers", "winners", "minUnits", "priceCents");
  private static final List<String> WORDS = List.of("main", "backup", "lottery", "opening", "closing", "MAIN",
      "JJ-CHERRY-10", "https://shop.example/item", "javascript:alert(1)", "100:44900|500:39900", "1:0", "300");
  private static final List<String> TOP_FIELDS = List.of("opening", "closing", "items");
  private static final Charset GB18030 = Charset.forName("GB18030");

  @Property
  @Label("any bytes as CSV: a sheet or a list of problems")
  void anyBytesAsCsv(@ForAll("anyBytes") byte[] bytes) {
    assertSheetOrProblems(RunSheetImport::fromCsv, bytes);
  }

  @Property
  @Label("any bytes as JSON: a sheet or a list of problems")
  void anyBytesAsJson(@ForAll("anyBytes") byte[] bytes) {
    assertSheetOrProblems(RunSheetImport::fromJson, bytes);
  }

  @Property
  @Label("a sample sheet with damaged bytes, read as CSV and as JSON: a sheet or a list of problems")
  void damagedSamples(@ForAll("samples") String sample,
      @ForAll(supplier = ByteMutations.UpToSixEdits.class) List<ByteMutations.Edit> edits) {
    byte[] damaged = ByteMutations.apply(Sheets.bytes(sample), edits);
    assertSheetOrProblems(RunSheetImport::fromCsv, damaged);
    assertSheetOrProblems(RunSheetImport::fromJson, damaged);
  }

  @Property
  @Label("the JSON sample with a field of any shape: a sheet or a list of problems")
  void jsonSampleWithOddFields(@ForAll("itemIndex") int index, @ForAll("itemField") String field,
      @ForAll("anyJson") JsonNode value, @ForAll JsonShapes.Encoding encoding) {
    ObjectNode sheet = (ObjectNode) parse(Sheets.bytes("sample-runsheet.json"));
    ArrayNode items = (ArrayNode) sheet.get("items");
    // index -1 stands for the sheet itself, whose fields are opening, closing and items
    ObjectNode target = index < 0 ? sheet : (ObjectNode) items.get(index % items.size());
    target.set(index < 0 ? TOP_FIELDS.get(Math.floorMod(field.hashCode(), TOP_FIELDS.size())) : field, value);
    assertSheetOrProblems(RunSheetImport::fromJson, encoding.bytes(sheet));
  }

  @Property
  @Label("the CSV sample with a cell of any text: a sheet or a list of problems")
  void csvSampleWithOddCells(@ForAll("csvCells") List<Tuple.Tuple3<Integer, Integer, String>> cells) {
    String[] lines = new String(Sheets.bytes("sample-runsheet.csv"), StandardCharsets.UTF_8).split("\n", -1);
    for (Tuple.Tuple3<Integer, Integer, String> cell : cells) {
      int row = cell.get1() % lines.length;
      List<String> parts = new ArrayList<>(List.of(lines[row].split(",", -1)));
      parts.set(cell.get2() % parts.size(), cell.get3());
      lines[row] = String.join(",", parts);
    }
    assertSheetOrProblems(RunSheetImport::fromCsv, String.join("\n", lines).getBytes(StandardCharsets.UTF_8));
  }

  @Property
  @Label("a valid sheet written as JSON reads back as the same sheet")
  void jsonRoundTrip(@ForAll("sheets") RunSheet sheet, @ForAll boolean writeDefaults,
      @ForAll("jsonEncodings") JsonShapes.Encoding encoding) {
    ImportResult imported = RunSheetImport.fromJson(encoding.bytes(SheetExport.json(sheet, writeDefaults)));

    assertThat(imported.sheet()).isEqualTo(sheet);
    assertThat(imported.warnings()).isEmpty();
  }

  @Property
  @Label("a valid sheet written as CSV, in UTF-8, UTF-8 with BOM or GB18030, reads back as the same sheet")
  void csvRoundTrip(@ForAll("sheets") RunSheet sheet, @ForAll boolean quoteEveryCell, @ForAll boolean writeDefaults,
      @ForAll("csvEncodings") String encoding) {
    String csv = SheetExport.csv(sheet, quoteEveryCell, writeDefaults);

    ImportResult imported = RunSheetImport.fromCsv(encode(csv, encoding));

    assertThat(imported.sheet()).isEqualTo(sheet);
    assertThat(imported.warnings()).isEmpty();
  }

  @Example
  @Label("a sheet of the most items with every list at its longest reads back as itself")
  void largestSheetRoundTrip() {
    List<ItemSpec> items = new ArrayList<>();
    for (int i = 0; i < RunSheetImport.MAX_ITEMS; i++) {
      items.add(new ItemSpec("ITEM-" + i, io.livedesk.show.ItemRole.MAIN, "商品, \"" + i + "\"\n第二行", 10_000_000_000L,
          10_000_000_000L, 0L, 1_000_000_000L, Integer.MAX_VALUE, 86_400, i == 0 ? "脚本".repeat(2500) : "脚本",
          java.util.Collections.nCopies(RunSheetImport.MAX_SELLING_POINTS, "卖点"), null, null, tiers(), 0));
    }
    RunSheet sheet = new RunSheet("开场".repeat(2500), null, items);

    assertThat(RunSheetImport.fromCsv(encode(SheetExport.csv(sheet, false, true), "UTF-8")).sheet()).isEqualTo(sheet);
    assertThat(RunSheetImport.fromJson(Json.bytes(SheetExport.json(sheet, true))).sheet()).isEqualTo(sheet);
  }

  private static List<io.livedesk.show.Tier> tiers() {
    List<io.livedesk.show.Tier> tiers = new ArrayList<>();
    for (int i = 0; i < RunSheetImport.MAX_TIERS; i++) {
      tiers.add(new io.livedesk.show.Tier(1 + i, 10_000_000_000L - i));
    }
    return tiers;
  }

  // ---- the contract ----

  /** The import either returns a sheet that obeys the rules or refuses with every problem listed. */
  static void assertSheetOrProblems(Function<byte[], ImportResult> importer, byte[] bytes) {
    ImportResult result;
    try {
      result = importer.apply(bytes);
    } catch (ShowError error) {
      assertThat(error.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
      assertThat(error.details()).isNotEmpty();
      assertThat(error.details()).allSatisfy(detail -> assertThat(detail.message()).isNotBlank());
      int count = error.details().size();
      assertThat(error.getMessage()).isEqualTo("run-sheet has " + count + (count == 1 ? " problem" : " problems"));
      return;
    }
    assertThat(result.sheet().items()).isNotEmpty().hasSizeLessThanOrEqualTo(RunSheetImport.MAX_ITEMS);
    assertThat(result.sheet().items().stream().map(ItemSpec::id).distinct().count())
        .isEqualTo(result.sheet().items().size());
    for (ItemSpec item : result.sheet().items()) {
      assertThat(item.id()).matches("[A-Za-z0-9._-]{1,64}");
      assertThat(item.name()).isNotBlank();
      assertThat(item.livePriceCents()).isBetween(0L, item.listPriceCents());
      assertThat(item.stock()).isNotNegative();
      if (item.floorPriceCents() != null) {
        assertThat(item.floorPriceCents()).isBetween(0L, item.livePriceCents());
      }
    }
  }

  // ---- generators ----

  @Provide
  Arbitrary<byte[]> anyBytes() {
    return Arbitraries.oneOf(
        Arbitraries.bytes().array(byte[].class).ofMaxSize(600),
        Arbitraries.strings().withChars("\",\r\n|:-0123456789abcmainrolebackup\uFEFF长").ofMaxLength(400)
            .map(text -> text.getBytes(StandardCharsets.UTF_8)),
        Arbitraries.strings().withChars("{}[]\":,0123456789-.eE truefalsnl\\u").ofMaxLength(400)
            .map(text -> text.getBytes(StandardCharsets.UTF_8)),
        JsonShapes.value(ITEM_FIELDS, WORDS, 4).map(JsonShapes.Encoding.UTF8::bytes));
  }

  @Provide
  Arbitrary<String> samples() {
    return Arbitraries.of(SAMPLES);
  }

  @Provide
  Arbitrary<Integer> itemIndex() {
    return Arbitraries.integers().between(-1, 40);
  }

  @Provide
  Arbitrary<String> itemField() {
    return Arbitraries.oneOf(Arbitraries.of(ITEM_FIELDS), JsonShapes.text());
  }

  @Provide
  Arbitrary<JsonNode> anyJson() {
    return JsonShapes.value(ITEM_FIELDS, WORDS, 3);
  }

  @Provide
  Arbitrary<List<Tuple.Tuple3<Integer, Integer, String>>> csvCells() {
    Arbitrary<String> text = Arbitraries.oneOf(JsonShapes.text(), Arbitraries.of(WORDS),
        JsonShapes.digits(1, 30), JsonShapes.digits(900, 1100), Arbitraries.of("-1", "1.5", "1e3", "¥49", " 12 ", "\"",
            "\"a\"b", "0:0|0:0", "1:", ":1", "||", "100:44900|50:39900"));
    return Combinators.combine(Arbitraries.integers().between(0, 40), Arbitraries.integers().between(0, 14), text)
        .as(Tuple::of).list().ofMinSize(1).ofMaxSize(4);
  }

  @Provide
  Arbitrary<RunSheet> sheets() {
    return ValidSheets.sheets();
  }

  /** A JSON sheet is UTF-8 (docs/protocol.md §Conventions), with or without BOM, escaped or not. */
  @Provide
  Arbitrary<JsonShapes.Encoding> jsonEncodings() {
    return Arbitraries.of(JsonShapes.Encoding.UTF8, JsonShapes.Encoding.ESCAPED, JsonShapes.Encoding.UTF8_BOM);
  }

  @Provide
  Arbitrary<String> csvEncodings() {
    return Arbitraries.of("UTF-8", "UTF-8 with BOM", "GB18030");
  }

  /**
   * The CSV in an encoding a spreadsheet program saves. GB18030 bytes that also happen to be valid UTF-8
   * are read as UTF-8, as docs/protocol.md's detection says; such a text is written as UTF-8 instead.
   */
  private static byte[] encode(String csv, String encoding) {
    return switch (encoding) {
      case "UTF-8 with BOM" -> ("\uFEFF" + csv).getBytes(StandardCharsets.UTF_8);
      case "GB18030" -> {
        byte[] gb = csv.getBytes(GB18030);
        yield csv.equals(utf8(gb)) || utf8(gb) == null ? gb : csv.getBytes(StandardCharsets.UTF_8);
      }
      default -> csv.getBytes(StandardCharsets.UTF_8);
    };
  }

  private static String utf8(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  private static JsonNode parse(byte[] bytes) {
    try {
      return Json.parse(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
