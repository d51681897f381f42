package io.livedesk.engine;

import io.livedesk.show.Recorded;
import io.livedesk.store.EventStore;
import io.vertx.core.Future;
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

  private Replays() {
  }

  /**
   * Rebuilds a fresh replica on its context: from the show's latest snapshot when there is a valid one,
   * then the events after it; from the whole history otherwise (docs/design.md §Snapshots). Answers the
   * seq reached.
   */
  public static Future<Long> rebuild(Vertx vertx, EventStore store, ShowReplica replica) {
    String showId = replica.showId();
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
          return readAll(store, showId, from, page -> replica.replay(page, lastSeq));
        }));
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
