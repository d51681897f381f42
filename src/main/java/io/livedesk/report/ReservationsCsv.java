package io.livedesk.report;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

/**
 * Who reserved a show, for the shop to remind (docs/protocol.md §REST): a header row, then one row per
 * viewer in the order they reserved, written as {@link ReportCsv} writes the report (BOM, RFC 4180, no
 * formulas).
 */
public final class ReservationsCsv {

  private ReservationsCsv() {
  }

  /** {@code reservedAt}: viewer id → epoch milliseconds, in the order the viewers reserved. */
  public static byte[] of(Map<String, Long> reservedAt) {
    StringBuilder out = new StringBuilder(64 + reservedAt.size() * 48);
    out.append("观众 (viewerId),预约时间 (reservedAt)\r\n");
    reservedAt.forEach((viewer, at) -> out.append(ReportCsv.field(viewer)).append(',')
        .append(Instant.ofEpochMilli(at)).append("\r\n"));
    return ReportCsv.withBom(out.toString().getBytes(StandardCharsets.UTF_8));
  }
}
