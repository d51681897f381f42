package io.livedesk.engine.cluster;

import io.livedesk.show.ErrorCode;
import io.livedesk.show.ShowError;
import io.livedesk.store.TimeLimit;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

/**
 * The node's Redis: every call bounded in time and failing with UNAVAILABLE when Redis is out of reach,
 * so nothing waits on a server that went away.
 */
final class RedisLink {

  private final Vertx vertx;
  private final Redis client;
  private final String where;
  private final long timeoutMillis;

  RedisLink(Vertx vertx, Redis client, String where, long timeoutMillis) {
    this.vertx = vertx;
    this.client = client;
    this.where = where;
    this.timeoutMillis = timeoutMillis;
  }

  Future<Response> send(Request request) {
    return bounded(client.send(request));
  }

  /** A connection of its own, for blocking reads and subscriptions. */
  Future<RedisConnection> connect() {
    return bounded(client.connect());
  }

  /** Bounds a call made on a connection of its own. */
  <T> Future<T> bounded(Future<T> call) {
    return bounded(call, 0);
  }

  /** Bounds a call that may legitimately wait {@code waitMillis} (a blocking read) before the usual limit starts. */
  <T> Future<T> bounded(Future<T> call, long waitMillis) {
    return TimeLimit.of(vertx, call, waitMillis + timeoutMillis, "Redis at " + where)
        .recover(e -> Future.failedFuture(e instanceof ShowError ? e : unavailable(e)));
  }

  ShowError unavailable(Throwable cause) {
    return new ShowError(ErrorCode.UNAVAILABLE, "Redis at " + where + " is unavailable: "
        + (cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage()));
  }

  String where() {
    return where;
  }

  Future<Void> close() {
    return client.close();
  }
}
