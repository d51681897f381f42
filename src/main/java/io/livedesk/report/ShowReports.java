package io.livedesk.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.livedesk.show.ShowState;
import io.livedesk.show.ShowStatus;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reports as the server hands them out: a live show's from its current state every time; an ended show's
 * built once and kept for as long as its history ends at the same seq (a late payment makes a new one).
 * Kept reports are shared and must not be changed.
 */
public final class ShowReports {

  private record Kept(long seq, ObjectNode report) {}

  private final Map<String, Kept> ended = new ConcurrentHashMap<>();

  /** Runs on the show's replica context, where {@code state} and {@code figures} live. */
  public ObjectNode report(ShowState state, ShowFigures figures, long now) {
    if (state.status() != ShowStatus.ENDED) {
      return ShowReport.build(state, figures, now);
    }
    Kept kept = ended.get(state.id());
    if (kept != null && kept.seq() == state.seq()) {
      return kept.report();
    }
    ObjectNode report = ShowReport.build(state, figures, now);
    ended.put(state.id(), new Kept(state.seq(), report));
    return report;
  }
}
