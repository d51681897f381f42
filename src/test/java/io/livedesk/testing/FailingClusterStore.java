package io.livedesk.testing;

import io.livedesk.show.ErrorCode;
import io.livedesk.show.Recorded;
import io.livedesk.show.ShowError;
import io.livedesk.store.ClusterEventStore;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A cluster store in front of the real one that can fail one show's appends, and that notes where each
 * read of a show's history started, so a test can tell a replay from reading the tail.
 */
public final class FailingClusterStore extends ForwardingEventStore implements ClusterEventStore {

  /** How a show's appends fail. */
  public enum Failure {
    /** Nothing is stored and the database says so; probes fail as well until healed. */
    REFUSED,
    /** The batch is committed but the answer is lost, as when the commit outlives the client's timeout. */
    STORED_THEN_TIMED_OUT
  }

  private final ClusterEventStore store;
  private final Map<String, Failure> failing = new ConcurrentHashMap<>();
  private final Map<String, List<Long>> reads = new ConcurrentHashMap<>();

  public FailingClusterStore(ClusterEventStore store) {
    super(store);
    this.store = store;
  }

  public void fail(String showId, Failure failure) {
    failing.put(showId, failure);
  }

  public void heal(String showId) {
    failing.remove(showId);
  }

  /** The seq after which each read of the show's history started, in order. */
  public List<Long> readsOf(String showId) {
    synchronized (reads) {
      return List.copyOf(reads.getOrDefault(showId, List.of()));
    }
  }

  @Override
  public Future<Void> append(String showId, List<Recorded> events, long epoch) {
    Failure failure = failing.get(showId);
    if (failure == Failure.REFUSED) {
      return Future.failedFuture(new ShowError(ErrorCode.UNAVAILABLE, "could not extend file: No space left on device"));
    }
    Future<Void> appended = store.append(showId, events, epoch);
    return failure == null ? appended : appended.transform(done -> Future.failedFuture(
        new ShowError(ErrorCode.UNAVAILABLE, "PostgreSQL did not answer within 3000 ms")));
  }

  @Override
  public Future<Void> append(String showId, List<Recorded> events) {
    return failing.containsKey(showId) ? Future.failedFuture(new ShowError(ErrorCode.UNAVAILABLE, "refused"))
        : store.append(showId, events);
  }

  @Override
  public Future<Long> probe(String showId) {
    return failing.get(showId) == Failure.REFUSED
        ? Future.failedFuture(new ShowError(ErrorCode.UNAVAILABLE, "still no space left on device"))
        : store.probe(showId);
  }

  @Override
  public Future<List<Recorded>> read(String showId, long afterSeq, int limit) {
    synchronized (reads) {
      reads.computeIfAbsent(showId, id -> Collections.synchronizedList(new ArrayList<>())).add(afterSeq);
    }
    return store.read(showId, afterSeq, limit);
  }

  @Override
  public Future<Long> claimWriter(String showId) {
    return store.claimWriter(showId);
  }
}
