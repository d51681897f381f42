package io.livedesk.engine.local;

import io.livedesk.engine.LiveShow;
import io.livedesk.engine.Reply;
import io.livedesk.engine.ShowReplica;
import io.livedesk.engine.ShowWriter;
import io.livedesk.engine.Subscriber;
import io.livedesk.show.Recorded;
import io.livedesk.show.Request;
import io.livedesk.store.EventStore;
import io.livedesk.store.ShowRecord;
import io.vertx.core.Future;
import java.util.List;

/** A show whose writer and replica both live in this process, on one context. */
final class LocalShow implements LiveShow {

  private final ShowRecord record;
  private final ShowWriter writer;
  private final ShowReplica replica;
  private final EventStore store;

  LocalShow(ShowRecord record, ShowWriter writer, ShowReplica replica, EventStore store) {
    this.record = record;
    this.writer = writer;
    this.replica = replica;
    this.store = store;
  }

  ShowWriter writer() {
    return writer;
  }

  ShowReplica replica() {
    return replica;
  }

  @Override
  public ShowRecord record() {
    return record;
  }

  @Override
  public Future<Reply> execute(Request request) {
    return writer.execute(request);
  }

  @Override
  public Future<Void> subscribe(Subscriber subscriber, Long after) {
    return replica.subscribe(subscriber, after);
  }

  @Override
  public void unsubscribe(Subscriber subscriber) {
    replica.unsubscribe(subscriber);
  }

  @Override
  public <T> Future<T> query(ShowReplica.Query<T> query) {
    return replica.query(query);
  }

  @Override
  public Future<List<Recorded>> history(long afterSeq, int limit) {
    return store.read(record.id(), afterSeq, limit);
  }
}
