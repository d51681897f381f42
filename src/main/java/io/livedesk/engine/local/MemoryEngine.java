package io.livedesk.engine.local;

import io.livedesk.engine.Engine;
import io.livedesk.engine.Fanout;
import io.livedesk.engine.LiveShow;
import io.livedesk.engine.Replays;
import io.livedesk.engine.ShowMetrics;
import io.livedesk.engine.ShowReplica;
import io.livedesk.engine.ShowSnapshotter;
import io.livedesk.engine.SnapshotWorker;
import io.livedesk.engine.ShowWriter;
import io.livedesk.show.ErrorCode;
import io.livedesk.show.LotteryAlgorithm;
import io.livedesk.show.ShowDecider;
import io.livedesk.show.ShowError;
import io.livedesk.store.DamagedHistory;
import io.livedesk.store.EventStore;
import io.livedesk.store.ShowListing;
import io.livedesk.store.ShowRecord;
import io.livedesk.vertx.EventLoops;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one-node engine: every show lives in this process on an event-loop context of its own, which is
 * its single writer; nothing is shared between shows, so they never wait on each other.
 */
public final class MemoryEngine implements Engine {

  private static final Logger LOG = Logger.getLogger(MemoryEngine.class.getName());

  private final Vertx vertx;
  private final EventStore store;
  private final ShowDecider decider;
  private final LotteryAlgorithm lottery;
  private final LongSupplier clock;
  private final Fanout fanout;
  private final ShowMetrics metrics;
  private final long snapshotEveryEvents;
  private final long commitWindowMicros;
  private final SnapshotWorker snapshots;
  private final Map<String, LocalShow> shows = new ConcurrentHashMap<>();
  /** Shows whose history could not be rebuilt on start, with the reason. */
  private final Map<String, String> outOfService = new ConcurrentHashMap<>();
  /** Ended shows put to rest, and loaded again when asked for (docs/design.md §Resting shows). */
  private final ShowShelf shelf;
  /** Shows still being rebuilt after start: a request for one waits for it (docs/design.md §After a crash). */
  private final Map<String, Future<Void>> loading = new ConcurrentHashMap<>();
  /** How long a request waits for its show's rebuild before it is answered UNAVAILABLE. */
  static final long LOAD_PATIENCE_MILLIS = 30_000;
  /** How long a clean stop gives the shows' last snapshots before it goes on without them. */
  static final long LAST_SNAPSHOTS_MILLIS = 10_000;

  private MemoryEngine(Vertx vertx, EventStore store, ShowDecider decider, LotteryAlgorithm lottery,
      LongSupplier clock, Fanout fanout, ShowMetrics metrics, long snapshotEveryEvents, long restAfterMillis,
      long commitWindowMicros) {
    this.commitWindowMicros = commitWindowMicros;
    this.shelf = new ShowShelf(vertx, shows, clock, restAfterMillis, this::loadAgain, metrics::unloaded);
    this.vertx = vertx;
    this.snapshotEveryEvents = snapshotEveryEvents;
    this.snapshots = new SnapshotWorker(vertx);
    this.store = store;
    this.decider = decider;
    this.lottery = lottery;
    this.clock = clock;
    this.fanout = fanout;
    this.metrics = metrics;
  }

  /**
   * Lists the stored shows and starts rebuilding each from its history; the engine is ready at once and a
   * request for a show still being rebuilt waits for it. A show that cannot be rebuilt is logged and kept
   * out of service; the others are served all the same.
   */
  public static Future<MemoryEngine> start(Vertx vertx, EventStore store, ShowDecider decider,
      LotteryAlgorithm lottery, LongSupplier clock, Fanout fanout, ShowMetrics metrics) {
    return start(vertx, store, decider, lottery, clock, fanout, metrics, ShowSnapshotter.DEFAULT_EVERY_EVENTS);
  }

  /** As above, with a snapshot of each show every {@code snapshotEveryEvents} (docs/design.md §Snapshots). */
  public static Future<MemoryEngine> start(Vertx vertx, EventStore store, ShowDecider decider,
      LotteryAlgorithm lottery, LongSupplier clock, Fanout fanout, ShowMetrics metrics, long snapshotEveryEvents) {
    return start(vertx, store, decider, lottery, clock, fanout, metrics, snapshotEveryEvents, 0);
  }

  /**
   * As above, ended shows resting from the start and loaded only when asked for, and any ended show idle for
   * {@code restAfterMillis} put to rest (0: never; docs/design.md §Resting shows).
   */
  public static Future<MemoryEngine> start(Vertx vertx, EventStore store, ShowDecider decider,
      LotteryAlgorithm lottery, LongSupplier clock, Fanout fanout, ShowMetrics metrics, long snapshotEveryEvents,
      long restAfterMillis) {
    return start(vertx, store, decider, lottery, clock, fanout, metrics, snapshotEveryEvents, restAfterMillis, 0);
  }

  /**
   * As above, a busy show's next append held until {@code commitWindowMicros} after the previous one started
   * (0: never held; docs/design.md §Durability before acknowledgement).
   */
  public static Future<MemoryEngine> start(Vertx vertx, EventStore store, ShowDecider decider,
      LotteryAlgorithm lottery, LongSupplier clock, Fanout fanout, ShowMetrics metrics, long snapshotEveryEvents,
      long restAfterMillis, long commitWindowMicros) {
    MemoryEngine engine = new MemoryEngine(vertx, store, decider, lottery, clock, fanout, metrics, snapshotEveryEvents,
        restAfterMillis, commitWindowMicros);
    return store.listShows().map(listing -> {
      RebuildQueue rebuilds = new RebuildQueue(Runtime.getRuntime().availableProcessors());
      for (ShowListing show : listing) {
        if (engine.shelf.restsFromStart(show)) {
          continue;
        }
        Promise<Void> rebuilt = Promise.promise();
        engine.loading.put(show.id(), rebuilt.future());
        rebuilt.future().onComplete(done -> engine.loading.remove(show.id(), rebuilt.future()));
        rebuilds.add(() -> store.show(show.id()).compose(engine::load).recover(failure -> {
          engine.outOfService.put(show.id(), String.valueOf(failure.getMessage()));
          // a journal that cannot be read has been reported by the store already, in one line
          if (!store.showsOutOfService().containsKey(show.id())) {
            LOG.log(Level.SEVERE, "show " + show.id() + " is OUT OF SERVICE: it could not be rebuilt", failure);
          }
          return Future.succeededFuture();
        }).onComplete(rebuilt));
      }
      rebuilds.start();
      engine.shelf.startSweeping();
      return engine;
    });
  }

  private Future<Void> load(ShowRecord record) {
    LocalShow show = open(record);
    String id = record.id();
    ShowReplica replica = show.replica();
    Promise<Void> loaded = Promise.promise();
    long started = System.nanoTime();
    long[] rebuilt = new long[1];
    replica.context().runOnContext(v -> Replays.rebuild(vertx, store, replica)
        .compose(lastSeq -> {
          rebuilt[0] = System.nanoTime();
          // served only once the previous process's sockets are closed: a viewer joining now stays joined
          return Downtime.settle(id, replica, decider, store).recover(failure -> {
            if (failure instanceof Downtime.Unfolded) {
              return Future.failedFuture(failure);
            }
            LOG.log(Level.WARNING, "show " + id + ": expiring holds and closing the previous process's sockets "
                + "failed", failure);
            return Future.succeededFuture(0);
          });
        })
        .compose(settled -> {
          long copying = System.nanoTime();
          if (settled > 0) {
            LOG.info(() -> "show " + id + ": " + settled + " events expired what ran out and closed the previous "
                + "process's sessions in " + (copying - rebuilt[0]) / 1_000_000 + " ms");
          }
          // the writer starts from a copy of the replica's fold rather than folding the history again; a
          // million events' fold takes a second or more to copy, so a worker copies it: nothing touches the
          // replica meanwhile (no writer, no tick, and the show is not served before it is loaded)
          return vertx.executeBlocking(replica::copyOfState, false).map(copy -> {
            show.writer().startFrom(copy);
            show.writer().start();
            replica.startTicks();
            shows.put(id, show);
            long now = System.nanoTime();
            LOG.info(() -> "show " + id + " rebuilt: " + copy.seq() + " events in " + (now - started) / 1_000_000
                + " ms (the writer's copy " + (now - copying) / 1_000_000 + " ms)");
            return (Void) null;
          });
        })
        .onComplete(loaded));
    return loaded.future();
  }

  private LocalShow open(ShowRecord record) {
    Context context = EventLoops.newContext(vertx);
    ShowReplica replica = new ShowReplica(vertx, context, record.meta(), lottery, fanout, clock);
    replica.snapshotWith(new ShowSnapshotter(store, record.meta(), lottery, snapshotEveryEvents, snapshots, metrics,
        () -> true));
    ShowWriter writer = new ShowWriter(vertx, context, record.meta(), lottery, decider, store,
        ShowWriter.Outlet.local(store, record.id(), replica), clock, metrics, commitWindowMicros);
    return new LocalShow(record, writer, replica, store);
  }

  @Override
  public Future<Void> createShow(ShowRecord record) {
    return store.createShow(record).map(v -> {
      LocalShow show = open(record);
      shows.put(record.id(), show);
      show.replica().context().runOnContext(w -> {
        show.writer().start();
        show.replica().startTicks();
      });
      return null;
    });
  }

  /**
   * Builds a show again from its stored history, after the history was rewritten under it (docs/design.md
   * §Data retention): the running show drains, and a new one replays what is stored now.
   */
  public Future<Void> rebuild(String showId) {
    LocalShow old = shows.get(showId);
    if (old == null) {
      return Future.succeededFuture();
    }
    return old.writer().drain().compose(v -> {
      old.replica().context().runOnContext(w -> old.replica().stop());
      return store.show(showId).compose(this::load);
    });
  }

  @Override
  public Future<List<ShowListing>> listShows() {
    return store.listShows();
  }

  @Override
  public Future<LiveShow> show(String showId) {
    LocalShow show = shows.get(showId);
    if (show != null && shelf.asked(showId, show)) {
      return Future.succeededFuture(show);
    }
    Future<Void> load = loading.get(showId);
    if (show == null && load != null) {
      return waitFor(showId, load);
    }
    String damage = outOfService.get(showId);
    if (damage != null) {
      return Future.failedFuture(outOfService(showId, damage));
    }
    Future<LiveShow> woken = shelf.wake(showId);
    if (woken != null) {
      return woken;
    }
    return Future.failedFuture(ShowError.notFound("no show " + showId));
  }

  private static ShowError outOfService(String showId, String damage) {
    return new ShowError(ErrorCode.UNAVAILABLE, "show " + showId + " is out of service: its history could not be "
        + "rebuilt (" + damage + ")");
  }

  /**
   * Loads a resting show again; a history found damaged, or that the store cannot read, puts it out of
   * service as at start, and it is not read again (docs/design.md §Resting shows).
   */
  private Future<Void> loadAgain(String showId) {
    return store.show(showId).compose(this::load).recover(failure -> {
      boolean reported = store.showsOutOfService().containsKey(showId);
      if (DamagedHistory.in(failure) == null && !reported) {
        return Future.failedFuture(failure);
      }
      outOfService.put(showId, String.valueOf(failure.getMessage()));
      if (!reported) {
        LOG.log(Level.SEVERE, "show " + showId + " is OUT OF SERVICE: it could not be loaded again", failure);
      }
      return Future.failedFuture(outOfService(showId, failure.getMessage()));
    });
  }

  /** A resting show's history is read from the store without loading it; anything else asked of it loads it. */
  @Override
  public Future<LiveShow> showToRead(String showId) {
    if (!shelf.rests(showId)) {
      return show(showId);
    }
    return store.show(showId).compose(record -> record == null ? show(showId)
        : Future.succeededFuture(new RestingShow(record, store, this)));
  }

  /** The show if it is loaded now, else null; nothing is loaded for it. */
  LiveShow loaded(String showId) {
    return shows.get(showId);
  }

  /** Puts the ended shows idle long enough to rest now, as the engine does every so often; answers their ids. */
  public Future<List<String>> restIdleShows() {
    return shelf.restIdle();
  }

  /** The shows at rest now: known, not loaded. */
  public java.util.Set<String> restingShows() {
    return shelf.restingIds();
  }

  /** How many times a resting show was loaded again since start. */
  public long wakeUps() {
    return shelf.loads();
  }

  /** The show once its rebuild is done, or UNAVAILABLE after {@link #LOAD_PATIENCE_MILLIS}. */
  private Future<LiveShow> waitFor(String showId, Future<Void> load) {
    Promise<LiveShow> waited = Promise.promise();
    long timer = vertx.setTimer(LOAD_PATIENCE_MILLIS, id -> waited.tryFail(new ShowError(ErrorCode.UNAVAILABLE,
        "show " + showId + " is still being rebuilt after the server's start; try again shortly")));
    load.onComplete(done -> {
      vertx.cancelTimer(timer);
      show(showId).onComplete(waited::tryComplete, waited::tryFail);
    });
    return waited.future();
  }

  @Override
  public Future<Map<String, String>> health() {
    return store.check().map(v -> Map.of("store", "UP"));
  }

  /** Shows loaded at start whose rebuild is not done yet: until none are, /health answers STARTING. */
  @Override
  public int rebuilding() {
    return loading.size();
  }

  /** Shows that could not be rebuilt, whose writer cannot append, or whose files the store cannot keep. */
  @Override
  public Map<String, String> showsOutOfService() {
    Map<String, String> out = new TreeMap<>(store.showsOutOfService());
    outOfService.forEach((id, why) -> out.put(id, "its history could not be rebuilt: " + why));
    shows.forEach((id, show) -> {
      String why = show.writer().outOfService();
      if (why != null) {
        out.put(id, why);
      }
    });
    return out;
  }

  /**
   * Waits for the shows being rebuilt, drains every writer, then writes each show's last snapshot from its
   * stopped replica (docs/design.md §Snapshots) for at most {@link #LAST_SNAPSHOTS_MILLIS}, and stops.
   */
  @Override
  public Future<Void> close() {
    return Future.join(List.copyOf(loading.values())).transform(loaded -> {
      List<Future<LocalShow>> drains = new ArrayList<>();
      for (LocalShow show : shows.values()) {
        drains.add(show.writer().drain().transform(drained -> {
          Promise<LocalShow> stopped = Promise.promise();
          show.replica().context().runOnContext(v -> {
            show.replica().stop();
            stopped.complete(show);
          });
          return stopped.future();
        }));
      }
      Future<Void> shelved = shelf.close();
      return Future.join(drains).transform(drained -> shelved)
          .transform(done -> snapshots.close(() -> lastSnapshots(drains)));
    }).transform(done -> store.close());
  }

  private static Future<Void> lastSnapshots(List<Future<LocalShow>> stopped) {
    List<Future<Void>> saved = new ArrayList<>();
    for (Future<LocalShow> show : stopped) {
      if (show.succeeded()) {
        ShowReplica replica = show.result().replica();
        saved.add(replica.snapshotter().writeLast(replica.stoppedFold()));
      }
    }
    return Future.join(saved).timeout(LAST_SNAPSHOTS_MILLIS, TimeUnit.MILLISECONDS).<Void>mapEmpty().otherwiseEmpty();
  }
}
