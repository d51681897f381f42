package io.livedesk.engine;

import io.livedesk.vertx.EventLoops;
import io.livedesk.vertx.FrameWriter;
import io.vertx.core.Context;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Settles a promise on the context of whoever asked, so their callbacks run on their own event loop. */
public final class Callers {

  private Callers() {
  }

  public static <T> void complete(Context caller, Promise<T> promise, T value) {
    if (caller == null || caller == Vertx.currentContext()) {
      promise.complete(value);
    } else {
      caller.runOnContext(v -> promise.complete(value));
    }
  }

  /** A settlement waiting to be run on its caller's context. */
  record Settlement(Context caller, Runnable settle) {}

  /**
   * A batch's answers grouped by event loop, one task per loop rather than one per promise: in a rush, a
   * batch answers hundreds of callers on a handful of loops, and every separate task would wake a loop.
   * Whoever writes the batch's frames on a loop takes that loop's answers and settles them in the same
   * task ({@link #settleHere}), so an order's reply leaves with the buyer's own frame; {@link #settleRest}
   * queues a task for each loop nobody took.
   */
  public static final class Answers {
    private final Map<Object, List<Settlement>> byLoop = new HashMap<>();
    /** Callers outside Vert.x, settled in place by {@link #settleRest}. */
    private final List<Settlement> unbound = new ArrayList<>(0);

    void add(Settlement settlement) {
      if (settlement.caller() == null) {
        unbound.add(settlement);
      } else {
        byLoop.computeIfAbsent(EventLoops.loopOf(settlement.caller()), loop -> new ArrayList<>()).add(settlement);
      }
    }

    /** The answers of callers on {@code loop}, now this caller's to settle; null when there are none. */
    List<Settlement> take(Object loop) {
      return byLoop.isEmpty() ? null : byLoop.remove(loop);
    }

    /** Queues a task on each loop whose answers nobody took. */
    public void settleRest() {
      unbound.forEach(settlement -> settlement.settle().run());
      unbound.clear();
      byLoop.values().forEach(group -> group.get(0).caller().runOnContext(v -> settleHere(group)));
      byLoop.clear();
    }
  }

  /**
   * Settles answers of callers on the current thread's loop, each as if on its own context, which lives on
   * this same thread; the replies they write to one socket leave in one flush at the end.
   */
  static void settleHere(List<Settlement> group) {
    FrameWriter.holdingFlushes(() -> group.forEach(settlement ->
        EventLoops.runAs(settlement.caller(), settlement.settle())));
  }

  public static <T> void fail(Context caller, Promise<T> promise, Throwable error) {
    if (caller == null || caller == Vertx.currentContext()) {
      promise.fail(error);
    } else {
      caller.runOnContext(v -> promise.fail(error));
    }
  }
}
