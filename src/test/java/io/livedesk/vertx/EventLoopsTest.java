package io.livedesk.vertx;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Context;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What the server takes from Vert.x's internal context API. A Vert.x upgrade that breaks one of these
 * fails here first, by name; the public way is checked to behave the same where it can.
 */
class EventLoopsTest {

  private static final int LOOPS = 2;

  private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(LOOPS));

  @AfterEach
  void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  @DisplayName("this Vert.x has the internal context API the server is tuned for")
  void internalWayIsTaken() {
    assertThat(EventLoops.WAY)
        .as("VertxInternal.createEventLoopContext, nettyEventLoopGroup and ContextInternal.nettyEventLoop,"
            + " promise, dispatch must exist; else every show shares its creator's context")
        .isInstanceOf(EventLoops.Internal.class);
  }

  @Test
  @DisplayName("the internal factory makes a fresh event-loop context each time, on the loops in turn")
  void internalContextsAreFreshAndSpread() throws Exception {
    EventLoops.Way way = new EventLoops.Internal();
    List<Context> contexts = new ArrayList<>();
    for (int i = 0; i <= LOOPS; i++) {
      contexts.add(way.newContext(vertx));
    }

    assertThat(contexts).allMatch(Context::isEventLoopContext).doesNotHaveDuplicates();
    assertThat(threadOf(contexts.get(0))).startsWith("vert.x-eventloop-thread-");
    assertThat(way.loopOf(contexts.get(0))).isNotEqualTo(way.loopOf(contexts.get(1)));
    assertThat(way.loopOf(contexts.get(0))).isEqualTo(way.loopOf(contexts.get(LOOPS)));
    assertThat(threadOf(contexts.get(0))).isEqualTo(threadOf(contexts.get(LOOPS)));
  }

  @Test
  @DisplayName("the internal way lists every event loop, and each runs what it is handed on its own thread")
  void internalLoopsAreAll() throws Exception {
    List<Executor> loops = new EventLoops.Internal().loops(vertx);

    assertThat(loops).hasSize(LOOPS);
    assertThat(threadsOf(loops)).doesNotHaveDuplicates().allMatch(name -> name.startsWith("vert.x-eventloop-thread-"));
  }

  @Test
  @DisplayName("the public way: an event-loop context and one loop to measure")
  void publicContextsAndLoops() throws Exception {
    EventLoops.Way way = new EventLoops.Public();
    Context context = way.newContext(vertx);

    assertThat(context.isEventLoopContext()).isTrue();
    assertThat(way.loopOf(context)).isSameAs(context);
    assertThat(threadsOf(way.loops(vertx))).singleElement().asString().startsWith("vert.x-eventloop-thread-");
  }

  @Test
  @DisplayName("internal way: a task run as another context of the same loop runs at once, seeing that context")
  void internalRunAsIsInPlace() throws Exception {
    EventLoops.Way way = new EventLoops.Internal();
    Context first = way.newContext(vertx);
    way.newContext(vertx);
    Context sameLoop = way.newContext(vertx);

    assertThat(runAsFrom(way, first, sameLoop)).isEqualTo(List.of("ran", sameLoop, "after"));
  }

  @Test
  @DisplayName("public way: a task run as the current context runs at once, as another one is queued there")
  void publicRunAs() throws Exception {
    EventLoops.Way way = new EventLoops.Public();
    EventLoops.Way internal = new EventLoops.Internal();
    Context context = internal.newContext(vertx);
    internal.newContext(vertx);
    Context sameLoop = internal.newContext(vertx);

    assertThat(runAsFrom(way, context, context)).isEqualTo(List.of("ran", context, "after"));
    assertThat(runAsFrom(way, context, sameLoop)).isEqualTo(List.of("after", "ran", sameLoop));
  }

  @Test
  @DisplayName("a promise settled off its context calls back on its context, on either way")
  void promiseCallsBackOnItsContext() throws Exception {
    for (EventLoops.Way way : List.of(new EventLoops.Internal(), new EventLoops.Public())) {
      Context context = way.newContext(vertx);
      Promise<String> promise = way.promise(context);
      CompletableFuture<Object> calledOn = new CompletableFuture<>();
      CompletableFuture<Void> listening = new CompletableFuture<>();
      context.runOnContext(v -> {
        promise.future().onComplete(done -> calledOn.complete(Vertx.currentContext()));
        listening.complete(null);
      });
      listening.get(5, TimeUnit.SECONDS);

      assertThat(promise.tryComplete("settled from the test's thread")).isTrue();
      assertThat(promise.tryFail(new IllegalStateException("too late"))).isFalse();

      assertThat(calledOn.get(5, TimeUnit.SECONDS)).as(way.getClass().getSimpleName()).isSameAs(context);
      assertThat(promise.future().result()).isEqualTo("settled from the test's thread");
    }
  }

  /** On {@code from}, runs a task as {@code as}; what happened, in order: "ran", the context it saw, "after". */
  private static List<Object> runAsFrom(EventLoops.Way way, Context from, Context as) throws Exception {
    List<Object> seen = new CopyOnWriteArrayList<>();
    CountDownLatch both = new CountDownLatch(2);
    from.runOnContext(v -> {
      way.runAs(as, () -> {
        seen.add("ran");
        seen.add(Vertx.currentContext());
        both.countDown();
      });
      seen.add("after");
      both.countDown();
    });
    assertThat(both.await(5, TimeUnit.SECONDS)).isTrue();
    return seen;
  }

  private static String threadOf(Context context) throws Exception {
    CompletableFuture<String> name = new CompletableFuture<>();
    context.runOnContext(v -> name.complete(Thread.currentThread().getName()));
    return name.get(5, TimeUnit.SECONDS);
  }

  private static List<String> threadsOf(List<Executor> loops) throws Exception {
    List<String> names = new ArrayList<>();
    for (Executor loop : loops) {
      CompletableFuture<String> name = new CompletableFuture<>();
      loop.execute(() -> name.complete(Thread.currentThread().getName()));
      names.add(name.get(5, TimeUnit.SECONDS));
    }
    return names;
  }
}
