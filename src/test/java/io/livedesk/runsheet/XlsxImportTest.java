package io.livedesk.runsheet;

import static io.livedesk.runsheet.Sheets.refusal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.livedesk.show.ItemRole;
import io.livedesk.show.ItemSpec;
import io.livedesk.show.RunSheet;
import io.livedesk.show.ShowError;
import io.livedesk.show.ShowError.Detail;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * .xlsx run-sheets that LibreOffice wrote (src/test/scripts/xlsx-fixtures.sh): the same rows as the CSV they
 * came from, and problems at the row numbers the spreadsheet shows.
 */
class XlsxImportTest {

  @Test
  @DisplayName("the sample saved as .xlsx by LibreOffice imports to the same run-sheet as the sample CSV")
  void sampleAsXlsx() {
    ImportResult csv = RunSheetImport.fromCsv(Sheets.bytes("sample-runsheet.csv"));
    ImportResult xlsx = RunSheetImport.fromXlsx(Sheets.bytes("xlsx/sample-runsheet.xlsx"));

    assertThat(xlsx.sheet().items()).hasSize(34);
    assertThat(xlsx).isEqualTo(csv);
  }

  @Test
  @DisplayName("rich text, numbers, yuan, a date, formulas' cached values and a multi-line script read as written")
  void mixedCells() {
    RunSheet sheet = RunSheetImport.fromXlsx(Sheets.bytes("xlsx/mixed-cells.xlsx")).sheet();

    assertThat(sheet.opening()).isEqualTo("大家好，欢迎来到Livedesk直播间！\n先点关注，8点开抽！");
    assertThat(sheet.items()).containsExactly(
        new ItemSpec("6901234567890", ItemRole.MAIN, "iPhone 15 手机壳 Pro", 1290, 1090, 990L, 100, null, 300,
            "第一行：iPhone手机壳\n第二行，有逗号, 和\"引号\"\n\n第四行", List.of("防摔", "MagSafe"), null, null,
            List.of(), 0),
        new ItemSpec("SKU-618", ItemRole.MAIN, "2026-06-18", 49900, 39999, null, 200, null, 300, null, List.of(),
            null, null, List.of(), 0),
        new ItemSpec("PRIZE-1", ItemRole.LOTTERY, "福袋：iPhone 15 手机壳 Pro", 0, 0, null, 0, null, 0, null,
            List.of(), null, null, List.of(), 3));
  }

  @Test
  @DisplayName("every rule of the CSV applies, each problem at its Excel row; a cell past the header is not one")
  void severalProblems() {
    ShowError csv = Sheets.csvRefusal("broken/several-problems.csv");
    ShowError xlsx = refusal(() -> RunSheetImport.fromXlsx(Sheets.bytes("xlsx/several-problems.xlsx")));

    // line 7 of the CSV has an unquoted comma; in a spreadsheet that is just a cell outside the header's columns
    List<Detail> expected = csv.details().stream()
        .filter(detail -> detail.line() == null || detail.line() != 7)
        .map(detail -> new Detail(detail.line(), detail.field(), detail.message().replace("on line ", "on row ")))
        .toList();
    assertThat(xlsx.details()).hasSize(9).containsExactlyElementsOf(expected);
    assertThat(xlsx.details().get(4).message()).isEqualTo("id K-1 is already used on row 2");
  }

  @Test
  @DisplayName("a script with line breaks stays in one row: the rows after it keep their numbers")
  void multilineScriptThenBadRows() {
    ShowError error = refusal(() -> RunSheetImport.fromXlsx(Sheets.bytes("xlsx/multiline-script.xlsx")));

    assertThat(error.details()).extracting(Detail::line, Detail::field)
        .containsExactly(tuple(4, "name"), tuple(5, "livePriceCents"), tuple(6, "stock"));
  }

  @Test
  @DisplayName("Excel's ways are read too: _x000D_ escapes, phonetic guides left out, inline strings, booleans")
  void excelWays() {
    String strings = "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
        + "<si><t>role</t></si><si><t>id</t></si><si><t>name</t></si><si><t>script</t></si>"
        + "<si><r><t>苹果</t></r><r><rPr><b/></rPr><t xml:space=\"preserve\"> Fuji</t></r>"
        + "<rPh sb=\"0\" eb=\"2\"><t>ピンゴ</t></rPh></si>"
        + "<si><t>第一行_x000D_\n第二行</t></si></sst>";
    String sheet = "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
        + "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c>"
        + "<c r=\"C1\" t=\"s\"><v>2</v></c><c r=\"D1\" t=\"s\"><v>3</v></c>"
        + "<c r=\"E1\" t=\"inlineStr\"><is><t>winners</t></is></c></row>"
        + "<row r=\"3\"><c r=\"A3\" t=\"inlineStr\"><is><t>lottery</t></is></c><c r=\"B3\"><v>7</v></c>"
        + "<c r=\"C3\" t=\"s\"><v>4</v></c><c r=\"D3\" t=\"s\"><v>5</v></c><c r=\"E3\" t=\"b\"><v>1</v></c></row>"
        + "</sheetData></worksheet>";

    ShowError error = refusal(() -> RunSheetImport.fromXlsx(workbook(strings, sheet)));
    assertThat(error.details()).containsExactly(
        new Detail(3, "winners", "winners must be a whole number, got \"TRUE\""));

    String fixed = sheet.replace("<c r=\"E3\" t=\"b\"><v>1</v></c>", "<c r=\"E3\"><v>3</v></c>");
    ItemSpec prize = RunSheetImport.fromXlsx(workbook(strings, fixed)).sheet().items().get(0);
    assertThat(prize.id()).isEqualTo("7");
    assertThat(prize.name()).isEqualTo("苹果 Fuji");
    assertThat(prize.script()).isEqualTo("第一行\r\n第二行");
    assertThat(prize.winners()).isEqualTo(3);
  }

  private static byte[] workbook(String sharedStrings, String sheet) {
    return XlsxBoundsTest.withParts(Map.of("xl/sharedStrings.xml", sharedStrings.getBytes(StandardCharsets.UTF_8),
        "xl/worksheets/sheet1.xml", sheet.getBytes(StandardCharsets.UTF_8)));
  }
}
