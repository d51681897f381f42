package io.livedesk.show;

import java.io.Serializable;

/**
 * What a show is before anything happens in it: created by an admin, never changed by events.
 * {@code approval} is null for a show without the two-person rule (docs/protocol.md §Two-person rule).
 */
public record ShowMeta(
    String id,
    String title,
    Long plannedStartAt,
    int plannedMinutes,
    boolean rehearsal,
    long createdAt,
    ApprovalRule approval) implements Serializable {

  public static final int DEFAULT_PLANNED_MINUTES = 120;

  public ShowMeta(String id, String title, Long plannedStartAt, int plannedMinutes, boolean rehearsal, long createdAt) {
    this(id, title, plannedStartAt, plannedMinutes, rehearsal, createdAt, null);
  }
}
