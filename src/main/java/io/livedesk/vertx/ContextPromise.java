package io.livedesk.vertx;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A promise whose callbacks run on its context, from public API only: settling it from elsewhere queues
 * the settlement there. The fallback of {@link EventLoops#promise}; one more task per settlement.
 */
final class ContextPromise<T> implements Promise<T> {

  private final Context context;
  private final Promise<T> settled = Promise.promise();
  /** Whether a settlement was taken: it may still be queued, so {@code settled} cannot tell. */
  private final AtomicBoolean taken = new AtomicBoolean();

  ContextPromise(Context context) {
    this.context = context;
  }

  @Override
  public boolean tryComplete(T value) {
    return take(() -> settled.complete(value));
  }

  @Override
  public boolean tryFail(Throwable cause) {
    return take(() -> settled.fail(cause));
  }

  private boolean take(Runnable settle) {
    if (!taken.compareAndSet(false, true)) {
      return false;
    }
    if (Vertx.currentContext() == context) {
      settle.run();
    } else {
      context.runOnContext(v -> settle.run());
    }
    return true;
  }

  @Override
  public Future<T> future() {
    return settled.future();
  }
}
