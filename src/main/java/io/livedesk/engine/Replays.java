package io.livedesk.engine;

import io.livedesk.show.Recorded;
import io.livedesk.store.EventStore;
import io.vertx.core.Future;
import java.util.List;
import java.util.function.Consumer;

/** Reads a show's history page by page, in seq order, handing each page on before asking for the next. */
final class Replays {

  private Replays() {
  }

  static Future<Long> readAll(EventStore store, String showId, long afterSeq, Consumer<List<Recorded>> page) {
    return store.read(showId, afterSeq, EventStore.PAGE).compose(events -> {
      if (events.isEmpty()) {
        return Future.succeededFuture(afterSeq);
      }
      page.accept(events);
      return readAll(store, showId, events.get(events.size() - 1).seq(), page);
    });
  }
}
