package io.livedesk.engine;

import io.livedesk.store.EventStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Writes one show's snapshots (docs/design.md §Snapshots): every {@code everyEvents} events its replica
 * folds, and once more when the server stops. The fold is copied on the replica's context, between two
 * events, so it is consistent; it is serialized on a worker thread and saved by the store, so the show's
 * event loop pays only for the copy. One snapshot is written at a time; events folded meanwhile wait for
 * the next.
 */
public final class ShowSnapshotter {

  private static final Logger LOG = Logger.getLogger(ShowSnapshotter.class.getName());
  /** The configuration's default, {@code snapshots.everyEvents}. */
  public static final long DEFAULT_EVERY_EVENTS = 50_000;

  private final Vertx vertx;
  private final EventStore store;
  private final String showId;
  private final long everyEvents;
  /** Whether this node writes the show's snapshots now: in a cluster, only the writer's node does. */
  private final BooleanSupplier writes;
  private final ShowMetrics metrics;
  private volatile long savedSeq;
  private volatile long savedAtMillis;
  /** The snapshot being written, or null. */
  private Future<Void> writing;

  /** {@code everyEvents} 0 writes none: every start replays the whole history. */
  public ShowSnapshotter(Vertx vertx, EventStore store, String showId, long everyEvents, ShowMetrics metrics) {
    this(vertx, store, showId, everyEvents, metrics, () -> true);
  }

  /** A snapshotter that writes only while {@code writes} says so (read on the replica's context). */
  public ShowSnapshotter(Vertx vertx, EventStore store, String showId, long everyEvents, ShowMetrics metrics,
      BooleanSupplier writes) {
    this.writes = writes;
    this.metrics = metrics;
    this.vertx = vertx;
    this.store = store;
    this.showId = showId;
    this.everyEvents = everyEvents;
  }

  /** The replica started from a snapshot at {@code seq} (0 for none). */
  public void startedAt(long seq) {
    savedSeq = seq;
  }

  /** Told after each fold, on the replica's context: writes a snapshot when enough events went by. */
  void folded(ShowReplica replica) {
    if (everyEvents > 0 && writing == null && replica.seq() - savedSeq >= everyEvents && writes.getAsBoolean()) {
      write(replica);
    }
  }

  /**
   * Writes a snapshot now unless the last one is as recent; on the replica's context. Completes once it
   * is saved, and never fails: a snapshot that cannot be written is logged, and a restart replays more.
   */
  public Future<Void> write(ShowReplica replica) {
    if (writing != null) {
      return writing.compose(v -> write(replica));
    }
    if (everyEvents == 0 || replica.seq() == savedSeq || replica.seq() == 0) {
      return Future.succeededFuture();
    }
    Snapshots.Folded fold = replica.copyOfFold();
    long seq = fold.seq();
    long started = System.nanoTime();
    writing = vertx.executeBlocking(() -> Snapshots.write(showId, fold), false)
        .compose(bytes -> store.saveSnapshot(showId, seq, bytes).map(bytes.length))
        .map(size -> {
          savedSeq = seq;
          savedAtMillis = System.currentTimeMillis();
          metrics.snapshotSaved(showId, seq, savedAtMillis);
          LOG.fine(() -> "show " + showId + ": snapshot at seq " + seq + ", " + size + " bytes in "
              + (System.nanoTime() - started) / 1_000_000 + " ms");
          return (Void) null;
        })
        .recover(failure -> {
          LOG.log(Level.WARNING, "show " + showId + ": its snapshot at seq " + seq + " could not be written", failure);
          return Future.succeededFuture();
        })
        .eventually(() -> {
          writing = null;
          return Future.succeededFuture();
        });
    return writing;
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
