package io.livedesk.engine;

import io.livedesk.vertx.EventLoops;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Where the server's snapshots are built (docs/design.md §Snapshots): one job at a time for all shows, its
 * folding and (de)serializing on a worker thread of its own, its reads from the store answered on a context
 * of its own, so no show's event loop does any of it. A show asking while a job runs is turned down, not
 * queued: it asks again as its events go on.
 */
public final class SnapshotWorker {

  /** A snapshot of a big show takes seconds on its worker: longer than Vert.x's blocked-thread warning. */
  private static final long MAX_JOB_MINUTES = 10;

  private final Context context;
  private final WorkerExecutor cpu;
  /** The job running, or null. Read and written under this object's lock. */
  private Future<Void> running;
  private volatile boolean closing;

  public SnapshotWorker(Vertx vertx) {
    this.context = EventLoops.newContext(vertx);
    this.cpu = vertx.createSharedWorkerExecutor("livedesk-snapshots", 1, MAX_JOB_MINUTES, TimeUnit.MINUTES);
  }

  /**
   * Starts {@code job} on the worker's context unless a job is running or the worker is closing; cheap, for
   * a show's event loop. Answers whether it started.
   */
  boolean tryStart(Supplier<Future<Void>> job) {
    Promise<Void> done = Promise.promise();
    synchronized (this) {
      if (running != null || closing) {
        return false;
      }
      running = done.future();
    }
    context.runOnContext(v -> {
      Future<Void> ran;
      try {
        ran = job.get();
      } catch (RuntimeException e) {
        ran = Future.failedFuture(e);
      }
      ran.onComplete(result -> {
        synchronized (this) {
          running = null;
        }
        done.handle(result);
      });
    });
    return true;
  }

  /** Runs CPU work (a fold, a snapshot's bytes) on the worker thread. */
  <T> Future<T> cpu(Callable<T> work) {
    return cpu.executeBlocking(work, true);
  }

  /** Whether the server is stopping: a job under way gives up between two pages. */
  boolean closing() {
    return closing;
  }

  /** Starts no more jobs; completes once the one running, if any, has given up or finished. */
  public Future<Void> close() {
    return close(Future::succeededFuture);
  }

  /**
   * Starts no more jobs; once the one running, if any, has given up or finished, runs {@code last} (the
   * snapshots of a clean stop, on this worker's thread), then stops.
   */
  public Future<Void> close(Supplier<Future<Void>> last) {
    Future<Void> running;
    synchronized (this) {
      closing = true;
      running = this.running;
    }
    Future<Void> idle = running == null ? Future.succeededFuture() : running.otherwiseEmpty();
    return idle.compose(v -> last.get()).eventually(cpu::close);
  }
}
