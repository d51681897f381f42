package io.livedesk.testing;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** Waiting, in a test's own thread, for what asynchronous code promised. */
public final class Futures {

  /** Long enough for a loaded machine; a future that takes longer fails the test. */
  private static final Duration PATIENCE = Duration.ofSeconds(30);

  private Futures() {
  }

  /** The future's value within 30 s; a failed future throws its own failure, not a wrapper of it. */
  public static <T> T await(Future<T> future) throws Exception {
    return await(future, PATIENCE);
  }

  public static <T> T await(Future<T> future, Duration patience) throws Exception {
    try {
      return future.toCompletionStage().toCompletableFuture().get(patience.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
  }
}
