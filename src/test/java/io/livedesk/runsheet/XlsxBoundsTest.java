package io.livedesk.runsheet;

import static io.livedesk.runsheet.Sheets.refusal;
import static org.assertj.core.api.Assertions.assertThat;

import io.livedesk.show.ShowError;
import io.livedesk.show.ShowError.Detail;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What an .xlsx upload may not do: unpack without end, hold more rows or texts than a sheet could, hide its cells. */
class XlsxBoundsTest {

  private static final String SHEET = "xl/worksheets/sheet1.xml";
  private static final String SHEET_HEAD = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
      + "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>";
  private static final String SHEET_TAIL = "</sheetData></worksheet>";

  @Test
  @DisplayName("a zip bomb is refused once what it unpacks passes the limit, before it is all inflated")
  void zipBomb() {
    byte[] zeros = new byte[XlsxPackage.MAX_UNPACKED_BYTES + 1];
    byte[] bomb = withParts(Map.of("xl/media/image1.xml", zeros));

    assertThat(bomb.length).isLessThan(100_000);
    ShowError error = refusal(() -> RunSheetImport.fromXlsx(bomb));
    assertThat(error.details()).containsExactly(new Detail(null, null,
        "the workbook unpacks to more than 16 MiB; a run-sheet is far smaller, so this is not one"));
  }

  @Test
  @DisplayName("a file that is not a zip, or a zip without a workbook, is refused with one problem")
  void notAWorkbook() {
    ShowError text = refusal(() -> RunSheetImport.fromXlsx("role,id,name\n".getBytes(StandardCharsets.UTF_8)));
    assertThat(text.details()).singleElement().extracting(Detail::message).asString()
        .startsWith("the file is not an .xlsx workbook");

    ShowError empty = refusal(() -> RunSheetImport.fromXlsx(zip(Map.of("hello.xml", "<a/>".getBytes()))));
    assertThat(empty.details()).singleElement().extracting(Detail::message).asString()
        .isEqualTo("the file is not an .xlsx workbook (it has no xl/workbook.xml); save it as Excel 2007-365 .xlsx");
  }

  @Test
  @DisplayName("a DOCTYPE is not read: no entity expansion, no external file")
  void noDoctype() {
    String sheet = "<?xml version=\"1.0\"?><!DOCTYPE w [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;\">]>"
        + "<worksheet><sheetData><row r=\"1\"><c t=\"inlineStr\"><is><t>&b;</t></is></c></row></sheetData></worksheet>";

    ShowError error = refusal(() -> RunSheetImport.fromXlsx(withParts(Map.of(SHEET, bytes(sheet)))));
    assertThat(error.details()).singleElement().extracting(Detail::message).asString()
        .startsWith("the workbook's XML cannot be read");
  }

  @Test
  @DisplayName("rows past the most a run-sheet holds are not read; the first extra item is the problem, at its row")
  void tooManyRows() {
    StringBuilder sheet = new StringBuilder(SHEET_HEAD).append(row(1, "role", "id", "name", "listPriceCents",
        "livePriceCents", "stock"));
    for (int r = 2; r < 5000; r++) {
      sheet.append(row(r, "main", "A-" + r, "苹果", "1000", "800", "10"));
    }
    byte[] workbook = withParts(Map.of(SHEET, bytes(sheet.append(SHEET_TAIL).toString())));

    ShowError error = refusal(() -> RunSheetImport.fromXlsx(workbook));
    assertThat(error.details()).containsExactly(new Detail(502, "items", "a run-sheet holds at most 500 items"));
  }

  @Test
  @DisplayName("a shared-string table larger than any run-sheet could use is refused")
  void oversizedSharedStrings() {
    StringBuilder strings = new StringBuilder("<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">");
    strings.append("<si><t>x</t></si>".repeat(XlsxRecords.MAX_SHARED_STRINGS + 1)).append("</sst>");

    ShowError error = refusal(() -> RunSheetImport.fromXlsx(withParts(Map.of("xl/sharedStrings.xml",
        bytes(strings.toString())))));
    assertThat(error.details()).singleElement().extracting(Detail::message).asString()
        .isEqualTo("the workbook holds more than 50400 different texts; put the run-sheet in a workbook of its own");
  }

  @Test
  @DisplayName("a cell pointing past the shared strings, or past column CV, is a problem at its row")
  void cellsOutOfBounds() {
    String sheet = SHEET_HEAD + row(1, "role", "id", "name", "listPriceCents", "livePriceCents", "stock")
        + "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>2000000000</v></c></row>"
        + "<row r=\"3\"><c r=\"A3\" t=\"inlineStr\"><is><t>main</t></is></c>"
        + "<c r=\"XFD3\" t=\"inlineStr\"><is><t>far</t></is></c></row>" + SHEET_TAIL;

    ShowError error = refusal(() -> RunSheetImport.fromXlsx(withParts(Map.of(SHEET, bytes(sheet)))));
    assertThat(error.details()).filteredOn(detail -> detail.field() == null).containsExactly(
        new Detail(2, null, "cell A2 refers to shared string \"2000000000\", which the workbook does not have;"
            + " save it again from the spreadsheet program"),
        new Detail(3, null, "cell XFD3 is past column CV; a run-sheet has at most 100 columns"));
  }

  @Test
  @DisplayName("a price in fen stored as 0.1+0.2 is refused as written, never rounded through a double")
  void noFloatDrift() {
    String sheet = SHEET_HEAD + row(1, "role", "id", "name", "listPriceCents", "livePriceCents", "stock")
        + "<row r=\"2\">" + text("A2", "main") + text("B2", "A-1") + text("C2", "苹果")
        + "<c r=\"D2\"><v>0.30000000000000004</v></c><c r=\"E2\"><v>1.5E3</v></c><c r=\"F2\"><v>1E+30</v></c></row>"
        + SHEET_TAIL;

    ShowError error = refusal(() -> RunSheetImport.fromXlsx(withParts(Map.of(SHEET, bytes(sheet)))));
    assertThat(error.details()).extracting(Detail::message).containsExactly(
        "listPriceCents must be a whole number of fen, got \"0.30000000000000004\"",
        "stock has 31 characters; a number here has at most 10 digits (at most 1000000000)");
  }

  private static String row(int r, String... cells) {
    StringBuilder row = new StringBuilder("<row r=\"" + r + "\">");
    for (int i = 0; i < cells.length; i++) {
      row.append(text((char) ('A' + i) + String.valueOf(r), cells[i]));
    }
    return row.append("</row>").toString();
  }

  private static String text(String reference, String value) {
    return "<c r=\"" + reference + "\" t=\"inlineStr\"><is><t>" + value + "</t></is></c>";
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** The LibreOffice sample with some of its parts replaced or added. */
  static byte[] withParts(Map<String, byte[]> replaced) {
    Map<String, byte[]> parts = new LinkedHashMap<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(Sheets.bytes("xlsx/sample-runsheet.xlsx")))) {
      for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
        parts.put(entry.getName(), in.readAllBytes());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    parts.putAll(replaced);
    return zip(parts);
  }

  private static byte[] zip(Map<String, byte[]> parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      for (Map.Entry<String, byte[]> part : parts.entrySet()) {
        zip.putNextEntry(new ZipEntry(part.getKey()));
        zip.write(part.getValue());
        zip.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
