package io.livedesk.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.livedesk.show.ShowState;
import io.livedesk.show.ShowStatus;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Reports as the server hands them out: a live show's from its current state every time; an ended show's
 * built once and kept for as long as its history ends at the same seq (a late payment makes a new one).
 * A request is served in two halves: {@link #prepare} on the show's context copies what the report reads,
 * {@link #report(Request)} builds it on any thread. Kept reports are shared and must not be changed.
 */
public final class ShowReports {

  /** What a request takes off the show's context: an ended show's kept report, or the facts to build one. */
  public record Request(ObjectNode kept, ReportFacts facts) {}

  private record Kept(long seq, ObjectNode report) {}

  private final Map<String, Kept> ended = new ConcurrentHashMap<>();
  private final Function<ReportFacts, ObjectNode> builder;

  public ShowReports() {
    this(ShowReport::build);
  }

  /** With the build given, so that a test can see which thread runs it. */
  public ShowReports(Function<ReportFacts, ObjectNode> builder) {
    this.builder = builder;
  }

  /** Runs on the show's replica context, where {@code state} and {@code figures} live. */
  public Request prepare(ShowState state, ShowFigures figures, long now) {
    if (state.status() == ShowStatus.ENDED) {
      Kept kept = ended.get(state.id());
      if (kept != null && kept.seq() == state.seq()) {
        return new Request(kept.report(), null);
      }
    }
    return new Request(null, ReportFacts.of(state, figures, now));
  }

  /** Runs anywhere (the back office, in the server): the kept report, or one built from the facts. */
  public ObjectNode report(Request request) {
    if (request.kept() != null) {
      return request.kept();
    }
    ObjectNode report = builder.apply(request.facts());
    ReportFacts.Show show = request.facts().show();
    if (show.status() != ShowStatus.ENDED) {
      return report;
    }
    // two builds of one ended show may finish in any order: the later history is kept, and one copy of it
    Kept kept = ended.merge(show.id(), new Kept(show.seq(), report),
        (old, built) -> old.seq() >= built.seq() ? old : built);
    return kept.seq() == show.seq() ? kept.report() : report;
  }

  /** Both halves on the caller's thread, the show's context. */
  public ObjectNode report(ShowState state, ShowFigures figures, long now) {
    return report(prepare(state, figures, now));
  }
}
