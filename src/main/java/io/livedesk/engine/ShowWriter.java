package io.livedesk.engine;

import io.livedesk.show.Actor;
import io.livedesk.show.Command;
import io.livedesk.show.Decision;
import io.livedesk.show.ErrorCode;
import io.livedesk.show.Event;
import io.livedesk.show.LotteryAlgorithm;
import io.livedesk.show.Recorded;
import io.livedesk.show.Request;
import io.livedesk.show.ShowDecider;
import io.livedesk.show.ShowError;
import io.livedesk.show.ShowMeta;
import io.livedesk.show.ShowState;
import io.livedesk.store.EventStore;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The single writer of one show. Commands are decided one at a time on the writer's context against
 * its state, which runs ahead of the store by the events in flight; a command is answered only once
 * its events are durable. One append is in flight at a time: whatever is decided meanwhile goes out as
 * the next batch, which is the group commit. A busy show holds its next append for a short commit window
 * after the previous one started, so each append (and its fsync, hops and wakeups) carries more orders; a
 * quiet show, a big batch and a draining writer append at once (docs/design.md §Durability before acknowledgement).
 */
public final class ShowWriter {

  private static final Logger LOG = Logger.getLogger(ShowWriter.class.getName());
  static final long DEADLINE_CHECK_MILLIS = 200;
  /** How often a writer whose append failed asks the store whether it takes writes again. */
  public static final long PROBE_MILLIS = 1000;
  /** A command to a show out of service probes at once, but no sooner than this after the last probe. */
  static final long PROBE_SPACING_MILLIS = 100;
  /**
   * A batch this big goes out at once, window or not: it already shares its append's fixed costs widely,
   * and holding it longer would only add to its answers' wait.
   */
  static final int WINDOW_BATCH = 128;

  /**
   * Where the writer's batches go: the store (behind whatever fence the engine needs) and whoever follows
   * the events once they are durable. The memory engine's outlet is the store and the local replica.
   */
  public interface Outlet {

    /** Makes the batch durable; one call at a time, in seq order. */
    Future<Void> append(List<Recorded> batch);

    /** The batch is durable (or was found durable in the store while rebuilding); runs on the writer's context. */
    void durable(List<Recorded> batch);

    /**
     * The batch is durable and these are the answers to the commands it holds: an outlet that writes the
     * batch's frames may settle them with the frames of the same loop.
     */
    default void durable(List<Recorded> batch, Callers.Answers answers) {
      durable(batch);
      answers.settleRest();
    }

    /** An append failed; everything not durable has been answered UNAVAILABLE. */
    default void failed(Throwable cause) {
    }

    /**
     * A copy of the state of durable events only (the node's replica keeps one): a writer whose append
     * failed goes on from it instead of folding the whole history again.
     */
    ShowState copyOfDurableState();

    static Outlet local(EventStore store, String showId, ShowReplica replica) {
      return new Outlet() {
        @Override
        public Future<Void> append(List<Recorded> batch) {
          return store.append(showId, batch);
        }

        @Override
        public void durable(List<Recorded> batch) {
          replica.apply(batch);
        }

        @Override
        public void durable(List<Recorded> batch, Callers.Answers answers) {
          replica.apply(batch, answers);
        }

        @Override
        public ShowState copyOfDurableState() {
          return replica.copyOfState();
        }
      };
    }
  }

  /** An answer waiting for its seq to become durable. */
  private record Waiter(long seq, Reply reply, String command, Context caller, Promise<Reply> promise) {}

  private final Vertx vertx;
  private final Context context;
  private final ShowMeta meta;
  private final ShowDecider decider;
  private final EventStore store;
  private final Outlet outlet;
  private final LongSupplier clock;
  private final ShowMetrics metrics;
  /** How long after an append started the next one is held while the show is busy; 0: never held. */
  private final long commitWindowNanos;
  private ShowState state;
  private long durableSeq;
  private List<Recorded> outgoing = new ArrayList<>();
  private final ArrayDeque<Waiter> waiters = new ArrayDeque<>();
  private boolean appending;
  private boolean flushScheduled;
  /** When the last append started (System.nanoTime); meaningless until {@link #appendedBefore}. */
  private long lastAppendStarted;
  private boolean appendedBefore;
  /** The timer that ends the commit window, or -1 while no append is held. */
  private long windowTimer = -1;
  /** Why the show's history cannot be written now, read by /health from any thread; null while it can. */
  private volatile String outOfService;
  private boolean probing;
  private long lastProbeEnded;
  private long probeTimer = -1;
  private boolean draining;
  /** Why the writer stopped taking commands, set by any thread when it does; null while it takes them. */
  private volatile String closedReason;
  private Promise<Void> drained;
  private long deadlineTimer = -1;

  public ShowWriter(Vertx vertx, Context context, ShowMeta meta, LotteryAlgorithm lottery, ShowDecider decider,
      EventStore store, Outlet outlet, LongSupplier clock, ShowMetrics metrics) {
    this(vertx, context, meta, lottery, decider, store, outlet, clock, metrics, 0);
  }

  /**
   * As above, a busy show's next append held until {@code commitWindowMicros} after the previous one started
   * (0: appends are never held).
   */
  public ShowWriter(Vertx vertx, Context context, ShowMeta meta, LotteryAlgorithm lottery, ShowDecider decider,
      EventStore store, Outlet outlet, LongSupplier clock, ShowMetrics metrics, long commitWindowMicros) {
    if (commitWindowMicros < 0) {
      throw new IllegalArgumentException("commit window must be 0 or more µs: " + commitWindowMicros);
    }
    this.commitWindowNanos = commitWindowMicros * 1000;
    this.vertx = vertx;
    this.context = context;
    this.meta = meta;
    this.decider = decider;
    this.store = store;
    this.outlet = outlet;
    this.clock = clock;
    this.metrics = metrics;
    this.state = new ShowState(meta, lottery);
  }

  /** Takes a state built from the durable history (a copy the writer alone will change). */
  public void startFrom(ShowState durable) {
    state = durable;
    durableSeq = durable.seq();
  }

  /**
   * Folds history replayed on start; it is durable by definition. Events the state already holds (it
   * may start from a copy) are passed over.
   */
  public void replay(List<Recorded> events) {
    for (Recorded recorded : events) {
      if (recorded.seq() > state.seq()) {
        state.evolve(recorded);
      }
    }
    durableSeq = state.seq();
  }

  /** Starts watching the clock for order holds and lottery countdowns that run out. */
  public void start() {
    deadlineTimer = vertx.setPeriodic(DEADLINE_CHECK_MILLIS, id -> {
      if (outOfService == null && !draining && clock.getAsLong() >= state.nextDeadline()) {
        decideAndRecord(Request.of(Actor.SYSTEM, new Command.Expire()), null, null);
      }
    });
  }

  public Future<Reply> execute(Request request) {
    String closed = closedReason;
    if (closed != null) {
      // refused here: during shutdown the writer's event loop may already be gone
      return Future.failedFuture(new ShowError(ErrorCode.UNAVAILABLE, closed));
    }
    Promise<Reply> promise = Promise.promise();
    Context caller = Vertx.currentContext();
    if (caller == context) {
      decideAndRecord(request, caller, promise);
    } else {
      context.runOnContext(v -> decideAndRecord(request, caller, promise));
    }
    return promise.future();
  }

  private void decideAndRecord(Request request, Context caller, Promise<Reply> promise) {
    String name = request.command().name();
    if (draining) {
      answerError(name, caller, promise, new ShowError(ErrorCode.UNAVAILABLE, closedReason));
      return;
    }
    String unwritable = outOfService;
    if (unwritable != null) {
      answerError(name, caller, promise, new ShowError(ErrorCode.UNAVAILABLE, "show " + meta.id()
          + " is out of service: " + unwritable));
      probeSoon();
      return;
    }
    long now = clock.getAsLong();
    if (now >= state.nextDeadline() && !(request.command() instanceof Command.Expire)) {
      // what ran out by now is released first, so this command sees the stock it returned
      Request expire = Request.of(Actor.SYSTEM, new Command.Expire());
      record(expire, decider.decide(state, expire, now), now, null, null);
    }
    Decision decision;
    try {
      decision = decider.decide(state, request, now);
    } catch (RuntimeException e) {
      LOG.log(Level.SEVERE, "deciding " + name + " on show " + meta.id() + " failed", e);
      answerError(name, caller, promise, new ShowError(ErrorCode.INVALID_ARGUMENT, "the command could not be decided: "
          + e.getMessage()));
      return;
    }
    record(request, decision, now, caller, promise);
  }

  private void record(Request request, Decision decision, long now, Context caller, Promise<Reply> promise) {
    String name = request.command().name();
    if (decision instanceof Decision.Rejected rejected) {
      answerError(name, caller, promise, rejected.error());
    } else if (decision instanceof Decision.Repeated repeated) {
      await(new Waiter(repeated.seq(), new Reply(repeated.seq(), repeated.result()), name, caller, promise));
    } else if (decision instanceof Decision.Accepted accepted) {
      List<Event> events = accepted.events();
      for (int i = 0; i < events.size(); i++) {
        boolean last = i == events.size() - 1;
        String key = last ? request.key() : null;
        Map<String, Object> result = key == null ? null : accepted.result();
        Recorded recorded = new Recorded(state.seq() + 1, now, request.actor(), key, result, events.get(i));
        state.evolve(recorded);
        outgoing.add(recorded);
      }
      await(new Waiter(state.seq(), new Reply(state.seq(), accepted.result()), name, caller, promise));
      scheduleFlush();
    }
  }

  private void answerError(String name, Context caller, Promise<Reply> promise, ShowError error) {
    metrics.command(name, error.code().name());
    if (promise != null) {
      Callers.fail(caller, promise, error);
    }
  }

  private void await(Waiter waiter) {
    if (waiter.seq() <= durableSeq) {
      answer(waiter);
    } else {
      waiters.addLast(waiter);
    }
  }

  private void answer(Waiter waiter) {
    metrics.command(waiter.command(), "ok");
    if (waiter.promise() != null) {
      Callers.complete(waiter.caller(), waiter.promise(), waiter.reply());
    }
  }

  private void scheduleFlush() {
    if (flushScheduled || appending || (windowTimer >= 0 && outgoing.size() < WINDOW_BATCH)) {
      return;
    }
    flushScheduled = true;
    // decisions made in this turn of the event loop go out together
    context.runOnContext(v -> {
      flushScheduled = false;
      flush();
    });
  }

  private void flush() {
    if (appending || outgoing.isEmpty()) {
      checkDrained();
      return;
    }
    long started = System.nanoTime();
    long held = heldFor(started);
    if (held > 0) {
      if (windowTimer < 0) {
        // Vert.x timers count whole milliseconds: the window closes on the first tick at or after its end
        windowTimer = vertx.setTimer(Math.max(1, (held + 999_999) / 1_000_000), id -> {
          windowTimer = -1;
          append(System.nanoTime());
        });
      }
      return;
    }
    append(started);
  }

  /**
   * How much longer the next append waits for company: while the previous append started less than the
   * window ago and the batch is small, the rest of the window; else nothing. A show that appended nothing
   * within the window (console → prompter on a quiet show) and a draining writer never wait.
   */
  private long heldFor(long now) {
    if (commitWindowNanos == 0 || draining || !appendedBefore || outgoing.size() >= WINDOW_BATCH) {
      return 0;
    }
    return commitWindowNanos - (now - lastAppendStarted);
  }

  private void append(long started) {
    if (windowTimer >= 0) {
      vertx.cancelTimer(windowTimer);
      windowTimer = -1;
    }
    if (appending || outgoing.isEmpty()) {
      checkDrained();
      return;
    }
    List<Recorded> batch = outgoing;
    outgoing = new ArrayList<>();
    appending = true;
    appendedBefore = true;
    lastAppendStarted = started;
    outlet.append(batch).onComplete(result -> {
      appending = false;
      if (result.succeeded()) {
        metrics.appended(batch.size(), System.nanoTime() - started);
        durable(batch);
        flush();
      } else {
        fault(result.cause());
      }
    });
  }

  private void durable(List<Recorded> batch) {
    durableSeq = batch.get(batch.size() - 1).seq();
    Callers.Answers answers = new Callers.Answers();
    while (!waiters.isEmpty() && waiters.peekFirst().seq() <= durableSeq) {
      Waiter waiter = waiters.pollFirst();
      metrics.command(waiter.command(), "ok");
      if (waiter.promise() != null) {
        answers.add(new Callers.Settlement(waiter.caller(), () -> waiter.promise().complete(waiter.reply())));
      }
    }
    // the frames go out before the answers, on each loop in the same task; whatever the outlet did not
    // settle (it failed on the way) is settled here: the batch is durable
    try {
      outlet.durable(batch, answers);
    } finally {
      answers.settleRest();
    }
  }

  /**
   * The store refused a batch: everything not yet durable is answered UNAVAILABLE and forgotten, the
   * state goes back to the durable history's, and the show is out of service until a probe finds that
   * the store takes writes again. Nothing is decided meanwhile, so a retry costs no replay.
   */
  private void fault(Throwable cause) {
    LOG.log(Level.SEVERE, "show " + meta.id() + " is OUT OF SERVICE: appending to its history failed; it serves"
        + " again once the store takes writes", cause);
    outOfService = "its history cannot be written: " + cause.getMessage();
    outgoing = new ArrayList<>();
    ShowError unavailable = new ShowError(ErrorCode.UNAVAILABLE, "the event store is unavailable: " + cause.getMessage());
    while (!waiters.isEmpty()) {
      Waiter waiter = waiters.pollFirst();
      answerError(waiter.command(), waiter.caller(), waiter.promise(), unavailable);
    }
    outlet.failed(cause);
    if (draining) {
      // a writer that is going away has nothing to recover for
      checkDrained();
      return;
    }
    state = outlet.copyOfDurableState();
    lastProbeEnded = System.nanoTime();
    if (probeTimer < 0) {
      probeTimer = vertx.setPeriodic(PROBE_MILLIS, id -> probe());
    }
  }

  private void probeSoon() {
    if (System.nanoTime() - lastProbeEnded >= PROBE_SPACING_MILLIS * 1_000_000) {
      probe();
    }
  }

  /**
   * Asks the store whether the show takes writes again; when it does, folds what the store holds beyond
   * the state (a failed batch may have been stored after all, or the copy lagged) and serves again.
   */
  private void probe() {
    if (probing || outOfService == null || draining) {
      return;
    }
    probing = true;
    store.probe(meta.id())
        .compose(lastSeq -> lastSeq == state.seq() ? Future.succeededFuture(lastSeq)
            : Replays.readAll(store, meta.id(), state.seq(), this::catchUp))
        .onComplete(done -> {
          probing = false;
          lastProbeEnded = System.nanoTime();
          if (draining) {
            checkDrained();
          } else if (done.failed()) {
            LOG.fine(() -> "show " + meta.id() + " is still out of service: " + done.cause().getMessage());
          } else {
            durableSeq = state.seq();
            outOfService = null;
            vertx.cancelTimer(probeTimer);
            probeTimer = -1;
            LOG.info(() -> "show " + meta.id() + " is back in service at seq " + durableSeq);
          }
        });
  }

  /** Folds durable events read from the store; those beyond what was announced are announced now. */
  private void catchUp(List<Recorded> page) {
    List<Recorded> unannounced = new ArrayList<>();
    for (Recorded recorded : page) {
      if (recorded.seq() > state.seq()) {
        state.evolve(recorded);
        if (recorded.seq() > durableSeq) {
          unannounced.add(recorded);
        }
      }
    }
    if (!unannounced.isEmpty()) {
      durableSeq = unannounced.get(unannounced.size() - 1).seq();
      outlet.durable(unannounced);
    }
  }

  /** Why the show's history cannot be written now, or null while it can; for /health. */
  public String outOfService() {
    return outOfService;
  }

  /** Stops taking commands and completes once everything decided is durable. */
  public Future<Void> drain() {
    return retire("the server is shutting down");
  }

  /**
   * Stops taking commands, answering them UNAVAILABLE for {@code reason}, and completes once everything
   * decided before is durable or answered.
   */
  public Future<Void> retire(String reason) {
    closedReason = reason;
    Promise<Void> promise = Promise.promise();
    if (Vertx.currentContext() == context) {
      retireHere(reason, promise);
    } else {
      context.runOnContext(v -> retireHere(reason, promise));
    }
    return promise.future();
  }

  private void retireHere(String reason, Promise<Void> promise) {
    if (draining) {
      drained.future().onComplete(promise);
      return;
    }
    draining = true;
    drained = promise;
    if (deadlineTimer >= 0) {
      vertx.cancelTimer(deadlineTimer);
    }
    if (probeTimer >= 0) {
      vertx.cancelTimer(probeTimer);
    }
    flush();
  }

  private void checkDrained() {
    if (draining && drained != null && !appending && outgoing.isEmpty()) {
      drained.tryComplete();
    }
  }
}
