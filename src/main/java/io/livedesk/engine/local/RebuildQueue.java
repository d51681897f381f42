package io.livedesk.engine.local;

import io.vertx.core.Future;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.function.Supplier;

/**
 * The rebuilds of a start, run a few at a time (docs/design.md §After a crash): every show replaying at
 * once holds a page of decoded events per show and shares the same cores, so with hundreds of shows none
 * would be ready for minutes; a few at a time, each is ready as soon as its own history is folded.
 */
final class RebuildQueue {

  private final Queue<Supplier<Future<Void>>> waiting = new ArrayDeque<>();
  private final int width;

  /** @param width how many rebuilds run at the same time (at least one) */
  RebuildQueue(int width) {
    this.width = Math.max(1, width);
  }

  synchronized void add(Supplier<Future<Void>> rebuild) {
    waiting.add(rebuild);
  }

  /** Starts the first rebuilds; each one done starts the next. */
  void start() {
    for (int i = 0; i < width; i++) {
      next();
    }
  }

  private void next() {
    Supplier<Future<Void>> rebuild;
    synchronized (this) {
      rebuild = waiting.poll();
    }
    if (rebuild != null) {
      rebuild.get().onComplete(done -> next());
    }
  }
}
