package io.livedesk.engine;

import io.vertx.core.Context;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

/** Settles a promise on the context of whoever asked, so their callbacks run on their own event loop. */
final class Callers {

  private Callers() {
  }

  static <T> void complete(Context caller, Promise<T> promise, T value) {
    if (caller == null || caller == Vertx.currentContext()) {
      promise.complete(value);
    } else {
      caller.runOnContext(v -> promise.complete(value));
    }
  }

  static <T> void fail(Context caller, Promise<T> promise, Throwable error) {
    if (caller == null || caller == Vertx.currentContext()) {
      promise.fail(error);
    } else {
      caller.runOnContext(v -> promise.fail(error));
    }
  }
}
