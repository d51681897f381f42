package io.livedesk.show;

import static org.assertj.core.api.Assertions.assertThat;

import io.livedesk.lottery.VerifiableDraw;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The show's rules in three lines: {@code given(events).when(command).then(events)} or
 * {@code .rejectedWith(code)}. History is recorded by the technician one second apart from {@link #T0};
 * a command is decided at an explicit {@code now}, one second after the last event unless told.
 * Accepted events are folded into the state, so a scenario can go on with another {@code when}.
 */
final class Scenario {

  static final long T0 = 1_750_000_000_000L;
  static final ShowMeta META = new ShowMeta("s-test", "Fruit time", null, 120, false, T0 - 60_000);

  private final ShowState state;
  private final ShowDecider decider;
  private final List<Recorded> history = new ArrayList<>();

  private Scenario(ShowRules rules) {
    VerifiableDraw draw = new VerifiableDraw();
    this.state = new ShowState(META, draw);
    this.decider = new ShowDecider(rules, draw);
  }

  static Scenario given(Event... events) {
    return given(ShowRules.defaults(), events);
  }

  static Scenario given(ShowRules rules, Event... events) {
    return new Scenario(rules).and(Actor.CONTROL, events);
  }

  /** More history, caused by {@code actor}. */
  Scenario and(Actor actor, Event... events) {
    for (Event event : events) {
      record(actor, null, null, event, state.seq() == 0 ? T0 : state.lastTs() + 1000);
    }
    return this;
  }

  Scenario and(Event... events) {
    return and(Actor.CONTROL, events);
  }

  When when(Command command) {
    return when(Actor.CONTROL, command);
  }

  When when(Actor actor, Command command) {
    return new When(actor, command);
  }

  ShowState state() {
    return state;
  }

  /** Everything recorded so far, as a store would hold it. */
  List<Recorded> history() {
    return List.copyOf(history);
  }

  /** The time the next command is decided at unless it says otherwise. */
  long now() {
    return state.seq() == 0 ? T0 : state.lastTs() + 1000;
  }

  private void record(Actor actor, String key, Map<String, Object> result, Event event, long ts) {
    Recorded recorded = new Recorded(state.seq() + 1, ts, actor, key, result, event);
    state.evolve(recorded);
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

    Decision decision() {
      return decider.decide(state, new Request(actor, command, key), at == null ? now() : at);
    }

    /** Asserts exactly these events, folds them into the state with gapless seqs, returns the result. */
    Map<String, Object> then(Event... expected) {
      long seqBefore = state.seq();
      long now = at == null ? now() : at;
      Decision decision = decider.decide(state, new Request(actor, command, key), now);
      assertThat(decision).as("decision on %s", command).isInstanceOf(Decision.Accepted.class);
      Decision.Accepted accepted = (Decision.Accepted) decision;
      assertThat(accepted.events()).as("events of %s", command).containsExactly(expected);
      List<Event> events = accepted.events();
      for (int i = 0; i < events.size(); i++) {
        boolean last = i == events.size() - 1;
        record(actor, last ? key : null, last && key != null ? accepted.result() : null, events.get(i), now);
      }
      assertThat(state.seq()).isEqualTo(seqBefore + expected.length);
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
      assertThat(decision).as("decision on %s", command).isInstanceOf(Decision.Rejected.class);
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
