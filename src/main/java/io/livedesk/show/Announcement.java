package io.livedesk.show;

import java.io.Serializable;

/** A live-room announcement (公告); a retracted one stays in history with the time it was taken down. */
public record Announcement(String id, String text, boolean pinned, long publishedAt, Long retractedAt)
    implements Serializable {

  public boolean live() {
    return retractedAt == null;
  }
}
