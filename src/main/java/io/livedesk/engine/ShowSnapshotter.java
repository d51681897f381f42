package io.livedesk.engine;

import io.livedesk.report.ShowFigures;
import io.livedesk.show.LotteryAlgorithm;
import io.livedesk.show.Recorded;
import io.livedesk.show.ShowMeta;
import io.livedesk.show.ShowState;
import io.livedesk.store.EventStore;
import io.vertx.core.Future;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Writes one show's snapshots (docs/design.md §Snapshots). Every {@code everyEvents} events its replica
 * folds, the replica's loop only asks the {@link SnapshotWorker} for a job at the replica's seq, which is
 * durable; the job starts from the show's previous snapshot (or an empty show), folds the events after it
 * as the store gives them back, up to that seq, with the same {@code evolve} and figures as the replica,
 * and writes the result. The loop never copies the fold nor waits; a job turned down because another runs
 * is asked for again at the next events.
 */
public final class ShowSnapshotter {

  private static final Logger LOG = Logger.getLogger(ShowSnapshotter.class.getName());
  /** The configuration's default, {@code snapshots.everyEvents}. */
  public static final long DEFAULT_EVERY_EVENTS = 0;

  private final EventStore store;
  private final ShowMeta meta;
  private final LotteryAlgorithm lottery;
  private final long everyEvents;
  private final SnapshotWorker worker;
  /** Whether this node writes the show's snapshots now: in a cluster, only the writer's node does. */
  private final BooleanSupplier writes;
  private final ShowMetrics metrics;
  private volatile long savedSeq;
  private volatile long savedAtMillis;
  /** Set once the show is unloaded: a job still running saves its snapshot but reports it to no meter. */
  private boolean retired;

  /**
   * {@code everyEvents} 0 writes none: every start replays the whole history. {@code writes} is read on the
   * replica's context.
   */
  public ShowSnapshotter(EventStore store, ShowMeta meta, LotteryAlgorithm lottery, long everyEvents,
      SnapshotWorker worker, ShowMetrics metrics, BooleanSupplier writes) {
    this.store = store;
    this.meta = meta;
    this.lottery = lottery;
    this.everyEvents = everyEvents;
    this.worker = worker;
    this.metrics = metrics;
    this.writes = writes;
  }

  /** The replica started from a snapshot at {@code seq} (0 for none). */
  public void startedAt(long seq) {
    savedSeq = seq;
  }

  /** Told after each fold, on the replica's context, with its seq: asks for a snapshot when enough events went by. */
  void folded(long durableSeq) {
    if (everyEvents > 0 && durableSeq - savedSeq >= everyEvents && writes.getAsBoolean()) {
      worker.tryStart(() -> write(durableSeq));
    }
  }

  /**
   * The job a show's loop asks for, run now by whoever calls it (the worker, a measurement): folds up to
   * {@code seq} and saves it; never fails, a snapshot not written is logged.
   */
  public Future<Void> write(long seq) {
    long started = System.nanoTime();
    return foldTo(seq)
        .compose(folded -> save(folded, started))
        .recover(failure -> {
          LOG.log(closingOr(Level.WARNING), "show " + meta.id() + ": its snapshot at seq " + seq
              + " could not be written", failure);
          return Future.succeededFuture();
        });
  }

  /**
   * At a clean stop, once the show's writer has drained and its replica stopped: writes the replica's own
   * fold, which nothing changes any more, when snapshots are on and it is past the last one. Never fails.
   */
  public Future<Void> writeLast(Snapshots.Folded stopped) {
    if (everyEvents <= 0 || !writes.getAsBoolean()) {
      return Future.succeededFuture();
    }
    return save(stopped, System.nanoTime()).recover(failure -> {
      LOG.log(Level.WARNING, "show " + meta.id() + ": its snapshot at the stop could not be written", failure);
      return Future.succeededFuture();
    });
  }

  private Future<Void> save(Snapshots.Folded folded, long started) {
    String showId = meta.id();
    if (folded.seq() <= savedSeq) {
      return Future.succeededFuture();
    }
    return worker.cpu(() -> Snapshots.write(showId, folded))
        .compose(bytes -> store.saveSnapshot(showId, folded.seq(), bytes).map(v -> {
          savedSeq = folded.seq();
          savedAtMillis = System.currentTimeMillis();
          reportSaved(folded.seq(), savedAtMillis);
          LOG.fine(() -> "show " + showId + ": snapshot at seq " + folded.seq() + ", " + bytes.length
              + " bytes in " + (System.nanoTime() - started) / 1_000_000 + " ms");
          return (Void) null;
        }));
  }

  private synchronized void reportSaved(long seq, long atMillis) {
    if (!retired) {
      metrics.snapshotSaved(meta.id(), seq, atMillis);
    }
  }

  /**
   * The show is unloaded: runs {@code unloaded} (which takes its meters away), after which a snapshot job
   * of this show still under way reports nothing, so its meter does not come back for a show at rest.
   */
  public synchronized void retire(Runnable unloaded) {
    retired = true;
    unloaded.run();
  }

  private Level closingOr(Level level) {
    return worker.closing() ? Level.FINE : level;
  }

  /**
   * The show folded up to {@code seq}, or to the history's end when that comes first: the previous
   * snapshot (an empty show when there is none it can trust), then the store's events after it.
   */
  Future<Snapshots.Folded> foldTo(long seq) {
    String showId = meta.id();
    return store.latestSnapshot(showId)
        .otherwiseEmpty()
        .compose(bytes -> worker.cpu(() -> {
          Snapshots.Folded previous = bytes == null ? null : Snapshots.usable(showId, bytes, lottery, seq);
          return previous != null ? previous : new Snapshots.Folded(new ShowState(meta, lottery), new ShowFigures());
        }))
        .compose(start -> foldPages(start, seq));
  }

  private Future<Snapshots.Folded> foldPages(Snapshots.Folded folded, long seq) {
    if (folded.seq() >= seq) {
      return Future.succeededFuture(folded);
    }
    if (worker.closing()) {
      return Future.failedFuture("the server is stopping");
    }
    return store.read(meta.id(), folded.seq(), (int) Math.min(EventStore.PAGE, seq - folded.seq()))
        .compose(page -> page.isEmpty() ? Future.succeededFuture(folded)
            : worker.cpu(() -> fold(folded, page, seq)).compose(next -> foldPages(next, seq)));
  }

  private static Snapshots.Folded fold(Snapshots.Folded folded, List<Recorded> page, long seq) {
    for (Recorded recorded : page) {
      if (recorded.seq() > seq) {
        break;
      }
      folded.fold(recorded);
    }
    return folded;
  }

  /** The seq of the last snapshot written or started from. */
  public long savedSeq() {
    return savedSeq;
  }

  /** When the last snapshot was written by this process, epoch millis; 0 for none yet. */
  public long savedAtMillis() {
    return savedAtMillis;
  }
}
