package io.livedesk.engine;

import io.livedesk.show.Recorded;
import io.livedesk.store.EventStore;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * Reads a show's history page by page, in seq order. The next page is already being read while the
 * current one is handed on, so reading and folding a long history overlap.
 */
public final class Replays {

  private static final Logger LOG = Logger.getLogger(Replays.class.getName());

  /** At most this many events are folded before the loop runs its other tasks... */
  static final int SLICE_EVENTS = 1_000;
  /** ...nor for longer than this, checked every {@code SLICE_EVENTS / SLICE_STEPS} events. */
  static final long SLICE_NANOS = 20_000_000;
  private static final int SLICE_STEPS = 10;

  private Replays() {
  }

  /**
   * Rebuilds a fresh replica on its context: from the show's latest snapshot when there is a valid one,
   * then the events after it; from the whole history otherwise (docs/design.md §Snapshots). Answers the
   * seq reached.
   */
  public static Future<Long> rebuild(Vertx vertx, EventStore store, ShowReplica replica) {
    String showId = replica.showId();
    long started = System.nanoTime();
    return store.lastSeq(showId).compose(lastSeq -> store.latestSnapshot(showId)
        .recover(failure -> {
          LOG.warning(() -> "show " + showId + ": its snapshot cannot be read (" + failure.getMessage()
              + "); replaying its whole history");
          return Future.succeededFuture();
        })
        .compose(bytes -> bytes == null ? Future.<Snapshots.Folded>succeededFuture()
            : vertx.executeBlocking(() -> Snapshots.usable(showId, bytes, replica.lottery(), lastSeq), false))
        .compose(folded -> {
          long from = 0;
          if (folded != null) {
            replica.restore(folded);
            from = folded.seq();
          }
          if (replica.snapshotter() != null) {
            replica.snapshotter().startedAt(from);
          }
          long read = System.nanoTime();
          long snapshotSeq = from;
          return readInSlices(store, showId, from, replica.context(), slice -> replica.replay(slice, lastSeq))
              .onSuccess(seq -> LOG.info(() -> "show " + showId + ": " + (snapshotSeq == 0 ? "no snapshot"
                  : "snapshot at seq " + snapshotSeq + " read in " + (read - started) / 1_000_000 + " ms")
                  + ", " + (seq - snapshotSeq) + " events folded in " + (System.nanoTime() - read) / 1_000_000 + " ms"));
        }));
  }

  /**
   * As {@link #readAll}, each page handed on in slices of at most {@link #SLICE_EVENTS} events and
   * {@link #SLICE_NANOS}, the loop of {@code context} free to run its other tasks between two slices: a page
   * folded in one go held the loop for seconds while many shows loaded (docs/design.md §After a crash). For a
   * fold nothing else touches meanwhile, as a replica being rebuilt.
   */
  public static Future<Long> readInSlices(EventStore store, String showId, long afterSeq, Context context,
      Consumer<List<Recorded>> slice) {
    return store.read(showId, afterSeq, EventStore.PAGE)
        .compose(first -> handOnInSlices(store, showId, afterSeq, first, context, slice));
  }

  private static Future<Long> handOnInSlices(EventStore store, String showId, long afterSeq, List<Recorded> events,
      Context context, Consumer<List<Recorded>> slice) {
    if (events.isEmpty()) {
      return Future.succeededFuture(afterSeq);
    }
    long last = events.get(events.size() - 1).seq();
    Future<List<Recorded>> next = store.read(showId, last, EventStore.PAGE);
    return foldInSlices(events, context, slice).compose(v -> next)
        .compose(following -> handOnInSlices(store, showId, last, following, context, slice));
  }

  /** Hands {@code events} on in slices as {@link #readInSlices} does; completes once the last is folded. */
  public static Future<Void> foldInSlices(List<Recorded> events, Context context, Consumer<List<Recorded>> slice) {
    Promise<Void> folded = Promise.promise();
    if (events.isEmpty()) {
      folded.complete();
    } else {
      foldSlices(events, 0, context, slice, folded);
    }
    return folded.future();
  }

  /** Hands on slices from {@code from} until the time of one slice is spent, then yields the loop. */
  private static void foldSlices(List<Recorded> events, int from, Context context, Consumer<List<Recorded>> slice,
      Promise<Void> folded) {
    long started = System.nanoTime();
    int at = from;
    try {
      do {
        int end = Math.min(events.size(), at + SLICE_EVENTS / SLICE_STEPS);
        slice.accept(events.subList(at, end));
        at = end;
      } while (at < events.size() && at - from < SLICE_EVENTS && System.nanoTime() - started < SLICE_NANOS);
    } catch (RuntimeException e) {
      folded.fail(e);
      return;
    }
    if (at == events.size()) {
      folded.complete();
      return;
    }
    int resume = at;
    context.runOnContext(v -> foldSlices(events, resume, context, slice, folded));
  }

  public static Future<Long> readAll(EventStore store, String showId, long afterSeq, Consumer<List<Recorded>> page) {
    return store.read(showId, afterSeq, EventStore.PAGE).compose(first -> handOn(store, showId, afterSeq, first, page));
  }

  private static Future<Long> handOn(EventStore store, String showId, long afterSeq, List<Recorded> events,
      Consumer<List<Recorded>> page) {
    if (events.isEmpty()) {
      return Future.succeededFuture(afterSeq);
    }
    long last = events.get(events.size() - 1).seq();
    Future<List<Recorded>> next = store.read(showId, last, EventStore.PAGE);
    page.accept(events);
    return next.compose(following -> handOn(store, showId, last, following, page));
  }
}
