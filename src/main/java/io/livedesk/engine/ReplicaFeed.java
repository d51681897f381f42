package io.livedesk.engine;

import io.livedesk.show.Recorded;
import io.livedesk.store.DamagedHistory;
import io.livedesk.store.EventStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * Keeps a node's replica of a show in step with its history when events reach it from more than one
 * place (the show's stream, this node's own writer) and some may never arrive (a trimmed or restarted
 * stream): what the replica has is skipped, and a gap is filled from the store before going on. A gap
 * that cannot be filled because a stored event does not decode stops the feed: the show is damaged, and
 * the replica is not fed past the hole. Runs on the replica's context.
 */
public final class ReplicaFeed {

  private static final Logger LOG = Logger.getLogger(ReplicaFeed.class.getName());
  static final long CATCH_UP_RETRY_MILLIS = 1000;

  private final Vertx vertx;
  private final EventStore store;
  private final String showId;
  private final ShowReplica replica;
  private final Consumer<DamagedHistory> onDamage;
  private List<Recorded> arrivedMeanwhile = new ArrayList<>();
  private boolean catchingUp;
  private boolean damaged;

  public ReplicaFeed(Vertx vertx, EventStore store, String showId, ShowReplica replica, Consumer<DamagedHistory> onDamage) {
    this.vertx = vertx;
    this.store = store;
    this.showId = showId;
    this.replica = replica;
    this.onDamage = onDamage;
  }

  /** Builds the replica from the show's snapshot and the history after it; answers the seq it reached. */
  public Future<Long> build() {
    return Replays.rebuild(vertx, store, replica);
  }

  /** Durable events in seq order, from any source; each reaches the replica once, in order. */
  public void offer(List<Recorded> events) {
    if (damaged) {
      return;
    }
    if (catchingUp) {
      arrivedMeanwhile.addAll(events);
      return;
    }
    List<Recorded> fresh = after(events, replica.seq());
    if (fresh.isEmpty()) {
      return;
    }
    if (fresh.get(0).seq() != replica.seq() + 1) {
      arrivedMeanwhile.addAll(fresh);
      catchUp();
      return;
    }
    replica.apply(fresh);
  }

  private void catchUp() {
    catchingUp = true;
    long from = replica.seq();
    Replays.readAll(store, showId, from, page -> {
      List<Recorded> fresh = after(page, replica.seq());
      if (!fresh.isEmpty()) {
        replica.apply(fresh);
      }
    }).onComplete(done -> {
      DamagedHistory damage = done.failed() ? DamagedHistory.in(done.cause()) : null;
      if (damage != null) {
        damaged = true;
        arrivedMeanwhile = new ArrayList<>();
        onDamage.accept(damage);
        return;
      }
      if (done.failed()) {
        LOG.warning(() -> "show " + showId + ": filling a gap after seq " + replica.seq() + " from the store failed ("
            + done.cause().getMessage() + "); trying again");
        vertx.setTimer(CATCH_UP_RETRY_MILLIS, id -> catchUp());
        return;
      }
      catchingUp = false;
      List<Recorded> pending = arrivedMeanwhile;
      arrivedMeanwhile = new ArrayList<>();
      offer(pending);
    });
  }

  private static List<Recorded> after(List<Recorded> events, long seq) {
    int from = 0;
    while (from < events.size() && events.get(from).seq() <= seq) {
      from++;
    }
    return from == 0 ? events : events.subList(from, events.size());
  }
}
