package io.livedesk.show;

import java.io.Serializable;

/** What a show is before anything happens in it: created by an admin, never changed by events. */
public record ShowMeta(
    String id,
    String title,
    Long plannedStartAt,
    int plannedMinutes,
    boolean rehearsal,
    long createdAt) implements Serializable {

  public static final int DEFAULT_PLANNED_MINUTES = 120;
}
