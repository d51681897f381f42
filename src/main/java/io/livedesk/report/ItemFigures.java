package io.livedesk.report;

import io.livedesk.show.ItemState;
import io.livedesk.show.ShowState;

/** One item's figures at one instant, read on the show's context; {@code airedSeconds} counts a running slot. */
public record ItemFigures(String id, String name, String role, long plannedSeconds, long airedSeconds, Tally tally) {

  public static ItemFigures of(ShowState state, ShowFigures figures, ItemState item, long now) {
    ShowFigures.Counters counters = figures.itemCounters(item.id());
    return new ItemFigures(item.id(), item.spec().name(), item.role().wire(), item.spec().plannedSeconds(),
        FigureViews.airedSeconds(state, item, now),
        Tally.of(counters, ShowFigures.paidGmv(counters, item), item.refundCents()));
  }
}
