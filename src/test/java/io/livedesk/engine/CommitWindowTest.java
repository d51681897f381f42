package io.livedesk.engine;

import static io.livedesk.testing.Futures.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.livedesk.show.Actor;
import io.livedesk.show.Command;
import io.livedesk.show.Recorded;
import io.livedesk.show.Request;
import io.livedesk.show.ShowMeta;
import io.livedesk.show.ShowState;
import io.livedesk.vertx.EventLoops;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The writer's commit window (docs/design.md §Durability before acknowledgement): a busy show's next append waits for company, a
 * quiet show's does not, and a draining writer never waits on the window. The window here is a minute, so a
 * test that passes cannot have been helped by the window running out.
 */
class CommitWindowTest {

  private static final long MINUTE_MICROS = 60_000_000;

  private Vertx vertx;
  private Context context;
  /** Each append the writer hands out, held until the test completes it. */
  private final BlockingQueue<Append> appends = new LinkedBlockingQueue<>();

  private record Append(List<Recorded> batch, Promise<Void> done) {}

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    context = EventLoops.newContext(vertx);
  }

  @AfterEach
  void stop() throws Exception {
    await(vertx.close());
  }

  private ShowWriter writer(long windowMicros) {
    return writer(windowMicros, false);
  }

  /** With {@code followerFails}, whoever follows the show's durable batches throws on each. */
  private ShowWriter writer(long windowMicros, boolean followerFails) {
    ShowMeta meta = new ShowMeta("s-window", "window", null, 120, false, 1L);
    ShowWriter.Outlet outlet = new ShowWriter.Outlet() {
      @Override
      public Future<Void> append(List<Recorded> batch) {
        Promise<Void> done = Promise.promise();
        appends.add(new Append(List.copyOf(batch), done));
        return done.future();
      }

      @Override
      public void durable(List<Recorded> batch) {
        if (followerFails) {
          throw new IllegalStateException("a follower that cannot fold this batch");
        }
      }

      @Override
      public ShowState copyOfDurableState() {
        throw new UnsupportedOperationException();
      }
    };
    return new ShowWriter(vertx, context, meta, EngineContract.LOTTERY, EngineContract.DECIDER, null, outlet,
        () -> 1_000L, ShowMetrics.NONE, windowMicros);
  }

  private static Future<Reply> note(ShowWriter writer, int n) {
    return writer.execute(Request.of(Actor.CONTROL, new Command.SendNote("note " + n)));
  }

  /** The next append the writer hands out; a minute's window would not end within this patience. */
  private Append nextAppend() throws InterruptedException {
    Append append = appends.poll(10, TimeUnit.SECONDS);
    assertThat(append).as("an append started without waiting for the window").isNotNull();
    return append;
  }

  private void complete(Append append) throws Exception {
    Promise<Void> turn = Promise.promise();
    context.runOnContext(v -> {
      append.done().complete();
      turn.complete();
    });
    await(turn.future());
  }

  /** Lets the writer's context run what was queued on it before now (a flush runs one turn after its decision). */
  private void settle() throws Exception {
    for (int i = 0; i < 3; i++) {
      Promise<Void> turn = Promise.promise();
      context.runOnContext(v -> turn.complete());
      await(turn.future());
    }
  }

  @Test
  @DisplayName("A durable batch is answered even when what follows the show fails to take it")
  void answeredWhenTheFollowerFails() throws Exception {
    ShowWriter writer = writer(0, true);
    Future<Reply> first = note(writer, 1);
    Append append = nextAppend();
    // the follower's failure is thrown into the task that completes the append
    context.runOnContext(v -> append.done().complete());
    assertThat(await(first, Duration.ofSeconds(10)).seq()).isEqualTo(1);
  }

  @Test
  @DisplayName("A quiet show's first command is appended at once, not after the window")
  void quietShowAppendsAtOnce() throws Exception {
    ShowWriter writer = writer(MINUTE_MICROS);
    Future<Reply> first = note(writer, 1);
    Append append = nextAppend();
    assertThat(append.batch()).hasSize(1);
    assertThat(first.isComplete()).as("answered only once durable").isFalse();
    complete(append);
    assertThat(await(first).seq()).isEqualTo(1);
  }

  @Test
  @DisplayName("On a busy show, commands arriving while the window is open join one append; without a window each"
      + " turn goes out by itself")
  void busyShowCommandsShareAnAppend() throws Exception {
    assertThat(appendsOfFourNotes(MINUTE_MICROS)).containsExactly(1, 3);
    assertThat(appendsOfFourNotes(0)).containsExactly(1, 2, 1);
  }

  /**
   * The sizes of the appends of four notes: one on a quiet show, two more while its append is in flight, and
   * a fourth once it is durable; then the writer drains, which sends whatever the window still holds.
   */
  private List<Integer> appendsOfFourNotes(long windowMicros) throws Exception {
    ShowWriter writer = writer(windowMicros);
    List<Integer> sizes = new ArrayList<>();
    List<Future<Reply>> replies = new ArrayList<>();
    replies.add(note(writer, 1));
    Append first = nextAppend();
    sizes.add(first.batch().size());
    replies.add(note(writer, 2));
    replies.add(note(writer, 3));
    settle();
    complete(first);
    replies.add(note(writer, 4));
    settle();
    Future<Void> drained = writer.drain();
    while (!drained.isComplete()) {
      Append next = nextAppend();
      sizes.add(next.batch().size());
      assertThat(replies.get(3).isComplete()).as("answered only once durable").isFalse();
      complete(next);
      settle();
    }
    await(drained);
    for (Future<Reply> reply : replies) {
      assertThat(await(reply).seq()).isPositive();
    }
    assertThat(appends).isEmpty();
    return sizes;
  }

  @Test
  @DisplayName("Within the window a batch that reaches its size goes out at once")
  void bigBatchDoesNotWait() throws Exception {
    ShowWriter writer = writer(MINUTE_MICROS);
    note(writer, 0);
    Append first = nextAppend();
    complete(first);
    List<Future<Reply>> replies = new ArrayList<>();
    for (int i = 1; i <= ShowWriter.WINDOW_BATCH; i++) {
      replies.add(note(writer, i));
    }
    Append big = nextAppend();
    assertThat(big.batch()).hasSize(ShowWriter.WINDOW_BATCH);
    complete(big);
    for (Future<Reply> reply : replies) {
      await(reply);
    }
  }

  @Test
  @DisplayName("A held append goes out at once when the writer drains, and nothing is appended after")
  void drainDoesNotWaitOnTheWindow() throws Exception {
    ShowWriter writer = writer(MINUTE_MICROS);
    note(writer, 1);
    complete(nextAppend());
    Future<Reply> held = note(writer, 2);
    settle();
    assertThat(appends).as("the busy show's second append waits for the window").isEmpty();
    Future<Void> drained = writer.drain();
    Append append = nextAppend();
    assertThat(append.batch()).hasSize(1);
    assertThat(drained.isComplete()).isFalse();
    complete(append);
    await(drained);
    assertThat(await(held).seq()).isEqualTo(2);
    settle();
    assertThat(appends).isEmpty();
  }
}
