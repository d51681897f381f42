package io.livedesk.engine;

import io.vertx.core.Future;

/**
 * A live show followed and read through this process's {@link ShowReplica}, whoever writes it: on one
 * node the replica beside the writer, in a cluster every node's own copy.
 */
public interface ReplicaShow extends LiveShow {

  /** This process's replica of the show. */
  ShowReplica replica();

  @Override
  default Future<Void> subscribe(Subscriber subscriber, Long after) {
    return replica().subscribe(subscriber, after);
  }

  @Override
  default void unsubscribe(Subscriber subscriber) {
    replica().unsubscribe(subscriber);
  }

  @Override
  default <T> Future<T> query(ShowReplica.Query<T> query) {
    return replica().query(query);
  }
}
