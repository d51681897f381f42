package io.livedesk.engine;

import static io.livedesk.testing.Futures.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.livedesk.json.Json;
import io.livedesk.lottery.VerifiableDraw;
import io.livedesk.report.ShowFigures;
import io.livedesk.show.Decision;
import io.livedesk.show.Recorded;
import io.livedesk.show.ShowState;
import io.livedesk.show.StoredShow;
import io.livedesk.store.EventStore;
import io.livedesk.store.file.FileEventStore;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The snapshotter folds off the show's loop, from its previous snapshot and the events the store gives
 * back; what it folds must be exactly what the replica folded live at the same seq (docs/design.md §Snapshots).
 */
class SnapshotterFoldTest {

  private static final VerifiableDraw DRAW = new VerifiableDraw();
  @TempDir
  Path dataDir;
  Vertx vertx;
  EventStore store;
  SnapshotWorker worker;
  List<Recorded> history;

  @BeforeEach
  void storeTheShow() throws Exception {
    vertx = Vertx.vertx();
    store = await(FileEventStore.open(vertx, dataDir, null));
    await(store.createShow(StoredShow.RECORD));
    history = StoredShow.play();
    await(store.append(StoredShow.SHOW_ID, history));
    worker = new SnapshotWorker(vertx);
  }

  @AfterEach
  void close() throws Exception {
    await(worker.close());
    await(store.close());
    await(vertx.close());
  }

  private ShowSnapshotter snapshotter() {
    return new ShowSnapshotter(store, StoredShow.RECORD.meta(), DRAW, 1, worker, ShowMetrics.NONE, () -> true);
  }

  /** What the replica folds as the events become durable, one by one, up to {@code seq}. */
  private Snapshots.Folded live(long seq) {
    Snapshots.Folded folded = new Snapshots.Folded(new ShowState(StoredShow.RECORD.meta(), DRAW), new ShowFigures());
    history.stream().filter(recorded -> recorded.seq() <= seq).forEach(folded::fold);
    return folded;
  }

  /**
   * Field by field, but for the answers remembered for repeated requests: read back from the store they
   * hold their whole numbers as JSON gives them back (an Integer where the writer had a Long), as after any
   * restart's replay, so those are compared as the JSON text they are answered with.
   */
  private void assertSameFold(Snapshots.Folded actual, Snapshots.Folded expected) {
    assertThat(actual.seq()).isEqualTo(expected.seq());
    assertThat(actual).usingRecursiveComparison().ignoringFieldsMatchingRegexes("state\\.answered\\..*\\.result.*")
        .isEqualTo(expected);
    for (Recorded recorded : history) {
      if (recorded.key() != null) {
        assertThat(answer(actual, recorded)).as("answer to " + recorded.key()).isEqualTo(answer(expected, recorded));
      }
    }
  }

  private static Object answer(Snapshots.Folded folded, Recorded recorded) {
    Decision.Repeated repeated = folded.state().answered(recorded.actor(), recorded.key());
    return repeated == null ? null : Json.tree(repeated.result()).toString();
  }

  @Test
  @DisplayName("from no snapshot, and from each previous one, the off-loop fold is the live fold at every seq")
  void offLoopFoldIsTheLiveFold() throws Exception {
    ShowSnapshotter snapshotter = snapshotter();
    for (long seq = 1; seq <= history.size(); seq += 7) {
      assertSameFold(await(snapshotter.foldTo(seq)), live(seq));
      // the next one starts from this snapshot and folds only the store's events after it
      await(snapshotter.write(seq));
      assertThat(snapshotter.savedSeq()).isEqualTo(seq);
      assertThat(Snapshots.seqOf(await(store.latestSnapshot(StoredShow.SHOW_ID)))).isEqualTo(seq);
    }
    long last = history.size();
    assertSameFold(await(snapshotter.foldTo(last)), live(last));
  }

  @Test
  @DisplayName("a snapshot past the seq asked for (a journal older than it) is passed over for an empty show")
  void snapshotPastTheSeqIsPassedOver() throws Exception {
    ShowSnapshotter snapshotter = snapshotter();
    await(snapshotter.write(history.size()));
    assertSameFold(await(snapshotter.foldTo(10)), live(10));
  }

  @Test
  @DisplayName("once the show is unloaded, a snapshot job still saving stores its snapshot but brings no meter back")
  void retiredReportsNothing() throws Exception {
    List<String> meters = new java.util.concurrent.CopyOnWriteArrayList<>();
    ShowMetrics recording = new ShowMetrics() {
      @Override
      public void command(String name, String outcome) {
      }

      @Override
      public void appended(int events, long nanos) {
      }

      @Override
      public void snapshotSaved(String showId, long seq, long savedAtMillis) {
        meters.add("saved " + seq);
      }

      @Override
      public void unloaded(String showId) {
        meters.add("unloaded");
      }
    };
    ShowSnapshotter snapshotter = new ShowSnapshotter(store, StoredShow.RECORD.meta(), DRAW, 1, worker, recording,
        () -> true);
    await(snapshotter.write(10));
    io.vertx.core.Future<Void> late = snapshotter.write(20);

    snapshotter.retire(() -> meters.add("unloaded"));
    await(late);
    await(snapshotter.write(30));

    assertThat(Snapshots.seqOf(await(store.latestSnapshot(StoredShow.SHOW_ID)))).isEqualTo(30);
    assertThat(meters).startsWith("saved 10").endsWith("unloaded").doesNotContain("saved 30");
  }

  @Test
  @DisplayName("one job runs at a time: a show asking meanwhile is turned down, not queued")
  void oneJobAtATime() throws Exception {
    io.vertx.core.Promise<Void> held = io.vertx.core.Promise.promise();
    assertThat(worker.tryStart(held::future)).isTrue();
    assertThat(worker.tryStart(() -> io.vertx.core.Future.succeededFuture())).isFalse();
    held.complete();
    long deadline = System.currentTimeMillis() + 5000;
    boolean started = false;
    while (!started && System.currentTimeMillis() < deadline) {
      started = worker.tryStart(() -> io.vertx.core.Future.succeededFuture());
      Thread.sleep(10);
    }
    assertThat(started).as("free again once the job is done").isTrue();
  }

  @Test
  @DisplayName("the replica's loop only asks; the snapshot lands in the store without it")
  void askedEveryEvents() throws Exception {
    ShowSnapshotter snapshotter = new ShowSnapshotter(store, StoredShow.RECORD.meta(), DRAW, 20, worker,
        ShowMetrics.NONE, () -> true);
    snapshotter.folded(10);
    snapshotter.folded(history.size());
    long deadline = System.currentTimeMillis() + 10_000;
    while (snapshotter.savedSeq() != history.size() && System.currentTimeMillis() < deadline) {
      Thread.sleep(20);
    }
    assertThat(snapshotter.savedSeq()).isEqualTo(history.size());
    Path file = dataDir.resolve("shows").resolve(StoredShow.SHOW_ID).resolve(StoredShow.SHOW_ID + ".snapshot");
    assertSameFold(Snapshots.read(StoredShow.SHOW_ID, Files.readAllBytes(file), DRAW), live(history.size()));
  }
}
