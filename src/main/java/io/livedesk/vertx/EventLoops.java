package io.livedesk.vertx;

import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.VertxInternal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.logging.Logger;

/**
 * Event-loop contexts: a fresh one for each show and each Redis worker, which loop a context runs on,
 * promises settled on a context, and the loops themselves. Vert.x's public API has none of these but
 * {@code getOrCreateContext()}, so this is the one place that uses {@code VertxInternal} and
 * {@code ContextInternal}. When this Vert.x no longer has them, it says so once and takes the public way:
 * everything stays correct, shows share their creator's context and hop more often.
 */
public final class EventLoops {

  private static final Logger LOG = Logger.getLogger(EventLoops.class.getName());

  /** The way taken, chosen once when the class loads. */
  static final Way WAY = choose();

  private EventLoops() {
  }

  /** A new event-loop context, on the next loop in turn: one per show, so shows share nothing. */
  public static Context newContext(Vertx vertx) {
    return WAY.newContext(vertx);
  }

  /** What contexts on the same thread have in common: their loop (the context itself on the public way). */
  public static Object loopOf(Context context) {
    return WAY.loopOf(context);
  }

  /**
   * Runs {@code task} now, as if on {@code context}, which must run on the current thread's loop
   * ({@code loopOf} equal to the current context's): promises bound to it then settle without a hop.
   */
  public static void runAs(Context context, Runnable task) {
    WAY.runAs(context, task);
  }

  /** A promise whose callbacks run on {@code context}, whoever settles it. */
  public static <T> Promise<T> promise(Context context) {
    return WAY.promise(context);
  }

  /** Something that runs a task on each of the instance's event loops, for measuring how long they wait. */
  public static List<Executor> loops(Vertx vertx) {
    return WAY.loops(vertx);
  }

  private static Way choose() {
    try {
      VertxInternal.class.getMethod("createEventLoopContext");
      VertxInternal.class.getMethod("nettyEventLoopGroup");
      ContextInternal.class.getMethod("nettyEventLoop");
      ContextInternal.class.getMethod("promise");
      ContextInternal.class.getMethod("dispatch", Handler.class);
      return new Internal();
    } catch (ReflectiveOperationException | LinkageError e) {
      LOG.warning("this Vert.x has no VertxInternal/ContextInternal as expected (" + e
          + "): shows share contexts and answers hop once more; see io.livedesk.vertx.EventLoops");
      return new Public();
    }
  }

  /** What each way must do; the public one is the fallback. */
  interface Way {
    Context newContext(Vertx vertx);

    Object loopOf(Context context);

    void runAs(Context context, Runnable task);

    <T> Promise<T> promise(Context context);

    List<Executor> loops(Vertx vertx);
  }

  /** Vert.x's internal API: what the server is tuned for. */
  static final class Internal implements Way {

    /** Public API hands out only the caller's context; a show needs one of its own. Fallback: the caller's. */
    @Override
    public Context newContext(Vertx vertx) {
      return ((VertxInternal) vertx).createEventLoopContext();
    }

    /**
     * Every connection has a context of its own; grouped by loop, fan-out is one task per loop, not per socket.
     * Public API does not say which loop a context runs on. Fallback: each context is its own group.
     */
    @Override
    public Object loopOf(Context context) {
      return ((ContextInternal) context).nettyEventLoop();
    }

    /** Public API can only queue a task on a context; this runs it in place. Fallback: in place if current, else queued. */
    @Override
    public void runAs(Context context, Runnable task) {
      ((ContextInternal) context).dispatch(v -> task.run());
    }

    /** Public {@code Promise.promise()} runs callbacks on whichever thread settles it. Fallback: {@link ContextPromise}. */
    @Override
    public <T> Promise<T> promise(Context context) {
      return ((ContextInternal) context).promise();
    }

    /** Public API does not list the event loops. Fallback: the loop of one context only. */
    @Override
    public List<Executor> loops(Vertx vertx) {
      List<Executor> loops = new ArrayList<>();
      ((VertxInternal) vertx).nettyEventLoopGroup().forEach(loops::add);
      return loops;
    }
  }

  /** Public API only: correct, with more hops and less spreading over loops. */
  static final class Public implements Way {

    @Override
    public Context newContext(Vertx vertx) {
      return vertx.getOrCreateContext();
    }

    @Override
    public Object loopOf(Context context) {
      return context;
    }

    @Override
    public void runAs(Context context, Runnable task) {
      if (Vertx.currentContext() == context) {
        task.run();
      } else {
        context.runOnContext(v -> task.run());
      }
    }

    @Override
    public <T> Promise<T> promise(Context context) {
      return new ContextPromise<>(context);
    }

    /** Only the loop of one context: the others go unmeasured. */
    @Override
    public List<Executor> loops(Vertx vertx) {
      Context context = vertx.getOrCreateContext();
      return List.of(task -> context.runOnContext(v -> task.run()));
    }
  }
}
