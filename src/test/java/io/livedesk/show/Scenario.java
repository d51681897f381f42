package io.livedesk.show;

import static org.assertj.core.api.Assertions.assertThat;

import io.livedesk.lottery.VerifiableDraw;
import io.livedesk.report.ShowFigures;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The show's rules in three lines: {@code given(history).when(command).then(events)} or
 * {@code .rejectedWith(code)}, decided and folded as the show's writer does it (the state and the
 * figures). History is either events ({@link #given(Event...)}, recorded by the technician one second
 * apart from {@link #T0}) or commands that must be accepted ({@link #live}, {@link #draft},
 * {@link #given(Actor, Command)}). Accepted events are folded in, so a scenario goes on with another
 * {@code when}.
 *
 * <p>The clock: unless it is set, a command is decided one second after the last event; once set with
 * {@link #at} or {@link #advance} it stays where it is put, as a writer's clock does between two
 * commands ({@link #live} and {@link #draft} shows start with it set to {@link #T0}).
 */
public final class Scenario {

  static final long T0 = 1_750_000_000_000L;
  static final String SHOW_ID = "s-test";
  static final ShowMeta META = meta(SHOW_ID);

  private final ShowState state;
  private final ShowDecider decider;
  private final ShowFigures figures = new ShowFigures();
  private final List<Recorded> history = new ArrayList<>();
  private Long clock;

  private Scenario(ShowMeta meta, ShowRules rules) {
    VerifiableDraw draw = new VerifiableDraw();
    this.state = new ShowState(meta, draw);
    this.decider = new ShowDecider(rules, draw);
  }

  private static ShowMeta meta(String showId) {
    return new ShowMeta(showId, "Fruit time", null, 120, false, T0 - 60_000);
  }

  // ---- history ----

  static Scenario given(Event... events) {
    return given(ShowRules.defaults(), events);
  }

  static Scenario given(ShowRules rules, Event... events) {
    return new Scenario(META, rules).and(Actor.CONTROL, events);
  }

  /** A show of this meta and these rules with nothing recorded yet: a script sets the clock for each command. */
  public static Scenario of(ShowMeta meta, ShowRules rules) {
    return new Scenario(meta, rules);
  }

  /** A show with these items loaded, not yet started. */
  static Scenario draft(ItemSpec... items) {
    return draft(SHOW_ID, ShowRules.defaults(), items);
  }

  static Scenario draft(String showId, ShowRules rules, ItemSpec... items) {
    Scenario show = new Scenario(meta(showId), rules).at(T0);
    show.given(Actor.CONTROL, new Command.LoadRunSheet(new RunSheet(null, null, Arrays.asList(items))));
    return show;
  }

  /** A live show with default rules and every sold item on the shelf. */
  static Scenario live(ItemSpec... items) {
    return live(ShowRules.defaults(), items);
  }

  static Scenario live(ShowRules rules, ItemSpec... items) {
    return live(SHOW_ID, rules, items);
  }

  /** A live show of this id: two shows with the same history differ only by it. */
  static Scenario live(String showId, ShowRules rules, ItemSpec... items) {
    Scenario show = draft(showId, rules, items);
    show.given(Actor.CONTROL, new Command.StartShow());
    for (ItemSpec item : items) {
      if (item.role() != ItemRole.LOTTERY) {
        show.given(Actor.CONTROL, new Command.ListItem(item.id()));
      }
    }
    return show;
  }

  /** More history, caused by {@code actor}. */
  Scenario and(Actor actor, Event... events) {
    for (Event event : events) {
      record(actor, null, null, event, clock == null ? now() : clock);
    }
    return this;
  }

  Scenario and(Event... events) {
    return and(Actor.CONTROL, events);
  }

  /** Something that happened before, as a command: it must be accepted; its result is returned. */
  public Map<String, Object> given(Actor actor, Command command) {
    return when(actor, command).accepted().result();
  }

  Map<String, Object> given(Actor actor, Command command, String key) {
    return when(actor, command).key(key).accepted().result();
  }

  /** Places an order that must be accepted and returns its id. */
  String order(String viewerId, String itemId, int qty) {
    return (String) given(viewer(viewerId), new Command.PlaceOrder(itemId, qty)).get("orderId");
  }

  /** The shop's PAID notification for an order, for its amount; it must be accepted. */
  Map<String, Object> pay(String orderId, String paymentId) {
    return given(Actor.PAYMENT, payment(orderId, "PAID", paymentId));
  }

  /** Places an order and pays it at once; returns its id. */
  String paidOrder(String viewerId, String itemId, int qty, String paymentId) {
    String orderId = order(viewerId, itemId, qty);
    pay(orderId, paymentId);
    return orderId;
  }

  /** Places an order and has its viewer cancel it at once; returns its id. */
  String cancelledOrder(String viewerId, String itemId, int qty) {
    String orderId = order(viewerId, itemId, qty);
    given(viewer(viewerId), new Command.CancelOrder(orderId));
    return orderId;
  }

  /** The shop's notification for an order, for the amount the order is for. */
  Command.RecordPayment payment(String orderId, String status, String paymentId) {
    return new Command.RecordPayment(orderId, status, paymentId, state.order(orderId).terms().amountCents());
  }

  // ---- what goes into a show ----

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

  /** The time the next command is decided at unless it says otherwise. */
  long now() {
    if (clock != null) {
      return clock;
    }
    return state.seq() == 0 ? T0 : state.lastTs() + 1000;
  }

  public Scenario at(long millis) {
    clock = millis;
    return this;
  }

  Scenario advance(long millis) {
    clock = now() + millis;
    return this;
  }

  // ---- commands ----

  When when(Command command) {
    return when(Actor.CONTROL, command);
  }

  When when(Actor actor, Command command) {
    return new When(actor, command);
  }

  // ---- what the show looks like ----

  public ShowState state() {
    return state;
  }

  public ShowFigures figures() {
    return figures;
  }

  ItemState item(String itemId) {
    return state.item(itemId);
  }

  /** Everything recorded so far, as a store would hold it. */
  public List<Recorded> history() {
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

  private void record(Actor actor, String key, Map<String, Object> result, Event event, long ts) {
    Recorded recorded = new Recorded(state.seq() + 1, ts, actor, key, result, event);
    state.evolve(recorded);
    figures.apply(recorded, state);
    history.add(recorded);
  }

  /** One request, decided once on demand. */
  final class When {
    private final Actor actor;
    private final Command command;
    private String key;
    private Long at;

    private When(Actor actor, Command command) {
      this.actor = actor;
      this.command = command;
    }

    When key(String idempotencyKey) {
      this.key = idempotencyKey;
      return this;
    }

    When at(long now) {
      this.at = now;
      return this;
    }

    /** The decision alone: nothing is recorded. */
    Decision decision() {
      return decider.decide(state, new Request(actor, command, key), at == null ? now() : at);
    }

    /** Asserts the command is accepted, folds its events into the state with gapless seqs. */
    Decision.Accepted accepted() {
      long seqBefore = state.seq();
      long now = at == null ? now() : at;
      Decision decision = decider.decide(state, new Request(actor, command, key), now);
      assertThat(decision).as("decision on %s by %s", command, actor).isInstanceOf(Decision.Accepted.class);
      Decision.Accepted accepted = (Decision.Accepted) decision;
      List<Event> events = accepted.events();
      for (int i = 0; i < events.size(); i++) {
        boolean last = i == events.size() - 1;
        record(actor, last ? key : null, last && key != null ? accepted.result() : null, events.get(i), now);
      }
      assertThat(state.seq()).isEqualTo(seqBefore + events.size());
      return accepted;
    }

    /** Asserts exactly these events, folds them into the state, returns the result. */
    Map<String, Object> then(Event... expected) {
      Decision.Accepted accepted = accepted();
      assertThat(accepted.events()).as("events of %s", command).containsExactly(expected);
      return accepted.result();
    }

    /** Asserts the command is accepted and changes nothing (it was already so). */
    Map<String, Object> thenNothing() {
      return then();
    }

    /** Asserts a rejection with this code; the state is untouched. */
    ShowError rejectedWith(ErrorCode code) {
      long seqBefore = state.seq();
      Decision decision = decision();
      assertThat(decision).as("decision on %s by %s", command, actor).isInstanceOf(Decision.Rejected.class);
      ShowError error = ((Decision.Rejected) decision).error();
      assertThat(error.code()).as("code of %s: %s", command, error.getMessage()).isEqualTo(code);
      assertThat(error.getMessage()).isNotBlank();
      assertThat(state.seq()).isEqualTo(seqBefore);
      return error;
    }

    /** Asserts the command is answered as a repeat of an earlier one and nothing is decided again. */
    Decision.Repeated repeated() {
      long seqBefore = state.seq();
      Decision decision = decision();
      assertThat(decision).as("decision on %s", command).isInstanceOf(Decision.Repeated.class);
      assertThat(state.seq()).isEqualTo(seqBefore);
      return (Decision.Repeated) decision;
    }
  }
}
