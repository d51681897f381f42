package io.livedesk.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.livedesk.json.Json;
import io.livedesk.testing.Api;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** GET /api/shows/{id}/report and report.csv on a show played over HTTP, restarted in the middle and after the end. */
class ReportEndpointsTest {

  @RegisterExtension
  static final ReviewedShow show = ReviewedShow.onItsOwnServer();
  static JsonNode liveBeforeRestart;
  static JsonNode liveAfterRestart;
  static JsonNode ended;
  static JsonNode endedAfterRestart;

  @BeforeAll
  static void play() throws Exception {
    show.playFirstHalf();
    liveBeforeRestart = show.report();
    show.server.restart();
    liveAfterRestart = show.report();
    show.playSecondHalf();
    ended = show.report();
    show.at(10_000);
    show.server.restart();
    endedAfterRestart = show.report();
  }

  @Test
  @DisplayName("a restart in the middle of the show and one after its end change nothing in the report")
  void identicalAfterRestart() {
    assertThat(liveBeforeRestart.at("/show/status").asText()).isEqualTo("live");
    // t=95: o1 2×A at ¥80 and o2 1×A at ¥75, at the amounts they were placed for
    assertThat(liveBeforeRestart.at("/totals/gmvCents").asLong()).isEqualTo(23_500);
    assertThat(Json.text(liveAfterRestart)).isEqualTo(Json.text(liveBeforeRestart));

    assertThat(ended.at("/show/status").asText()).isEqualTo("ended");
    // the clock went on for hours before the second restart: an ended show's report is as of its end
    assertThat(Json.text(endedAfterRestart)).isEqualTo(Json.text(ended));
  }

  @Test
  @DisplayName("the ended show's report has the figures of what was played")
  void endedFigures() {
    JsonNode t = ended.get("totals");
    // joins: v1 t=5, v2 t=10, v1 again t=100; viewers v1 v2 and v3 (who only clicked and ordered)
    assertThat(t.get("pv").asLong()).isEqualTo(3);
    assertThat(t.get("uv").asLong()).isEqualTo(3);
    assertThat(t.get("peakOnline").asInt()).isEqualTo(2);
    assertThat(t.get("peakAt").asLong()).isEqualTo(ReviewedShow.T0 + 10_000);
    // v1 5→90 and 100→290 = 275 s, v2 10→90 = 80 s: 355 s / 3
    assertThat(t.get("avgWatchSeconds").asDouble()).isEqualTo(355.0 / 3);
    assertThat(t.get("clicks").asLong()).isEqualTo(3);
    assertThat(t.get("orders").asLong()).isEqualTo(3);
    assertThat(t.get("units").asLong()).isEqualTo(4);
    // A 2 × ¥80 + 1 × ¥75 + B 1 × ¥400 (expired, still placed)
    assertThat(t.get("gmvCents").asLong()).isEqualTo(63_500);
    assertThat(t.get("paidGmvCents").asLong()).isEqualTo(14_000);
    // o1 paid 2 × ¥80 and is due 2 × ¥70
    assertThat(t.get("refundCents").asLong()).isEqualTo(2_000);
    assertThat(t.get("orderers").asLong()).isEqualTo(3);
    assertThat(t.get("buyers").asLong()).isEqualTo(1);
    assertThat(t.get("newSubscribers").asLong()).isZero();

    JsonNode items = ended.get("items");
    assertThat(items).hasSize(4);
    assertThat(items.get(0).get("airedSeconds").asLong()).isEqualTo(110);
    assertThat(items.get(1).get("airedSeconds").asLong()).isEqualTo(150);
    assertThat(items.get(0).get("priceChanges").get(0).get("to").asLong()).isEqualTo(7_500);

    JsonNode lottery = ended.get("lotteries").get(0);
    assertThat(lottery.get("lotteryId").asText()).isEqualTo(show.lotteryId);
    assertThat(lottery.get("winners").get(0).asText()).isEqualTo("v1");
    assertThat(lottery.get("seed").asText()).hasSize(64);

    // t=0…300: minutes 0…4; online at each minute's end: 2, 1 (both left at t=90, v1 back at t=100), 1, 1, 0
    JsonNode timeline = ended.get("timeline");
    assertThat(timeline).hasSize(5);
    assertThat(timeline.findValuesAsText("online")).containsExactly("2", "1", "1", "1", "0");
    assertThat(timeline.findValuesAsText("peakOnline")).containsExactly("2", "2", "1", "1", "1");
    assertThat(timeline.findValuesAsText("gmvCents")).containsExactly("16000", "7500", "40000", "0", "0");
    assertThat(ended.get("cues").findValuesAsText("ts")).hasSize(4);
  }

  @Test
  @DisplayName("only the show's control token reads its report")
  void controlOnly() {
    String path = "/api/shows/" + show.show.id() + "/report";
    assertThat(show.api().get(path, Map.of()).errorCode()).isEqualTo("UNAUTHORIZED");
    assertThat(show.api().get(path, Api.bearer(show.show.prompterToken())).errorCode()).isEqualTo("FORBIDDEN");
    assertThat(show.api().get(path + ".csv", Api.bearer(show.show.prompterToken())).status()).isEqualTo(403);
    assertThat(show.api().get("/api/shows/no-such-show/report", Api.bearer(show.show.controlToken())).status())
        .isEqualTo(404);
  }

  @Test
  @DisplayName("the CSV opens as UTF-8 with a BOM, one row per item and a totals row, quoted and formula-safe")
  void csv() throws Exception {
    HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create(show.server.baseUrl() + "/api/shows/" + show.show.id() + "/report.csv"))
        .header("Authorization", "Bearer " + show.show.controlToken()).build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type")).hasValue("text/csv; charset=utf-8");
    assertThat(response.headers().firstValue("content-disposition").orElseThrow())
        .startsWith("attachment; filename=\"livedesk-report-" + show.show.id() + ".csv\"")
        // 复盘 in UTF-8, percent-encoded
        .contains("filename*=UTF-8''%E5%A4%8D%E7%9B%98-");
    byte[] body = response.body();
    assertThat(Arrays.copyOf(body, 3)).containsExactly(0xEF, 0xBB, 0xBF);
    String text = new String(body, 3, body.length - 3, StandardCharsets.UTF_8);
    assertThat(text).contains("\"保温杯, 大号 \"\"真空\"\"\"").endsWith("\r\n");

    List<List<String>> rows = Rfc4180.parse(text);
    assertThat(rows).hasSize(1 + 4 + 1);
    List<String> header = rows.get(0);
    assertThat(header.get(0)).isEqualTo("商品编号 (id)");
    assertThat(header.get(1)).isEqualTo("商品名称 (name)");
    assertThat(header).allSatisfy(cell -> assertThat(cell).matches(".+ \\([A-Za-z]+\\)"));
    for (List<String> row : rows) {
      assertThat(row).hasSameSizeAs(header);
    }
    int gmv = header.indexOf("下单金额/元 (gmv)");
    int paid = header.indexOf("成交金额/元 (paidGmv)");
    int conversion = header.indexOf("点击转化率 (clickConversion)");

    List<String> a = rows.get(1);
    assertThat(a.get(0)).isEqualTo("A");
    assertThat(a.get(1)).isEqualTo(ReviewedShow.NAME_A);
    assertThat(a.get(gmv)).isEqualTo("235.00");
    assertThat(a.get(paid)).isEqualTo("140.00");
    assertThat(a.get(header.indexOf("应退金额/元 (refund)"))).isEqualTo("20.00");
    assertThat(a.get(conversion)).isEqualTo("100.00%");

    List<String> b = rows.get(2);
    assertThat(b.get(1)).isEqualTo("'" + ReviewedShow.NAME_B);
    assertThat(b.get(gmv)).isEqualTo("400.00");

    List<String> backup = rows.get(3);
    assertThat(backup.get(2)).isEqualTo("备品");
    assertThat(backup.get(conversion)).isEmpty();

    List<String> totals = rows.get(5);
    assertThat(totals.get(0)).isEqualTo("合计");
    assertThat(totals.get(gmv)).isEqualTo("635.00");
    assertThat(totals.get(paid)).isEqualTo("140.00");
    for (List<String> row : rows) {
      for (String cell : row) {
        assertThat(cell).doesNotStartWith("=").doesNotStartWith("+").doesNotStartWith("-").doesNotStartWith("@");
      }
    }
  }

  /** A strict RFC 4180 reader: CRLF records, quoted fields with doubled quotes, nothing else. */
  static final class Rfc4180 {

    static List<List<String>> parse(String text) {
      List<List<String>> rows = new ArrayList<>();
      List<String> row = new ArrayList<>();
      StringBuilder field = new StringBuilder();
      int i = 0;
      boolean quoted = false;
      while (i < text.length()) {
        char c = text.charAt(i);
        if (quoted) {
          if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
            field.append('"');
            i += 2;
            continue;
          }
          if (c == '"') {
            quoted = false;
          } else {
            field.append(c);
          }
          i++;
        } else if (c == '"') {
          if (field.length() > 0) {
            throw new IllegalArgumentException("a quote inside an unquoted field at " + i);
          }
          quoted = true;
          i++;
        } else if (c == ',') {
          row.add(field.toString());
          field.setLength(0);
          i++;
        } else if (c == '\r') {
          if (i + 1 >= text.length() || text.charAt(i + 1) != '\n') {
            throw new IllegalArgumentException("a bare CR at " + i);
          }
          row.add(field.toString());
          field.setLength(0);
          rows.add(row);
          row = new ArrayList<>();
          i += 2;
        } else if (c == '\n') {
          throw new IllegalArgumentException("a bare LF at " + i);
        } else {
          field.append(c);
          i++;
        }
      }
      if (quoted) {
        throw new IllegalArgumentException("an unclosed quote");
      }
      if (field.length() > 0 || !row.isEmpty()) {
        throw new IllegalArgumentException("the last record has no CRLF");
      }
      return rows;
    }
  }
}
