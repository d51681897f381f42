package io.livedesk.http;

import io.livedesk.show.ErrorCode;
import io.livedesk.show.ShowError;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Request work too heavy for an event loop (run-sheet parsing, report building and encoding, lottery
 * proofs), on a few threads of its own: an upload never holds up a socket, and at most {@link #MAX_WAITING}
 * such jobs wait at once, the rest answered UNAVAILABLE (docs/protocol.md §Limits that protect the show).
 */
final class BackOffice {

  static final int THREADS = 2;
  static final int MAX_WAITING = 16;

  private final WorkerExecutor workers;
  private final AtomicInteger waiting = new AtomicInteger();

  BackOffice(Vertx vertx) {
    this.workers = vertx.createSharedWorkerExecutor("livedesk-back-office", THREADS);
  }

  /** Runs the job on a back-office thread; the future completes on the caller's context. */
  <T> Future<T> run(Callable<T> job) {
    if (waiting.incrementAndGet() > MAX_WAITING) {
      waiting.decrementAndGet();
      return Future.failedFuture(new ShowError(ErrorCode.UNAVAILABLE,
          "the server is busy with other uploads and reports; try again in a moment"));
    }
    return workers.executeBlocking(job, false).andThen(done -> waiting.decrementAndGet());
  }

  Future<Void> close() {
    return workers.close();
  }
}
