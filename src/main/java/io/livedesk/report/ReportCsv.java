package io.livedesk.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.livedesk.show.Fen;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The report as a spreadsheet: a header row, one row per item in running order, a totals row. UTF-8 with a
 * BOM so Excel reads the Chinese, RFC 4180 quoting, money in yuan, and no cell that a spreadsheet would
 * take for a formula.
 */
public final class ReportCsv {

  private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
  private static final String TOTAL = "合计";
  private static final Map<String, String> ROLES = Map.of("main", "主品", "backup", "备品", "lottery", "福袋");

  /** A column: its header (Chinese, the English key in brackets) and its cell for an item or the totals. */
  private record Column(String header, Function<JsonNode, String> item, Function<JsonNode, String> total) {}

  private static final List<Column> COLUMNS = List.of(
      new Column("商品编号 (id)", i -> i.path("id").asText(), r -> TOTAL),
      new Column("商品名称 (name)", i -> i.path("name").asText(), r -> ""),
      new Column("类型 (role)", i -> ROLES.getOrDefault(i.path("role").asText(), i.path("role").asText()), r -> ""),
      new Column("计划时长/秒 (plannedSeconds)", i -> whole(i, "plannedSeconds"), r -> sum(r, "plannedSeconds")),
      new Column("实际时长/秒 (airedSeconds)", i -> whole(i, "airedSeconds"), r -> sum(r, "airedSeconds")),
      new Column("点击次数 (clicks)", i -> whole(i, "clicks"), r -> whole(r.get("totals"), "clicks")),
      new Column("点击人数 (clickers)", i -> whole(i, "clickers"), r -> whole(r.get("totals"), "clickers")),
      new Column("订单数 (orders)", i -> whole(i, "orders"), r -> whole(r.get("totals"), "orders")),
      new Column("件数 (units)", i -> whole(i, "units"), r -> whole(r.get("totals"), "units")),
      new Column("下单金额/元 (gmv)", i -> yuan(i, "gmvCents"), r -> yuan(r.get("totals"), "gmvCents")),
      new Column("成交订单数 (paidOrders)", i -> whole(i, "paidOrders"), r -> whole(r.get("totals"), "paidOrders")),
      new Column("成交金额/元 (paidGmv)", i -> yuan(i, "paidGmvCents"), r -> yuan(r.get("totals"), "paidGmvCents")),
      new Column("应退金额/元 (refund)", i -> yuan(i, "refundCents"), r -> yuan(r.get("totals"), "refundCents")),
      new Column("下单人数 (orderers)", i -> whole(i, "orderers"), r -> whole(r.get("totals"), "orderers")),
      new Column("成交人数 (buyers)", i -> whole(i, "buyers"), r -> whole(r.get("totals"), "buyers")),
      new Column("点击转化率 (clickConversion)", i -> percent(i, "clickConversion"),
          r -> percent(r.get("totals"), "clickConversion")),
      new Column("调价次数 (priceChanges)", i -> String.valueOf(i.path("priceChanges").size()), ReportCsv::priceChanges));

  private ReportCsv() {
  }

  /** The CSV bytes of a report built by {@link ShowReport}. */
  public static byte[] of(JsonNode report) {
    StringBuilder out = new StringBuilder(4096);
    List<String> header = new ArrayList<>();
    COLUMNS.forEach(column -> header.add(column.header()));
    row(out, header);
    for (JsonNode item : report.path("items")) {
      row(out, COLUMNS.stream().map(column -> column.item().apply(item)).toList());
    }
    row(out, COLUMNS.stream().map(column -> column.total().apply(report)).toList());
    byte[] text = out.toString().getBytes(StandardCharsets.UTF_8);
    byte[] bytes = new byte[BOM.length + text.length];
    System.arraycopy(BOM, 0, bytes, 0, BOM.length);
    System.arraycopy(text, 0, bytes, BOM.length, text.length);
    return bytes;
  }

  private static void row(StringBuilder out, List<String> cells) {
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      out.append(field(cells.get(i)));
    }
    out.append("\r\n");
  }

  /** One field, defused and quoted as RFC 4180 asks. */
  static String field(String value) {
    String safe = defused(value);
    boolean quote = safe.indexOf(',') >= 0 || safe.indexOf('"') >= 0 || safe.indexOf('\n') >= 0
        || safe.indexOf('\r') >= 0;
    return quote ? '"' + safe.replace("\"", "\"\"") + '"' : safe;
  }

  /** A cell a spreadsheet would read as a formula gets a leading apostrophe, so it stays text. */
  static String defused(String value) {
    if (value.isEmpty()) {
      return value;
    }
    char first = value.charAt(0);
    boolean formula = first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
    return formula ? "'" + value : value;
  }

  private static String whole(JsonNode node, String field) {
    return String.valueOf(node.path(field).asLong());
  }

  private static String yuan(JsonNode node, String field) {
    return Fen.plain(node.path(field).asLong());
  }

  /** A rate as a percentage with two decimals (Excel reads "12.50%" as the number 0.125); empty when null. */
  private static String percent(JsonNode node, String field) {
    JsonNode rate = node.path(field);
    if (!rate.isNumber()) {
      return "";
    }
    return BigDecimal.valueOf(rate.asDouble()).movePointRight(2).setScale(2, RoundingMode.HALF_UP).toPlainString() + "%";
  }

  private static String sum(JsonNode report, String field) {
    long sum = 0;
    for (JsonNode item : report.path("items")) {
      sum += item.path(field).asLong();
    }
    return String.valueOf(sum);
  }

  private static String priceChanges(JsonNode report) {
    long count = 0;
    for (JsonNode item : report.path("items")) {
      count += item.path("priceChanges").size();
    }
    return String.valueOf(count);
  }
}
