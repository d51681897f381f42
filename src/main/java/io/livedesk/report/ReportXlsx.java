package io.livedesk.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.livedesk.report.ItemColumns.Kind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/**
 * The report as an .xlsx workbook (docs/protocol.md §Report): sheets totals, items, minutes, lotteries and
 * coupons, each with a header row. Money is a number of yuan formatted ¥0.00, rates are numbers formatted as
 * percentages, instants are dates and times in China Standard Time, so the spreadsheet can sum and chart them.
 */
public final class ReportXlsx {

  static final String MONEY_FORMAT = "¥0.00";
  static final String RATE_FORMAT = "0.00%";
  static final String TIME_FORMAT = "yyyy-mm-dd hh:mm:ss";
  /** A spreadsheet has no time zones; the shows' audience and staff are in China. */
  private static final ZoneOffset SHOW_TIME = ZoneOffset.ofHours(8);
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** A column of a sheet other than items: its header, its kind, its value in one row's JSON. */
  private record Field(String header, Kind kind, Function<JsonNode, JsonNode> value) {

    /**
     * A sheet's columns from a table, one a line: the row's field, its kind, its header. A field named in
     * {@code computed} is shown as that function of the row rather than as the field itself.
     */
    static List<Field> table(String lines, Map<String, Function<JsonNode, JsonNode>> computed) {
      return lines.lines().map(line -> line.split("\\|")).map(cells -> {
        String field = cells[0].strip();
        return new Field(cells[2].strip(), Kind.valueOf(cells[1].strip()),
            computed.getOrDefault(field, node -> node.path(field)));
      }).toList();
    }
  }

  /** The totals sheet is one figure per row: where it is in the report and how it is shown. */
  private static final List<Field> TOTALS = totals();

  private static final List<Field> MINUTES = Field.table("""
      minute     | WHOLE | 分钟 (minute)
      online     | WHOLE | 在线 (online)
      peakOnline | WHOLE | 最高在线 (peakOnline)
      pv         | WHOLE | 观看次数 (pv)
      orders     | WHOLE | 订单数 (orders)
      gmvCents   | MONEY | 下单金额/元 (gmv)
      """, Map.of());

  private static final List<Field> LOTTERIES = Field.table("""
      lotteryId    | TEXT  | 抽奖编号 (lotteryId)
      itemId       | TEXT  | 商品编号 (itemId)
      phase        | TEXT  | 状态 (phase)
      entrants     | WHOLE | 参与人数 (entrants)
      winnersCount | WHOLE | 中奖名额 (winnersCount)
      winners      | TEXT  | 中奖观众 (winners)
      commitment   | TEXT  | 开奖承诺 (commitment)
      seed         | TEXT  | 种子 (seed)
      entrantsHash | TEXT  | 参与名单哈希 (entrantsHash)
      openedAt     | TIME  | 开始时间 (openedAt)
      closedAt     | TIME  | 截止时间 (closedAt)
      drawnAt      | TIME  | 开奖时间 (drawnAt)
      """, Map.of("winners", ReportXlsx::winners));

  private static final List<Field> COUPONS = Field.table("""
      couponId      | TEXT  | 券编号 (couponId)
      name          | TEXT  | 名称 (name)
      total         | WHOLE | 发放总数 (total)
      claimed       | WHOLE | 已领取 (claimed)
      used          | WHOLE | 已使用 (used)
      discountCents | MONEY | 优惠金额/元 (discount)
      gmvCents      | MONEY | 带动成交/元 (gmv)
      """, Map.of());

  private ReportXlsx() {
  }

  private static List<Field> totals() {
    List<Field> totals = new ArrayList<>(List.of(
        new Field("标题 (title)", Kind.TEXT, r -> r.at("/show/title")),
        new Field("状态 (status)", Kind.TEXT, r -> r.at("/show/status")),
        new Field("开播时间 (startedAt)", Kind.TIME, r -> r.at("/show/startedAt")),
        new Field("结束时间 (endedAt)", Kind.TIME, r -> r.at("/show/endedAt")),
        new Field("直播时长/秒 (airedSeconds)", Kind.WHOLE, r -> r.at("/show/airedSeconds")),
        new Field("计划时长/秒 (plannedSeconds)", Kind.WHOLE, r -> r.at("/show/plannedSeconds")),
        total("观看次数 (pv)", Kind.WHOLE, "pv"),
        total("观看人数 (uv)", Kind.WHOLE, "uv"),
        total("最高在线 (peakOnline)", Kind.WHOLE, "peakOnline"),
        total("平均观看时长/秒 (avgWatchSeconds)", Kind.WHOLE, "avgWatchSeconds"),
        total("新增关注 (newSubscribers)", Kind.WHOLE, "newSubscribers")));
    ItemColumns.FIGURES.forEach(figure -> totals.add(total(figure.header(), figure.kind(), figure.field())));
    totals.addAll(List.of(
        total("优惠金额/元 (discount)", Kind.MONEY, "discountCents"),
        total("点击率 (clickRate)", Kind.RATE, "clickRate"),
        total("下单转化率 (orderConversion)", Kind.RATE, "orderConversion"),
        total("UV价值/元 (uvValue)", Kind.MONEY, "uvValueCents"),
        total("千次观看成交/元 (gpm)", Kind.MONEY, "gpmCents")));
    return List.copyOf(totals);
  }

  /** The .xlsx bytes of a report built by {@link ShowReport}. */
  public static byte[] of(JsonNode report) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
    try {
      Workbook workbook = new Workbook(out, "Livedesk", "1.0");
      totals(workbook.newWorksheet("totals"), report);
      items(workbook.newWorksheet("items"), report);
      table(workbook.newWorksheet("minutes"), MINUTES, report.path("timeline"));
      table(workbook.newWorksheet("lotteries"), LOTTERIES, report.path("lotteries"));
      // a report without coupons still has their sheet, headers only
      table(workbook.newWorksheet("coupons"), COUPONS, report.path("coupons"));
      workbook.finish();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static void totals(Worksheet sheet, JsonNode report) {
    header(sheet, List.of("指标 (figure)", "数值 (value)"));
    for (int i = 0; i < TOTALS.size(); i++) {
      Field figure = TOTALS.get(i);
      sheet.value(i + 1, 0, figure.header());
      cell(sheet, i + 1, 1, figure.kind(), figure.value().apply(report));
    }
    sheet.width(0, 34);
    sheet.width(1, 22);
  }

  private static void items(Worksheet sheet, JsonNode report) {
    List<ItemColumns.Column> columns = ItemColumns.COLUMNS;
    header(sheet, columns.stream().map(ItemColumns.Column::header).toList());
    int row = 1;
    for (JsonNode item : report.path("items")) {
      for (int c = 0; c < columns.size(); c++) {
        cell(sheet, row, c, columns.get(c).kind(), columns.get(c).item().apply(item));
      }
      row++;
    }
    for (int c = 0; c < columns.size(); c++) {
      cell(sheet, row, c, columns.get(c).kind(), columns.get(c).total().apply(report));
    }
    sheet.style(row, 0).bold().set();
  }

  /** One row per element of {@code rows}, one column per field. */
  private static void table(Worksheet sheet, List<Field> fields, JsonNode rows) {
    header(sheet, fields.stream().map(Field::header).toList());
    int row = 1;
    for (JsonNode node : rows) {
      for (int c = 0; c < fields.size(); c++) {
        cell(sheet, row, c, fields.get(c).kind(), fields.get(c).value().apply(node));
      }
      row++;
    }
  }

  private static void header(Worksheet sheet, List<String> headers) {
    for (int c = 0; c < headers.size(); c++) {
      sheet.value(0, c, headers.get(c));
      sheet.style(0, c).bold().set();
      sheet.width(c, Math.max(12, headers.get(c).length() * 1.6));
    }
    sheet.freezePane(0, 1);
  }

  /** A value in its kind; a missing or null value leaves the cell empty. */
  private static void cell(Worksheet sheet, int row, int column, Kind kind, JsonNode value) {
    if (value == null || value.isMissingNode() || value.isNull()) {
      return;
    }
    switch (kind) {
      case TEXT -> sheet.value(row, column, value.asText());
      case WHOLE -> sheet.value(row, column, value.asLong());
      case MONEY -> {
        sheet.value(row, column, BigDecimal.valueOf(value.asLong(), 2));
        sheet.style(row, column).format(MONEY_FORMAT).set();
      }
      case RATE -> {
        sheet.value(row, column, value.asDouble());
        sheet.style(row, column).format(RATE_FORMAT).set();
      }
      case TIME -> {
        sheet.value(row, column, LocalDateTime.ofInstant(Instant.ofEpochMilli(value.asLong()), SHOW_TIME));
        sheet.style(row, column).format(TIME_FORMAT).set();
      }
    }
  }

  private static Field total(String header, Kind kind, String field) {
    return new Field(header, kind, r -> r.path("totals").path(field));
  }

  private static JsonNode winners(JsonNode lottery) {
    JsonNode winners = lottery.path("winners");
    if (!winners.isArray()) {
      return winners;
    }
    StringBuilder joined = new StringBuilder();
    for (JsonNode winner : winners) {
      joined.append(joined.length() == 0 ? "" : ", ").append(winner.asText());
    }
    return NODES.textNode(joined.toString());
  }
}
