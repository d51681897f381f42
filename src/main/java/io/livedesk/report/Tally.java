package io.livedesk.report;

/**
 * What was counted for one item, or for the whole show, at one instant (docs/design.md §Figures): plain
 * numbers, so a copy taken on the show's context can be read on any thread.
 */
public record Tally(long clicks, long clickers, long clickersWhoOrdered, long orders, long units, long gmvCents,
    long paidOrders, long paidGmvCents, long refundCents, long orderers, long buyers) {

  static Tally of(ShowFigures.Counters counters, long paidGmvCents, long refundCents) {
    return new Tally(counters.clicks(), counters.clickers(), counters.clickersWhoOrdered(), counters.orders(),
        counters.units(), counters.gmvCents(), counters.paidOrders(), paidGmvCents, refundCents, counters.orderers(),
        counters.buyers());
  }
}
