package io.livedesk.vertx;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Tasks handed to another context at the end of the caller's turn, together, in order. */
class HandoverTest {

  private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));

  @AfterEach
  void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  @DisplayName("tasks handed over wait for the end of the caller's turn, then run on the target in order")
  void waitForTheTurnThenRunInOrder() throws Exception {
    Context caller = EventLoops.newContext(vertx);
    Context target = EventLoops.newContext(vertx);
    assertThat(EventLoops.loopOf(caller)).as("two loops").isNotEqualTo(EventLoops.loopOf(target));
    List<String> ran = new CopyOnWriteArrayList<>();
    AtomicLong callerTaskEnded = new AtomicLong();
    List<Long> startedAt = new CopyOnWriteArrayList<>();
    CountDownLatch done = new CountDownLatch(6);

    caller.runOnContext(v -> {
      for (int i = 1; i <= 5; i++) {
        String name = "task " + i;
        Handover.to(target, () -> {
          startedAt.add(System.nanoTime());
          ran.add(name + (Vertx.currentContext() == target ? " on the target" : " elsewhere"));
          done.countDown();
        });
      }
      // a task handed over at once would run on the other loop meanwhile
      sleep(100);
      callerTaskEnded.set(System.nanoTime());
      done.countDown();
    });

    assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(ran).containsExactly("task 1 on the target", "task 2 on the target", "task 3 on the target",
        "task 4 on the target", "task 5 on the target");
    assertThat(startedAt).allMatch(started -> started > callerTaskEnded.get());
  }

  @Test
  @DisplayName("each target gets its own tasks; one that throws costs the others nothing; a later turn hands over again")
  void targetsApartFaultsContained() throws Exception {
    Context caller = EventLoops.newContext(vertx);
    Context first = EventLoops.newContext(vertx);
    Context second = EventLoops.newContext(vertx);
    List<String> onFirst = new CopyOnWriteArrayList<>();
    List<String> onSecond = new CopyOnWriteArrayList<>();
    CountDownLatch done = new CountDownLatch(5);

    caller.runOnContext(v -> {
      Handover.to(first, () -> record(onFirst, first, "a", done));
      Handover.to(second, () -> record(onSecond, second, "x", done));
      Handover.to(first, () -> {
        throw new IllegalStateException("a fault in one task handed over");
      });
      Handover.to(first, () -> record(onFirst, first, "b", done));
      Handover.to(second, () -> record(onSecond, second, "y", done));
    });
    // the next turn's tasks are handed over by a release of their own
    caller.runOnContext(v -> Handover.to(first, () -> record(onFirst, first, "c", done)));

    assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(onFirst).containsExactly("a", "b", "c");
    assertThat(onSecond).containsExactly("x", "y");
  }

  @Test
  @DisplayName("a caller off the event loops hands each task over at once")
  void offTheLoopsAtOnce() throws Exception {
    Context target = EventLoops.newContext(vertx);
    CountDownLatch done = new CountDownLatch(1);
    List<String> ran = new CopyOnWriteArrayList<>();

    Handover.to(target, () -> record(ran, target, "from a test thread", done));

    assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(ran).containsExactly("from a test thread");
  }

  private static void record(List<String> log, Context expected, String what, CountDownLatch done) {
    log.add(Vertx.currentContext() == expected ? what : what + " on the wrong context");
    done.countDown();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
