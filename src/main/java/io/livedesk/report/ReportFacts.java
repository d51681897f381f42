package io.livedesk.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.livedesk.show.ItemState;
import io.livedesk.show.LotteryState;
import io.livedesk.show.PriceChange;
import io.livedesk.show.ShowState;
import io.livedesk.show.ShowStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the report reads of a show, copied on the show's context so that the report is built off the event
 * loops (docs/protocol.md §Limits that protect the show). Nothing in it is shared with the live state or
 * figures; taking it costs the items, price changes, lotteries, minutes and cue marks, never the events.
 */
public record ReportFacts(Show show, Totals totals, List<Item> items, List<PriceChange> priceChanges,
    List<Lottery> lotteries, List<Point> timeline, List<ShowFigures.CueMark> cues, PromotionFacts promotions,
    CommentFacts comments) {

  /**
   * The show's own lines, as the report writes them; {@code asOf} is the end of an ended show, else the instant
   * the facts were taken, and {@code airedSeconds} runs from the start to it.
   */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record Show(String id, String title, ShowStatus status, boolean rehearsal, Long plannedStartAt,
      int plannedMinutes, Long startedAt, Long endedAt, long asOf, long seq, long airedSeconds,
      long plannedSeconds) {}

  /** An item of the running order, its figures and prices. */
  public record Item(ItemFigures figures, long listPriceCents, long priceCents) {}

  /**
   * A lottery's proof as far as it goes, as the report writes it: {@code winners} and {@code seed} are null until
   * it is drawn.
   */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record Lottery(String lotteryId, String itemId, String phase, int entrants, List<String> winners,
      int winnersCount, String commitment, String seed, String entrantsHash, long openedAt, Long closedAt,
      Long drawnAt) {}

  /** One minute of the timeline, as the report writes it: these components, in this order. */
  public record Point(int minute, int online, int peakOnline, long pv, long orders, long gmvCents, long comments) {}

  /** On the show's context: the facts as of {@code now}, or as of the end of an ended show. */
  public static ReportFacts of(ShowState state, ShowFigures figures, long now) {
    long asOf = state.endedAt() != null ? state.endedAt() : now;
    long plannedSeconds = 0;
    List<Item> items = new ArrayList<>(state.running().size());
    for (ItemState item : state.running()) {
      plannedSeconds += item.spec().plannedSeconds();
      items.add(new Item(ItemFigures.of(state, figures, item, asOf), item.spec().listPriceCents(),
          item.currentPriceCents()));
    }
    Long startedAt = state.startedAt();
    long airedSeconds = startedAt == null ? 0 : Math.max(0, (asOf - startedAt) / 1000);
    Show show = new Show(state.id(), state.meta().title(), state.status(), state.meta().rehearsal(),
        state.meta().plannedStartAt(), state.meta().plannedMinutes(), startedAt, state.endedAt(), asOf,
        state.seq(), airedSeconds, plannedSeconds);
    List<Lottery> lotteries = new ArrayList<>();
    for (LotteryState lottery : state.lotteries()) {
      lotteries.add(lottery(lottery));
    }
    return new ReportFacts(show, Totals.of(state, figures, asOf), List.copyOf(items),
        List.copyOf(state.priceChanges()), List.copyOf(lotteries), timeline(state, figures, asOf),
        List.copyOf(figures.cues()), PromotionFacts.of(state), CommentFacts.of(state));
  }

  private static Lottery lottery(LotteryState lottery) {
    boolean drawn = lottery.phase() == LotteryState.Phase.DRAWN;
    return new Lottery(lottery.id(), lottery.terms().itemId(), lottery.phase().name().toLowerCase(Locale.ROOT),
        lottery.entrantCount(), drawn ? List.copyOf(lottery.winners()) : null, lottery.terms().winners(),
        lottery.terms().commitment(), drawn ? lottery.terms().seed() : null, lottery.entrantsHash(), lottery.openedAt(),
        lottery.closedAt(), lottery.drawnAt());
  }

  /** One point per minute from the start to the end (or {@code asOf}), quiet minutes included. */
  private static List<Point> timeline(ShowState state, ShowFigures figures, long asOf) {
    if (state.startedAt() == null) {
      return List.of();
    }
    long until = state.endedAt() == null ? asOf : ShowFigures.lastInstant(state.startedAt(), state.endedAt());
    List<ShowFigures.Minute> minutes = figures.minutesUntil(state.startedAt(), until);
    List<Point> points = new ArrayList<>(minutes.size());
    for (ShowFigures.Minute minute : minutes) {
      points.add(new Point(minute.index(), minute.online(), minute.peakOnline(), minute.pv(), minute.orders(),
          minute.gmvCents(), minute.comments()));
    }
    return List.copyOf(points);
  }
}
