package io.livedesk.vertx;

import io.netty.util.concurrent.FastThreadLocal;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Tasks for another context, gathered over one turn of the caller's event loop and handed over together
 * at its end: one task, and at most one wakeup of the other loop, for all the commands a connections'
 * loop read in that turn, instead of one each (docs/design.md §One writer per show). Waking a sleeping
 * loop costs the waker a system call and the sleeper a switch back in: on a 2-core virtual machine
 * about 15 µs between them, a third of what an order costs otherwise (docs/benchmarks.md §Issue 19,
 * fourth evening).
 *
 * <p>Tasks for one context run in the order they were handed over; a caller that is not on an event loop,
 * or a Vert.x without the internals {@link EventLoops} uses, hands each task over at once.
 */
public final class Handover {

  private static final Logger LOG = Logger.getLogger(Handover.class.getName());

  /** What this event-loop thread gathered in its current turn, by the context it goes to. */
  private static final FastThreadLocal<Turn> TURN = new FastThreadLocal<>() {
    @Override
    protected Turn initialValue() {
      return new Turn();
    }
  };

  private Handover() {
  }

  /** Runs {@code task} on {@code target}: at the end of this loop's turn when called on an event loop, else at once. */
  public static void to(Context target, Runnable task) {
    Context current = Vertx.currentContext();
    if (current == null || !current.isEventLoopContext() || !EventLoops.afterTurnPossible(current)) {
      target.runOnContext(v -> task.run());
      return;
    }
    Turn turn = TURN.get();
    List<Runnable> tasks = turn.byTarget.get(target);
    if (tasks == null) {
      tasks = new ArrayList<>(4);
      turn.byTarget.put(target, tasks);
    }
    tasks.add(task);
    if (!turn.releasing) {
      turn.releasing = true;
      EventLoops.afterTurn(current, turn::release);
    }
  }

  /** One thread's gathered tasks; touched by that thread only. */
  private static final class Turn {
    private Map<Context, List<Runnable>> byTarget = new IdentityHashMap<>();
    private boolean releasing;

    void release() {
      Map<Context, List<Runnable>> gathered = byTarget;
      byTarget = new IdentityHashMap<>();
      releasing = false;
      gathered.forEach((target, tasks) -> target.runOnContext(v -> {
        for (Runnable task : tasks) {
          try {
            task.run();
          } catch (RuntimeException e) {
            // one task's fault must not cost the others their turn
            LOG.log(Level.SEVERE, "a task handed over failed", e);
          }
        }
      }));
    }
  }
}
