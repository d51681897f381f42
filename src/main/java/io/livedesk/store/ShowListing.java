package io.livedesk.store;

import io.livedesk.show.ShowStatus;

/** One row of the show list. */
public record ShowListing(String id, String title, ShowStatus status, Long plannedStartAt, Long startedAt,
    Long endedAt, boolean rehearsal) {}
