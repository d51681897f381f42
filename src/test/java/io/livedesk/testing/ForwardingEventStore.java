package io.livedesk.testing;

import io.livedesk.show.Recorded;
import io.livedesk.store.EventStore;
import io.livedesk.store.ShowListing;
import io.livedesk.store.ShowRecord;
import io.vertx.core.Future;
import java.util.List;
import java.util.Map;

/** A store in front of a real one that passes everything on: a test overrides what it wants to change. */
public abstract class ForwardingEventStore implements EventStore {

  private final EventStore store;

  protected ForwardingEventStore(EventStore store) {
    this.store = store;
  }

  @Override
  public Future<Void> createShow(ShowRecord show) {
    return store.createShow(show);
  }

  @Override
  public Future<ShowRecord> show(String showId) {
    return store.show(showId);
  }

  @Override
  public Future<List<ShowListing>> listShows() {
    return store.listShows();
  }

  @Override
  public Future<Void> append(String showId, List<Recorded> events) {
    return store.append(showId, events);
  }

  @Override
  public Future<List<Recorded>> read(String showId, long afterSeq, int limit) {
    return store.read(showId, afterSeq, limit);
  }

  @Override
  public Future<Long> lastSeq(String showId) {
    return store.lastSeq(showId);
  }

  @Override
  public Future<Long> probe(String showId) {
    return store.probe(showId);
  }

  @Override
  public Future<Void> saveSnapshot(String showId, long seq, byte[] snapshot) {
    return store.saveSnapshot(showId, seq, snapshot);
  }

  @Override
  public Future<byte[]> latestSnapshot(String showId) {
    return store.latestSnapshot(showId);
  }

  @Override
  public Map<String, String> showsOutOfService() {
    return store.showsOutOfService();
  }

  @Override
  public Future<Void> check() {
    return store.check();
  }

  @Override
  public Future<Void> close() {
    return store.close();
  }
}
