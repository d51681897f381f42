package io.livedesk.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The report's item table as a spreadsheet shows it, in CSV and in .xlsx alike: a header (Chinese, the English
 * key in brackets), one row per item in running order and a totals row, each cell a value of a kind.
 */
final class ItemColumns {

  /**
   * How a cell is shown: text, a whole number, money in fen shown as yuan, a rate shown as a percentage, an
   * instant in epoch milliseconds shown as a date and time.
   */
  enum Kind { TEXT, WHOLE, MONEY, RATE, TIME }

  /** A column: its header, its kind, and its value for an item and for the totals row, from the report's JSON. */
  record Column(String header, Kind kind, Function<JsonNode, JsonNode> item, Function<JsonNode, JsonNode> total) {}

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final String TOTAL = "合计";
  private static final Map<String, String> ROLES = Map.of("main", "主品", "backup", "备品", "lottery", "福袋");

  /** A figure each item has and the report's totals have under the same name. */
  record Figure(String header, Kind kind, String field) {}

  static final List<Figure> FIGURES = List.of(
      new Figure("点击次数 (clicks)", Kind.WHOLE, "clicks"),
      new Figure("点击人数 (clickers)", Kind.WHOLE, "clickers"),
      new Figure("订单数 (orders)", Kind.WHOLE, "orders"),
      new Figure("件数 (units)", Kind.WHOLE, "units"),
      new Figure("下单金额/元 (gmv)", Kind.MONEY, "gmvCents"),
      new Figure("成交订单数 (paidOrders)", Kind.WHOLE, "paidOrders"),
      new Figure("成交金额/元 (paidGmv)", Kind.MONEY, "paidGmvCents"),
      new Figure("应退金额/元 (refund)", Kind.MONEY, "refundCents"),
      new Figure("下单人数 (orderers)", Kind.WHOLE, "orderers"),
      new Figure("成交人数 (buyers)", Kind.WHOLE, "buyers"),
      new Figure("点击转化率 (clickConversion)", Kind.RATE, "clickConversion"));

  static final List<Column> COLUMNS = columns();

  private ItemColumns() {
  }

  private static List<Column> columns() {
    List<Column> columns = new ArrayList<>(List.of(
        new Column("商品编号 (id)", Kind.TEXT, i -> i.path("id"), r -> NODES.textNode(TOTAL)),
        new Column("商品名称 (name)", Kind.TEXT, i -> i.path("name"), ItemColumns::blank),
        new Column("类型 (role)", Kind.TEXT, ItemColumns::role, ItemColumns::blank),
        new Column("计划时长/秒 (plannedSeconds)", Kind.WHOLE, i -> i.path("plannedSeconds"), r -> sum(r, "plannedSeconds")),
        new Column("实际时长/秒 (airedSeconds)", Kind.WHOLE, i -> i.path("airedSeconds"), r -> sum(r, "airedSeconds"))));
    for (Figure figure : FIGURES) {
      columns.add(new Column(figure.header(), figure.kind(), i -> i.path(figure.field()),
          r -> r.path("totals").path(figure.field())));
    }
    columns.add(new Column("调价次数 (priceChanges)", Kind.WHOLE, i -> NODES.numberNode(i.path("priceChanges").size()),
        ItemColumns::priceChanges));
    columns.add(new Column("调价人 (priceChangedBy)", Kind.TEXT, ItemColumns::changedBy, ItemColumns::blank));
    return List.copyOf(columns);
  }

  private static JsonNode role(JsonNode item) {
    String role = item.path("role").asText();
    return NODES.textNode(ROLES.getOrDefault(role, role));
  }

  private static JsonNode blank(JsonNode report) {
    return NODES.textNode("");
  }

  private static JsonNode sum(JsonNode report, String field) {
    long sum = 0;
    for (JsonNode item : report.path("items")) {
      sum += item.path(field).asLong();
    }
    return NODES.numberNode(sum);
  }

  /** Who changed the item's price, each once, in the order of their first change: people by name, else the role. */
  private static JsonNode changedBy(JsonNode item) {
    java.util.Set<String> names = new java.util.LinkedHashSet<>();
    item.path("priceChanges").forEach(change -> names.add(change.path("byName").asText(change.path("by").asText())));
    return NODES.textNode(String.join("、", names));
  }

  private static JsonNode priceChanges(JsonNode report) {
    long count = 0;
    for (JsonNode item : report.path("items")) {
      count += item.path("priceChanges").size();
    }
    return NODES.numberNode(count);
  }
}
