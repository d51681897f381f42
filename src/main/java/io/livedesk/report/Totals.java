package io.livedesk.report;

import io.livedesk.show.ItemState;
import io.livedesk.show.ShowState;

/** The show's totals at one instant, read on the show's context; the ticks and the report render them. */
public record Totals(long pv, long uv, int online, int peakOnline, long peakAt, long connectedMillis,
    long newSubscribers, Tally tally, ReservationFunnel.Counts reservations) {

  /** The totals up to {@code now}, or up to the end of an ended show; one pass over the running order. */
  public static Totals of(ShowState state, ShowFigures figures, long now) {
    long paidGmv = 0;
    long refund = 0;
    for (ItemState item : state.running()) {
      paidGmv += ShowFigures.paidGmv(figures.itemCounters(item.id()), item);
      refund += item.refundCents();
    }
    long until = state.endedAt() == null ? now : state.endedAt();
    return new Totals(figures.pv(), figures.uv(), state.presence().online(), state.presence().peak(),
        state.presence().peakAt(), figures.connectedMillis(until), figures.newSubscribers(),
        Tally.of(figures.totals(), paidGmv, refund), figures.funnel(state.reservations().count()));
  }
}
