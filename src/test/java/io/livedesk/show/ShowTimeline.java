package io.livedesk.show;

import static org.assertj.core.api.Assertions.assertThat;

import io.livedesk.lottery.VerifiableDraw;
import io.livedesk.report.ShowFigures;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A show driven one command at a time at explicit times, as its writer drives it: decide, then fold
 * the accepted events into the state (and the figures). Given commands must be accepted; the command
 * under test is decided with {@link #decide} and its outcome checked by the test.
 */
final class ShowTimeline {

  /** When every timeline's show starts; tests move the clock from here. */
  static final long START = 1_760_000_000_000L;

  private final ShowDecider decider;
  private final ShowState state;
  private final ShowFigures figures = new ShowFigures();
  private final List<Recorded> history = new ArrayList<>();
  private long now = START;

  private ShowTimeline(String showId, ShowRules rules) {
    VerifiableDraw draw = new VerifiableDraw();
    this.decider = new ShowDecider(rules, draw);
    this.state = new ShowState(new ShowMeta(showId, "timeline", null, 120, false, START), draw);
  }

  /** A show with these items loaded, not yet started. */
  static ShowTimeline draft(ShowRules rules, ItemSpec... items) {
    return draft("s-timeline", rules, items);
  }

  static ShowTimeline draft(String showId, ShowRules rules, ItemSpec... items) {
    ShowTimeline timeline = new ShowTimeline(showId, rules);
    timeline.given(Actor.CONTROL, new Command.LoadRunSheet(new RunSheet(null, null, Arrays.asList(items))));
    return timeline;
  }

  /** A live show with default rules and every sold item on the shelf. */
  static ShowTimeline live(ItemSpec... items) {
    return live(ShowRules.defaults(), items);
  }

  static ShowTimeline live(ShowRules rules, ItemSpec... items) {
    return live("s-timeline", rules, items);
  }

  /** A live show of this id: two shows with the same history differ only by it. */
  static ShowTimeline live(String showId, ShowRules rules, ItemSpec... items) {
    ShowTimeline timeline = draft(showId, rules, items);
    timeline.given(Actor.CONTROL, new Command.StartShow());
    for (ItemSpec item : items) {
      if (item.role() != ItemRole.LOTTERY) {
        timeline.given(Actor.CONTROL, new Command.ListItem(item.id()));
      }
    }
    return timeline;
  }

  /** A main item on sale at {@code priceCents} (list price 2× that), without tiers. */
  static ItemSpec item(String id, long priceCents, long stock, Integer limitPerViewer) {
    return item(id, priceCents, stock, limitPerViewer, List.of());
  }

  static ItemSpec item(String id, long priceCents, long stock, Integer limitPerViewer, List<Tier> tiers) {
    return new ItemSpec(id, ItemRole.MAIN, "item " + id, priceCents * 2, priceCents, null, stock, limitPerViewer,
        300, "script of " + id, List.of(), null, null, tiers, 0);
  }

  static ItemSpec prize(String id, int winners) {
    return new ItemSpec(id, ItemRole.LOTTERY, "prize " + id, 0, 0, null, 0, null, 0, null, List.of(), null, null,
        List.of(), winners);
  }

  static ShowRules holdSeconds(long seconds) {
    return new ShowRules(ShowRules.DEFAULT_PRICE_GUARD_BASIS_POINTS, seconds * 1000, false);
  }

  static Actor viewer(String id) {
    return Actor.viewer(id);
  }

  // ---- the clock ----

  long now() {
    return now;
  }

  ShowTimeline at(long millis) {
    now = millis;
    return this;
  }

  ShowTimeline advance(long millis) {
    now += millis;
    return this;
  }

  // ---- commands ----

  /** Something that happened before: it must be accepted; its result is returned. */
  Map<String, Object> given(Actor actor, Command command) {
    return given(actor, command, null);
  }

  Map<String, Object> given(Actor actor, Command command, String key) {
    Decision decision = decide(actor, command, key);
    assertThat(decision).as("given %s by %s", command, actor).isInstanceOf(Decision.Accepted.class);
    return ((Decision.Accepted) decision).result();
  }

  /** Decides a command now and, when accepted, records its events. */
  Decision decide(Actor actor, Command command) {
    return decide(actor, command, null);
  }

  Decision decide(Actor actor, Command command, String key) {
    Decision decision = decider.decide(state, new Request(actor, command, key), now);
    if (decision instanceof Decision.Accepted accepted) {
      List<Event> events = accepted.events();
      for (int i = 0; i < events.size(); i++) {
        boolean last = i == events.size() - 1;
        Recorded recorded = new Recorded(state.seq() + 1, now, actor, last ? key : null,
            last && key != null ? accepted.result() : null, events.get(i));
        state.evolve(recorded);
        figures.apply(recorded, state);
        history.add(recorded);
      }
    }
    return decision;
  }

  /** The events a command adds; fails unless it is accepted. */
  List<Event> accept(Actor actor, Command command) {
    Decision decision = decide(actor, command);
    assertThat(decision).as("%s by %s", command, actor).isInstanceOf(Decision.Accepted.class);
    return ((Decision.Accepted) decision).events();
  }

  /** The error a command is refused with; fails unless it is rejected, and checks nothing was recorded. */
  ShowError reject(Actor actor, Command command) {
    long before = state.seq();
    Decision decision = decide(actor, command);
    assertThat(decision).as("%s by %s", command, actor).isInstanceOf(Decision.Rejected.class);
    assertThat(state.seq()).isEqualTo(before);
    return ((Decision.Rejected) decision).error();
  }

  /** Places an order that must be accepted and returns its id. */
  String order(String viewerId, String itemId, int qty) {
    return (String) given(viewer(viewerId), new Command.PlaceOrder(itemId, qty)).get("orderId");
  }

  /** The shop's notification for an order, for the amount the order is for. */
  Command.RecordPayment payment(String orderId, String status, String paymentId) {
    return new Command.RecordPayment(orderId, status, paymentId, state.order(orderId).amountCents());
  }

  // ---- what the show looks like ----

  ShowState state() {
    return state;
  }

  ShowFigures figures() {
    return figures;
  }

  ItemState item(String itemId) {
    return state.item(itemId);
  }

  List<Recorded> history() {
    return List.copyOf(history);
  }

  /** The same history folded into a fresh state, as a restart rebuilds it. */
  ShowState replayed() {
    ShowState fresh = new ShowState(state.meta(), new VerifiableDraw());
    history.forEach(fresh::evolve);
    return fresh;
  }

  ShowDecider decider() {
    return decider;
  }
}
