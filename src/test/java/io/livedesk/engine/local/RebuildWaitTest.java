package io.livedesk.engine.local;

import static io.livedesk.testing.Futures.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.livedesk.engine.EngineContract;
import io.livedesk.engine.Fanout;
import io.livedesk.engine.LiveShow;
import io.livedesk.engine.ShowMetrics;
import io.livedesk.runsheet.RunSheetImport;
import io.livedesk.show.Actor;
import io.livedesk.show.Command;
import io.livedesk.show.Event;
import io.vertx.core.Context;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import io.livedesk.show.Recorded;
import io.livedesk.show.Request;
import io.livedesk.store.EventStore;
import io.livedesk.store.ShowRecord;
import io.livedesk.testing.ForwardingEventStore;
import io.livedesk.store.file.FileEventStore;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine is ready before its shows are rebuilt (docs/design.md §After a crash): a request for a show
 * still being rebuilt waits for it and is then answered from the whole history, never from a half-built one;
 * and the rebuild folds its history in slices, the event loop it shares with sockets and other shows running
 * their tasks between two slices instead of waiting for a whole page.
 */
class RebuildWaitTest {

  /** More than a slice of a rebuild's fold, less than a page of the store. */
  private static final int SLICED_EVENTS = 5_000;

  @TempDir
  Path dataDir;
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() throws Exception {
    await(vertx.close());
  }

  @Test
  @DisplayName("a request for a show still being rebuilt waits for the rebuild, then sees every event")
  void requestWaitsForRebuild() throws Exception {
    ShowRecord record = EngineContract.newShow("重启等待");
    MemoryEngine first = start(await(FileEventStore.open(vertx, dataDir, null)));
    await(first.createShow(record));
    LiveShow show = await(first.show(record.id()));
    byte[] csv = Files.readAllBytes(Path.of("src/test/resources/runsheets/sample-runsheet.csv"));
    await(show.execute(Request.of(Actor.CONTROL, new Command.LoadRunSheet(RunSheetImport.fromCsv(csv).sheet()))));
    await(show.execute(Request.of(Actor.CONTROL, new Command.StartShow())));
    long lastSeq = await(show.<Long>query((state, figures, now) -> state.seq()));
    await(first.close());

    Promise<Void> gate = Promise.promise();
    MemoryEngine second = start(new HeldReads(await(FileEventStore.open(vertx, dataDir, null)), gate.future()));
    Future<LiveShow> asked = second.show(record.id());
    Thread.sleep(300);
    assertThat(asked.isComplete()).as("answered before the history was read").isFalse();
    assertThat(second.rebuilding()).as("shows still being rebuilt, /health says STARTING").isEqualTo(1);

    gate.complete();
    LiveShow rebuilt = await(asked);
    String status = await(rebuilt.<String>query((state, figures, now) -> state.status().name()));
    long seq = await(rebuilt.<Long>query((state, figures, now) -> state.seq()));
    assertThat(status).isEqualTo("LIVE");
    assertThat(seq).isEqualTo(lastSeq).isPositive();
    assertThat(second.rebuilding()).isZero();
    await(second.close());
  }

  @Test
  @DisplayName("a task queued on the show's loop runs in the middle of a page being folded, and the fold is whole")
  void loopRunsBetweenSlices() throws Exception {
    ShowRecord record = EngineContract.newShow("分片重建");
    MemoryEngine first = start(await(FileEventStore.open(vertx, dataDir, null)));
    await(first.createShow(record));
    await(first.close());
    EventStore writing = await(FileEventStore.open(vertx, dataDir, null));
    List<Recorded> notes = new ArrayList<>();
    for (long seq = 1; seq <= SLICED_EVENTS; seq++) {
      notes.add(new Recorded(seq, seq, Actor.CONTROL, null, null, new Event.NoteSent("n" + seq, "note " + seq)));
    }
    await(writing.append(record.id(), notes));
    await(writing.close());

    CountedReads reads = new CountedReads(await(FileEventStore.open(vertx, dataDir, null)));
    MemoryEngine second = start(reads);
    LiveShow rebuilt = await(second.show(record.id()));

    long seq = await(rebuilt.<Long>query((state, figures, now) -> state.seq()));
    int notesKept = await(rebuilt.<Integer>query((state, figures, now) -> state.notes().size()));
    assertThat(seq).isEqualTo(SLICED_EVENTS);
    assertThat(notesKept).isEqualTo(SLICED_EVENTS);
    assertThat(reads.firstPageSize).isEqualTo(SLICED_EVENTS);
    // the probe was queued on the loop just before the first page's fold began: it ran before most of it
    assertThat(reads.probe.get(30, TimeUnit.SECONDS)).as("events of the page handed out when the loop ran another task")
        .isPositive().isLessThan(SLICED_EVENTS / 2);
    await(second.close());
  }

  @Test
  @DisplayName("an order hold that ran out while the server was down is expired before the show is served")
  void downtimeSettledBeforeServing() throws Exception {
    AtomicLong now = new AtomicLong(System.currentTimeMillis());
    ShowRecord record = EngineContract.newShow("停机结算");
    MemoryEngine first = start(await(FileEventStore.open(vertx, dataDir, null)), now::get);
    await(first.createShow(record));
    LiveShow show = await(first.show(record.id()));
    byte[] csv = Files.readAllBytes(Path.of("src/test/resources/runsheets/sample-runsheet.csv"));
    await(show.execute(Request.of(Actor.CONTROL, new Command.LoadRunSheet(RunSheetImport.fromCsv(csv).sheet()))));
    await(show.execute(Request.of(Actor.CONTROL, new Command.StartShow())));
    await(show.execute(Request.of(Actor.CONTROL, new Command.ListItem(EngineContract.ITEM))));
    String orderId = (String) await(show.execute(Request.of(Actor.viewer("v-1"),
        new Command.PlaceOrder(EngineContract.ITEM, 1)))).result().get("orderId");
    await(first.close());

    // the hold runs out while the server is down: the writer's clock check would only see it after serving
    now.addAndGet(60 * 60 * 1000);
    MemoryEngine second = start(await(FileEventStore.open(vertx, dataDir, null)), now::get);
    LiveShow rebuilt = await(second.show(record.id()));
    String status = await(rebuilt.<String>query((state, figures, at) -> state.order(orderId).status().name()));

    assertThat(status).isEqualTo("EXPIRED");
    await(second.close());
  }

  private MemoryEngine start(EventStore store) throws Exception {
    return start(store, System::currentTimeMillis);
  }

  private MemoryEngine start(EventStore store, LongSupplier clock) throws Exception {
    return await(MemoryEngine.start(vertx, store, EngineContract.DECIDER, EngineContract.LOTTERY,
        clock, Fanout.window(1000), ShowMetrics.NONE));
  }

  /** The file store, its reads of history held back until {@code gate} completes. */
  private static final class HeldReads extends ForwardingEventStore {

    private final Future<Void> gate;

    HeldReads(EventStore store, Future<Void> gate) {
      super(store);
      this.gate = gate;
    }

    @Override
    public Future<List<Recorded>> read(String showId, long afterSeq, int limit) {
      return gate.compose(open -> super.read(showId, afterSeq, limit));
    }

    @Override
    public Future<byte[]> latestSnapshot(String showId) {
      return gate.compose(open -> super.latestSnapshot(showId));
    }
  }

  /**
   * The file store, its first page of history counting the events read out of it; when the page after it is
   * asked for (as the fold of the first begins) a probe is queued on the asking loop, and answers how many
   * events of the first page had been read when it ran.
   */
  private static final class CountedReads extends ForwardingEventStore {

    final CompletableFuture<Integer> probe = new CompletableFuture<>();
    volatile int firstPageSize;
    private final AtomicInteger reads = new AtomicInteger();
    private volatile Counted firstPage;

    CountedReads(EventStore store) {
      super(store);
    }

    @Override
    public Future<List<Recorded>> read(String showId, long afterSeq, int limit) {
      int read = reads.incrementAndGet();
      if (read == 2) {
        Context loop = Vertx.currentContext();
        loop.runOnContext(v -> probe.complete(firstPage.handedOut.get()));
      }
      return super.read(showId, afterSeq, limit).map(events -> {
        if (read != 1) {
          return events;
        }
        firstPageSize = events.size();
        firstPage = new Counted(events);
        return firstPage;
      });
    }
  }

  /** A page that counts how many times an event was taken out of it. */
  private static final class Counted extends AbstractList<Recorded> {

    final AtomicInteger handedOut = new AtomicInteger();
    private final List<Recorded> events;

    Counted(List<Recorded> events) {
      this.events = events;
    }

    @Override
    public Recorded get(int index) {
      handedOut.incrementAndGet();
      return events.get(index);
    }

    @Override
    public int size() {
      return events.size();
    }
  }
}
