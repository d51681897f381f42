package io.livedesk.engine;

import io.livedesk.vertx.EventLoops;
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
   * Settles many promises with one task per event loop rather than one per promise: in a rush, a batch
   * answers hundreds of callers on a handful of loops, and every separate task would wake a loop.
   */
  static void settleAll(List<Settlement> settlements) {
    Map<Object, List<Settlement>> byLoop = new HashMap<>();
    for (Settlement settlement : settlements) {
      if (settlement.caller() == null) {
        settlement.settle().run();
      } else {
        byLoop.computeIfAbsent(EventLoops.loopOf(settlement.caller()), loop -> new ArrayList<>())
            .add(settlement);
      }
    }
    byLoop.values().forEach(group -> group.get(0).caller().runOnContext(v -> group.forEach(settlement ->
        // each promise is settled as if on its own context, which lives on this same thread
        EventLoops.runAs(settlement.caller(), settlement.settle()))));
  }

  public static <T> void fail(Context caller, Promise<T> promise, Throwable error) {
    if (caller == null || caller == Vertx.currentContext()) {
      promise.fail(error);
    } else {
      caller.runOnContext(v -> promise.fail(error));
    }
  }
}
