package io.livedesk.engine;

import io.livedesk.show.Recorded;
import io.livedesk.store.EventStore;
import io.vertx.core.Future;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads a show's history page by page, in seq order. The next page is already being read while the
 * current one is handed on, so reading and folding a long history overlap.
 */
public final class Replays {

  private Replays() {
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
