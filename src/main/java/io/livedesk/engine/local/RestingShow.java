package io.livedesk.engine.local;

import io.livedesk.engine.LiveShow;
import io.livedesk.engine.Reply;
import io.livedesk.engine.ShowReplica;
import io.livedesk.engine.Subscriber;
import io.livedesk.show.Recorded;
import io.livedesk.show.Request;
import io.livedesk.store.EventStore;
import io.livedesk.store.ShowRecord;
import io.vertx.core.Future;
import java.util.List;

/**
 * A resting show handed to a reader of its stored history (docs/design.md §Resting shows): the history is
 * read from the store as is, without loading the show; anything else loads it through the engine first.
 */
record RestingShow(ShowRecord record, EventStore store, MemoryEngine engine) implements LiveShow {

  @Override
  public Future<Reply> execute(Request request) {
    return engine.show(record.id()).compose(show -> show.execute(request));
  }

  @Override
  public Future<Void> subscribe(Subscriber subscriber, Long after) {
    return engine.show(record.id()).compose(show -> show.subscribe(subscriber, after));
  }

  @Override
  public void unsubscribe(Subscriber subscriber) {
    // one that subscribed loaded the show, which cannot rest while followed; nothing is loaded to unsubscribe
    LiveShow loaded = engine.loaded(record.id());
    if (loaded != null) {
      loaded.unsubscribe(subscriber);
    }
  }

  @Override
  public <T> Future<T> query(ShowReplica.Query<T> query) {
    return engine.show(record.id()).compose(show -> show.query(query));
  }

  @Override
  public Future<List<Recorded>> history(long afterSeq, int limit) {
    return store.read(record.id(), afterSeq, limit);
  }
}
