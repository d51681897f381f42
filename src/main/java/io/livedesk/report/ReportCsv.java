package io.livedesk.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.livedesk.show.Fen;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The report as a spreadsheet: a header row, one row per item in running order, a totals row. UTF-8 with a
 * BOM so Excel reads the Chinese, RFC 4180 quoting, money in yuan, and no cell that a spreadsheet would
 * take for a formula.
 */
public final class ReportCsv {

  private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

  private ReportCsv() {
  }

  /** The CSV bytes of a report built by {@link ShowReport}. */
  public static byte[] of(JsonNode report) {
    StringBuilder out = new StringBuilder(4096);
    List<String> header = new ArrayList<>();
    ItemColumns.COLUMNS.forEach(column -> header.add(column.header()));
    row(out, header);
    for (JsonNode item : report.path("items")) {
      row(out, ItemColumns.COLUMNS.stream().map(column -> text(column.kind(), column.item().apply(item))).toList());
    }
    row(out, ItemColumns.COLUMNS.stream().map(column -> text(column.kind(), column.total().apply(report))).toList());
    return withBom(out.toString().getBytes(StandardCharsets.UTF_8));
  }

  /** The UTF-8 text after a BOM, so that Excel reads the Chinese. */
  static byte[] withBom(byte[] text) {
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

  private static String text(ItemColumns.Kind kind, JsonNode value) {
    return switch (kind) {
      case TEXT -> value.asText();
      case WHOLE -> String.valueOf(value.asLong());
      case MONEY -> Fen.plain(value.asLong());
      case RATE -> percent(value);
      case TIME -> value.isNumber() ? Instant.ofEpochMilli(value.asLong()).toString() : "";
    };
  }

  /** A rate as a percentage with two decimals (Excel reads "12.50%" as the number 0.125); empty when null. */
  private static String percent(JsonNode rate) {
    if (!rate.isNumber()) {
      return "";
    }
    return BigDecimal.valueOf(rate.asDouble()).movePointRight(2).setScale(2, RoundingMode.HALF_UP).toPlainString() + "%";
  }
}
