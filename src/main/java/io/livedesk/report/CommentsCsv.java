package io.livedesk.report;

import io.livedesk.show.Comments;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * The show's latest comments for the shop (docs/protocol.md §Comments): a header row, then one row per kept
 * comment, oldest first, written as {@link ReportCsv} writes the report (BOM, RFC 4180, no formulas).
 */
public final class CommentsCsv {

  private CommentsCsv() {
  }

  public static byte[] of(List<Comments.Comment> comments) {
    StringBuilder out = new StringBuilder(96 + comments.size() * 96);
    out.append("评论 (commentId),时间 (ts),观众 (viewerId),内容 (text),仅作者可见 (shadow),已隐藏 (hidden)\r\n");
    for (Comments.Comment comment : comments) {
      out.append(comment.id()).append(',').append(Instant.ofEpochMilli(comment.ts())).append(',')
          .append(ReportCsv.field(comment.viewerId())).append(',').append(ReportCsv.field(comment.text()))
          .append(',').append(comment.shadow()).append(',').append(comment.hidden()).append("\r\n");
    }
    return ReportCsv.withBom(out.toString().getBytes(StandardCharsets.UTF_8));
  }
}
