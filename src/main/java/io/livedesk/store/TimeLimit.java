package io.livedesk.store;

import io.livedesk.show.ErrorCode;
import io.livedesk.show.ShowError;
import io.livedesk.vertx.EventLoops;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

/**
 * Bounds how long a call to PostgreSQL or Redis may take: a server that stops answering makes the call
 * fail with UNAVAILABLE after a few seconds instead of leaving the caller waiting.
 */
public final class TimeLimit {

  private TimeLimit() {
  }

  /** The outcome of {@code work}, or UNAVAILABLE naming {@code what} once {@code millis} have passed. */
  public static <T> Future<T> of(Vertx vertx, Future<T> work, long millis, String what) {
    if (work.isComplete()) {
      return work;
    }
    // settled on the caller's context, so what the caller chains on it runs where the caller does
    Promise<T> bounded = EventLoops.promise(vertx.getOrCreateContext());
    long timer = vertx.setTimer(millis, id -> bounded.tryFail(
        new ShowError(ErrorCode.UNAVAILABLE, what + " did not answer within " + millis + " ms")));
    work.onComplete(result -> {
      vertx.cancelTimer(timer);
      if (result.succeeded()) {
        bounded.tryComplete(result.result());
      } else {
        bounded.tryFail(result.cause());
      }
    });
    return bounded.future();
  }
}
