package io.livedesk.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.livedesk.json.Json;
import io.livedesk.runsheet.RunSheetImport;
import io.livedesk.show.Fen;
import io.livedesk.show.RunSheet;
import io.livedesk.testing.Api;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.CellType;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.ReadingOptions;
import org.dhatim.fastexcel.reader.Row;
import org.dhatim.fastexcel.reader.Sheet;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * PUT /api/shows/{id}/runsheet with an .xlsx, GET runsheet.xlsx and report.xlsx; the workbooks are read back
 * with fastexcel-reader, a reader independent of the server's own.
 */
class ExcelEndpointsTest {

  @RegisterExtension
  static final ReviewedShow show = ReviewedShow.onItsOwnServer();
  static JsonNode report;
  static Map<String, List<Row>> workbook;

  @BeforeAll
  static void play() throws Exception {
    show.playFirstHalf();
    show.playSecondHalf();
    report = show.report();
    workbook = sheets(download("/api/shows/" + show.show.id() + "/report.xlsx", show.show.controlToken()).body());
  }

  @Test
  @DisplayName("report.xlsx is an attachment with the five sheets, in order")
  void reportSheets() throws Exception {
    HttpResponse<byte[]> response = download("/api/shows/" + show.show.id() + "/report.xlsx", show.show.controlToken());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type")).hasValue(ApiServer.XLSX);
    assertThat(response.headers().firstValue("content-disposition").orElseThrow())
        .startsWith("attachment; filename=\"livedesk-report-" + show.show.id() + ".xlsx\"");
    assertThat(workbook.keySet()).containsExactly("totals", "items", "minutes", "lotteries", "coupons");
    assertThat(download("/api/shows/" + show.show.id() + "/report.xlsx", show.show.prompterToken()).statusCode())
        .isEqualTo(403);
  }

  @Test
  @DisplayName("the items sheet holds every item's figures as the JSON report has them: yuan as ¥0.00, rates as %")
  void itemsFieldByField() {
    List<Row> rows = workbook.get("items");
    assertThat(rows).hasSize(1 + report.get("items").size() + 1);
    List<String> header = texts(rows.get(0));
    for (int i = 0; i < report.get("items").size(); i++) {
      JsonNode item = report.get("items").get(i);
      Row row = rows.get(i + 1);
      assertThat(cell(row, header, "商品编号 (id)").getRawValue()).isEqualTo(item.get("id").asText());
      assertThat(cell(row, header, "商品名称 (name)").getRawValue()).isEqualTo(item.get("name").asText());
      for (String field : List.of("plannedSeconds", "airedSeconds", "clicks", "clickers", "orders", "units",
          "paidOrders", "orderers", "buyers")) {
        assertThat(whole(cell(row, header, field))).as(field).isEqualTo(item.get(field).asLong());
      }
      for (String field : List.of("gmv", "paidGmv", "refund")) {
        Cell money = cell(row, header, field);
        assertThat(money.getType()).isEqualTo(CellType.NUMBER);
        assertThat(money.asNumber()).as(field).isEqualByComparingTo(BigDecimal.valueOf(item.get(field + "Cents").asLong(), 2));
        assertThat(money.getDataFormatString()).isEqualTo("¥0.00");
      }
      Cell conversion = cell(row, header, "clickConversion");
      if (item.get("clickConversion").isNull()) {
        assertThat(conversion == null || conversion.getType() == CellType.EMPTY).isTrue();
      } else {
        assertThat(conversion.asNumber().doubleValue()).isEqualTo(item.get("clickConversion").asDouble());
        assertThat(conversion.getDataFormatString()).isEqualTo("0.00%");
      }
    }
    Row totals = rows.get(rows.size() - 1);
    assertThat(cell(totals, header, "商品编号 (id)").getRawValue()).isEqualTo("合计");
    assertThat(cell(totals, header, "gmv").asNumber()).isEqualByComparingTo("635.00");
    assertThat(cell(totals, header, "paidGmv").asNumber()).isEqualByComparingTo("140.00");
  }

  @Test
  @DisplayName("the totals sheet has the report's totals, one figure a row, money and rates as numbers")
  void totals() {
    Map<String, Cell> figures = new HashMap<>();
    for (Row row : workbook.get("totals").subList(1, workbook.get("totals").size())) {
      figures.put(key(row.getCell(0).getRawValue()), row.getCellCount() > 1 ? row.getCell(1) : null);
    }
    JsonNode totals = report.get("totals");
    assertThat(figures.get("title").getRawValue()).isEqualTo(report.at("/show/title").asText());
    assertThat(figures.get("status").getRawValue()).isEqualTo("ended");
    assertThat(figures.get("startedAt").getDataFormatString()).isEqualTo("yyyy-mm-dd hh:mm:ss");
    assertThat(whole(figures.get("pv"))).isEqualTo(totals.get("pv").asLong());
    assertThat(whole(figures.get("uv"))).isEqualTo(totals.get("uv").asLong());
    assertThat(figures.get("gmv").asNumber()).isEqualByComparingTo(BigDecimal.valueOf(totals.get("gmvCents").asLong(), 2));
    assertThat(figures.get("refund").asNumber()).isEqualByComparingTo("20.00");
    assertThat(figures.get("refund").getDataFormatString()).isEqualTo("¥0.00");
    assertThat(figures.get("clickRate").asNumber().doubleValue()).isEqualTo(totals.get("clickRate").asDouble());
    assertThat(figures.get("clickRate").getDataFormatString()).isEqualTo("0.00%");
    // no coupons on this show: the figure is there, its value empty
    assertThat(figures).containsKey("discount");
  }

  @Test
  @DisplayName("minutes, lotteries and coupons sheets follow the report's timeline, lotteries and (no) coupons")
  void otherSheets() {
    List<Row> minutes = workbook.get("minutes");
    assertThat(minutes).hasSize(1 + report.get("timeline").size());
    List<String> gmv = minutes.subList(1, minutes.size()).stream().map(row -> row.getCell(5).asNumber())
        .map(number -> number.movePointRight(2).toBigInteger().toString()).toList();
    assertThat(gmv).containsExactly("16000", "7500", "40000", "0", "0");

    List<Row> lotteries = workbook.get("lotteries");
    assertThat(lotteries).hasSize(2);
    List<String> header = texts(lotteries.get(0));
    JsonNode lottery = report.get("lotteries").get(0);
    assertThat(cell(lotteries.get(1), header, "lotteryId").getRawValue()).isEqualTo(lottery.get("lotteryId").asText());
    assertThat(cell(lotteries.get(1), header, "winners").getRawValue()).isEqualTo("v1");
    assertThat(cell(lotteries.get(1), header, "seed").getRawValue()).isEqualTo(lottery.get("seed").asText());

    assertThat(workbook.get("coupons")).hasSize(1);
    assertThat(texts(workbook.get("coupons").get(0))).contains("券编号 (couponId)", "优惠金额/元 (discount)");
  }

  @Test
  @DisplayName("an .xlsx run-sheet loads like the CSV; runsheet.xlsx gives it back with swaps and imports to the same")
  void runSheetBothWays() throws Exception {
    Api api = show.api();
    Api.Show studio = api.createShow("Excel 往返");
    Api.Response loaded = putXlsx(studio, "xlsx/sample-runsheet.xlsx");
    assertThat(loaded.status()).isEqualTo(200);
    assertThat(loaded.json().get("items").asInt()).isEqualTo(34);
    assertThat(api.command(studio.controlToken(), studio.id(), "runsheet.swap",
        Api.args("itemId", "SHINE-MUSCAT-2", "backupId", "BK-PEACH")).status()).isEqualTo(200);

    HttpResponse<byte[]> exported = download("/api/shows/" + studio.id() + "/runsheet.xlsx", studio.controlToken());
    assertThat(exported.statusCode()).isEqualTo(200);
    assertThat(exported.headers().firstValue("content-type")).hasValue(ApiServer.XLSX);
    RunSheet back = RunSheetImport.fromXlsx(exported.body()).sheet();
    RunSheet csv = RunSheetImport.fromCsv(fixture("sample-runsheet.csv")).sheet();
    assertThat(back.opening()).isEqualTo(csv.opening());
    assertThat(back.closing()).isEqualTo(csv.closing());
    assertThat(back.items()).hasSize(34);
    assertThat(back.items().get(1).id()).isEqualTo("BK-PEACH");
    assertThat(back.items().get(1).role().wire()).isEqualTo("main");
    assertThat(back.items().stream().filter(item -> item.id().equals("SHINE-MUSCAT-2")).findFirst().orElseThrow()
        .role().wire()).isEqualTo("backup");

    // the staff snapshot's running order is what was exported
    JsonNode snapshot = api.get("/api/shows/" + studio.id(), Api.bearer(studio.controlToken())).json();
    List<String> running = snapshot.findValue("items").findValuesAsText("id");
    assertThat(back.items().stream().map(item -> item.id()).toList()).containsExactlyElementsOf(running);
  }

  @Test
  @DisplayName("a broken .xlsx is refused whole, each problem at its Excel row; a show without a sheet has no export")
  void brokenXlsx() throws Exception {
    Api.Show studio = show.api().createShow("坏表");
    Api.Response refused = putXlsx(studio, "xlsx/multiline-script.xlsx");
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.errorCode()).isEqualTo("INVALID_ARGUMENT");
    assertThat(refused.json().at("/error/details").findValuesAsText("line")).containsExactly("4", "5", "6");

    assertThat(download("/api/shows/" + studio.id() + "/runsheet.xlsx", studio.controlToken()).statusCode())
        .isEqualTo(404);
  }

  @Test
  @DisplayName("LibreOffice, where installed, shows the report's money as ¥ and rates as %, and reads the run-sheet back")
  void libreOfficeReadsTheExports() throws Exception {
    Assumptions.assumeTrue(LibreOffice.installed(), "LibreOffice (soffice) is not installed");
    Path dir = Files.createTempDirectory("livedesk-excel-");
    Path reportFile = Files.write(dir.resolve("report.xlsx"),
        download("/api/shows/" + show.show.id() + "/report.xlsx", show.show.controlToken()).body());
    Map<String, List<List<String>>> sheets = LibreOffice.csvSheets(reportFile);

    List<List<String>> items = sheets.get("items");
    List<String> header = items.get(0);
    List<String> a = items.get(1);
    assertThat(a.get(header.indexOf("下单金额/元 (gmv)"))).isEqualTo(Fen.yuan(report.at("/items/0/gmvCents").asLong()));
    assertThat(a.get(header.indexOf("点击转化率 (clickConversion)"))).isEqualTo("100.00%");
    assertThat(items.get(items.size() - 1).get(header.indexOf("成交金额/元 (paidGmv)"))).isEqualTo("¥140.00");
    assertThat(sheets.get("coupons")).hasSize(1);

    Api.Show studio = show.api().createShow("LibreOffice");
    show.api().loadSampleSheet(studio);
    Path runSheetFile = Files.write(dir.resolve("runsheet.xlsx"),
        download("/api/shows/" + studio.id() + "/runsheet.xlsx", studio.controlToken()).body());
    byte[] csv = Files.readAllBytes(LibreOffice.csvOfFirstSheet(runSheetFile));
    assertThat(RunSheetImport.fromCsv(csv).sheet()).isEqualTo(RunSheetImport.fromCsv(fixture("sample-runsheet.csv")).sheet());
  }

  private static Api.Response putXlsx(Api.Show studio, String fixture) throws IOException {
    return show.api().send("PUT", "/api/shows/" + studio.id() + "/runsheet",
        Map.of("Authorization", "Bearer " + studio.controlToken(), "Content-Type", ApiServer.XLSX), fixture(fixture));
  }

  private static byte[] fixture(String name) throws IOException {
    return Files.readAllBytes(Path.of("src/test/resources/runsheets", name));
  }

  static HttpResponse<byte[]> download(String path, String token) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(show.server.baseUrl() + path))
        .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  /** Every sheet's rows, by sheet name in workbook order, with number formats. */
  static Map<String, List<Row>> sheets(byte[] xlsx) throws IOException {
    try (ReadableWorkbook book = new ReadableWorkbook(new ByteArrayInputStream(xlsx), new ReadingOptions(true, false))) {
      Map<String, List<Row>> sheets = new java.util.LinkedHashMap<>();
      for (Sheet sheet : book.getSheets().toList()) {
        sheets.put(sheet.getName(), sheet.read());
      }
      return sheets;
    }
  }

  private static List<String> texts(Row row) {
    return row.stream().map(cell -> cell == null ? "" : cell.getRawValue()).collect(Collectors.toList());
  }

  /** The cell under the header whose English key is {@code key}, e.g. "gmv" for "下单金额/元 (gmv)". */
  private static Cell cell(Row row, List<String> header, String key) {
    int column = -1;
    for (int c = 0; c < header.size(); c++) {
      if (header.get(c).equals(key) || key(header.get(c)).equals(key)) {
        column = c;
      }
    }
    assertThat(column).as(key).isNotNegative();
    return column < row.getCellCount() ? row.getCell(column) : null;
  }

  private static String key(String header) {
    return header.substring(header.lastIndexOf('(') + 1, header.length() - 1);
  }

  private static long whole(Cell cell) {
    return cell.asNumber().longValueExact();
  }
}
