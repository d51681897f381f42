package io.livedesk.engine.local;

import io.livedesk.engine.LiveShow;
import io.livedesk.show.ErrorCode;
import io.livedesk.show.ShowError;
import io.livedesk.show.ShowStatus;
import io.livedesk.store.ShowListing;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.logging.Logger;

/**
 * Where the memory engine puts ended shows to rest (docs/design.md §Resting shows): an ended show nobody
 * asked for, followed or commanded for {@code restAfterMillis} gives up its writer, replica and folded
 * state, and is loaded again from the store when it is next asked for, one load for all who ask at once.
 * Ended shows found at start rest from the outset and are not replayed until asked for.
 */
final class ShowShelf {

  private static final Logger LOG = Logger.getLogger(ShowShelf.class.getName());
  /** The longest pause between two looks for idle shows. */
  private static final long MAX_SWEEP_MILLIS = 60_000;

  /** When a loaded show was last asked for, and how many times, read and written from any thread. */
  private static final class Use {
    final AtomicLong asks = new AtomicLong();
    volatile long lastAskedAt;

    Use(long now) {
      lastAskedAt = now;
    }

    void asked(long now) {
      asks.incrementAndGet();
      lastAskedAt = now;
    }
  }

  /** A show at rest: {@code stopped} completes once its writer and replica are gone; {@code waking} while it loads. */
  private static final class Resting {
    final Future<Void> stopped;
    Future<LiveShow> waking;

    Resting(Future<Void> stopped) {
      this.stopped = stopped;
    }
  }

  private final Vertx vertx;
  private final Map<String, LocalShow> shows;
  private final LongSupplier clock;
  private final long restAfterMillis;
  /** Loads a show from the store into {@link #shows}, started; fails when it cannot be rebuilt. */
  private final Function<String, Future<Void>> loader;
  /** Told of each show put to rest once it has stopped: its meters go. */
  private final Consumer<String> rested;
  private final Map<String, Use> uses = new ConcurrentHashMap<>();
  /** Guarded by {@code this}, as the moves between {@link #shows} and here are. */
  private final Map<String, Resting> resting = new ConcurrentHashMap<>();
  private final AtomicLong loads = new AtomicLong();
  private long sweepTimer = -1;

  ShowShelf(Vertx vertx, Map<String, LocalShow> shows, LongSupplier clock, long restAfterMillis,
      Function<String, Future<Void>> loader, Consumer<String> rested) {
    this.vertx = vertx;
    this.shows = shows;
    this.clock = clock;
    this.restAfterMillis = restAfterMillis;
    this.loader = loader;
    this.rested = rested;
  }

  /** Whether shows rest at all ({@code shows.restAfterSeconds} above 0). */
  boolean enabled() {
    return restAfterMillis > 0;
  }

  /** A show found at start: an ended one rests without being replayed; answers whether it does. */
  boolean restsFromStart(ShowListing listing) {
    if (!enabled() || listing.status() != ShowStatus.ENDED) {
      return false;
    }
    resting.put(listing.id(), new Resting(Future.succeededFuture()));
    return true;
  }

  /** Starts looking for idle shows, a few times within each {@code restAfterMillis}. */
  void startSweeping() {
    if (enabled()) {
      long every = Math.max(1000, Math.min(MAX_SWEEP_MILLIS, restAfterMillis / 4));
      sweepTimer = vertx.setPeriodic(every, id -> restIdle());
    }
  }

  /**
   * Notes that {@code show}, just found loaded, is asked for; false when it was put to rest meanwhile and
   * must be asked of {@link #wake} instead.
   */
  boolean asked(String showId, LocalShow show) {
    if (!enabled()) {
      return true;
    }
    uses.computeIfAbsent(showId, id -> new Use(clock.getAsLong())).asked(clock.getAsLong());
    // a rest that took the show away before this ask was counted is seen here; one after it gives up
    return shows.get(showId) == show;
  }

  /** The show loaded again when it rests (one load for every caller meanwhile); null when it does not rest. */
  synchronized Future<LiveShow> wake(String showId) {
    Resting entry = resting.get(showId);
    if (entry == null) {
      LocalShow loaded = shows.get(showId);
      return loaded == null ? null : Future.succeededFuture(loaded);
    }
    if (entry.waking == null) {
      loads.incrementAndGet();
      long started = System.nanoTime();
      Promise<LiveShow> woken = Promise.promise();
      entry.waking = woken.future();
      entry.stopped.compose(v -> {
        uses.put(showId, new Use(clock.getAsLong()));
        return loader.apply(showId);
      }).<LiveShow>map(v -> Objects.requireNonNull(shows.get(showId), showId)).onComplete(done -> {
        synchronized (this) {
          if (done.succeeded()) {
            resting.remove(showId, entry);
            LOG.fine(() -> "show " + showId + " woke from rest in " + (System.nanoTime() - started) / 1_000_000 + " ms");
          } else {
            // asked again later, it is read again: the store may answer then
            entry.waking = null;
          }
        }
        if (done.succeeded() || done.cause() instanceof ShowError) {
          woken.handle(done);
        } else {
          woken.fail(new ShowError(ErrorCode.UNAVAILABLE, "show " + showId + " could not be loaded: "
              + done.cause().getMessage()));
        }
      });
    }
    return entry.waking;
  }

  /**
   * Puts to rest every loaded show that is ended, has events, has no deadline still to run (an order hold,
   * a lottery's close), has no subscriber on this node and was not asked for during {@code restAfterMillis}.
   * Answers the ids put to rest.
   */
  Future<List<String>> restIdle() {
    if (!enabled()) {
      return Future.succeededFuture(List.of());
    }
    long now = clock.getAsLong();
    List<Future<String>> rests = new ArrayList<>();
    shows.forEach((showId, show) -> {
      Use use = uses.computeIfAbsent(showId, id -> new Use(now));
      long asks = use.asks.get();
      rests.add(show.query((state, figures, at) -> {
        if (show.replica().subscribers() > 0) {
          // followed counts as asked for: the rest waits a whole period after the last socket went
          use.asked(now);
          return false;
        }
        return state.status() == ShowStatus.ENDED && state.seq() > 0 && state.nextDeadline() == Long.MAX_VALUE
            && now - use.lastAskedAt >= restAfterMillis;
      }).compose(idle -> idle ? rest(showId, show, use, asks) : Future.succeededFuture(),
          failure -> Future.succeededFuture()));
    });
    return Future.all(rests).map(done -> {
      List<String> rested = new ArrayList<>();
      rests.forEach(rest -> {
        if (rest.result() != null) {
          rested.add(rest.result());
        }
      });
      return rested;
    });
  }

  private Future<String> rest(String showId, LocalShow show, Use use, long asks) {
    Promise<Void> stopped = Promise.promise();
    synchronized (this) {
      if (use.asks.get() != asks || shows.get(showId) != show) {
        return Future.succeededFuture();
      }
      resting.put(showId, new Resting(stopped.future()));
      shows.remove(showId);
      uses.remove(showId, use);
    }
    show.writer().retire("show " + showId + " is resting: ask again").onComplete(drained -> {
      show.replica().context().runOnContext(v -> {
        show.replica().stop();
        // a snapshot job that is still saving must not bring the show's meter back
        show.replica().snapshotter().retire(() -> rested.accept(showId));
        stopped.complete();
      });
    });
    LOG.fine(() -> "show " + showId + " is put to rest");
    return stopped.future().map(showId);
  }

  /** Whether the show rests now (it may be loading). */
  boolean rests(String showId) {
    return resting.containsKey(showId);
  }

  /** The ids of the shows at rest now. */
  Set<String> restingIds() {
    return new TreeSet<>(resting.keySet());
  }

  /** How many times a resting show was loaded again since start. */
  long loads() {
    return loads.get();
  }

  /** Stops looking for idle shows; answers once the shows being put to rest are stopped. */
  Future<Void> close() {
    if (sweepTimer >= 0) {
      vertx.cancelTimer(sweepTimer);
    }
    List<Future<Void>> stopping = new ArrayList<>();
    resting.values().forEach(entry -> stopping.add(entry.stopped));
    return Future.join(stopping).mapEmpty();
  }
}
