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
 * still being rebuilt waits for it and is then answered from the whole history, never from a half-built one.
 */
class RebuildWaitTest {

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

  private MemoryEngine start(EventStore store) throws Exception {
    return await(MemoryEngine.start(vertx, store, EngineContract.DECIDER, EngineContract.LOTTERY,
        System::currentTimeMillis, Fanout.window(1000), ShowMetrics.NONE));
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
}
