package io.livedesk.engine;

import static io.livedesk.engine.EngineContract.DECIDER;
import static io.livedesk.engine.EngineContract.ITEM;
import static io.livedesk.engine.EngineContract.LOTTERY;
import static io.livedesk.testing.Futures.await;
import static io.livedesk.engine.EngineContract.newShow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.livedesk.engine.local.MemoryEngine;
import io.livedesk.runsheet.RunSheetImport;
import io.livedesk.show.Actor;
import io.livedesk.show.Command;
import io.livedesk.show.ErrorCode;
import io.livedesk.show.Recorded;
import io.livedesk.show.Request;
import io.livedesk.show.ShowError;
import io.livedesk.store.ShowRecord;
import io.livedesk.store.file.FileEventStore;
import io.livedesk.store.file.JournalChannels;
import io.livedesk.testing.FailingDisk;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("a show whose journal cannot be written")
class JournalFailureTest {

  private Vertx vertx;
  @TempDir
  Path dataDir;
  private final FailingDisk disk = new FailingDisk();
  private MemoryEngine engine;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    engine = start(disk);
  }

  private MemoryEngine start(JournalChannels channels) throws Exception {
    FileEventStore store = await(FileEventStore.open(vertx, dataDir, null, channels));
    return await(MemoryEngine.start(vertx, store, DECIDER, LOTTERY, System::currentTimeMillis, Fanout.window(1000), ShowMetrics.NONE));
  }

  @AfterEach
  void stop() throws Exception {
    await(engine.close());
    await(vertx.close());
  }

  private LiveShow liveShow(String title) throws Exception {
    ShowRecord record = newShow(title);
    await(engine.createShow(record));
    LiveShow show = await(engine.show(record.id()));
    byte[] csv = Files.readAllBytes(Path.of("src/test/resources/runsheets/sample-runsheet.csv"));
    run(show, new Command.LoadRunSheet(RunSheetImport.fromCsv(csv).sheet()));
    run(show, new Command.StartShow());
    run(show, new Command.ListItem(ITEM));
    return show;
  }

  private static Reply run(LiveShow show, Command command) throws Exception {
    return await(show.execute(Request.of(Actor.CONTROL, command)));
  }

  private static long stock(LiveShow show) throws Exception {
    return await(show.query((state, figures, now) -> state.item(ITEM).stock()));
  }

  private static void assertUnavailable(Future<?> answer) {
    assertThatThrownBy(() -> await(answer)).isInstanceOfSatisfying(ShowError.class,
        e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE));
  }

  /** Sends the command until the show takes it again, as a console would after a 503. */
  private static Reply runOnceServing(LiveShow show, Command command) throws Exception {
    long deadline = System.currentTimeMillis() + 10_000;
    while (true) {
      try {
        return run(show, command);
      } catch (ShowError e) {
        if (e.code() != ErrorCode.UNAVAILABLE || System.currentTimeMillis() > deadline) {
          throw e;
        }
        Thread.sleep(20);
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"No space left on device", "Input/output error", "Read-only file system"})
  @DisplayName("its commands answer UNAVAILABLE without replaying history, health lists it while another show"
      + " succeeds, its state stays the durable one, and it serves again by itself once the disk is back")
  void failsAloneAndRecovers(String error) throws Exception {
    LiveShow failing = liveShow("failing");
    LiveShow healthy = liveShow("healthy");
    String id = failing.record().id();
    run(failing, new Command.SetStock(ITEM, 100));
    long durableSeq = await(failing.history(0, 1000)).size();
    int readsBefore = disk.reads();
    switch (error) {
      case "No space left on device" -> disk.fail(id, error, FailingDisk.Op.WRITE);
      case "Input/output error" -> disk.fail(id, error, FailingDisk.Op.FORCE, FailingDisk.Op.TRUNCATE);
      default -> disk.fail(id, error, FailingDisk.Op.WRITE, FailingDisk.Op.FORCE, FailingDisk.Op.TRUNCATE);
    }

    assertUnavailable(failing.execute(Request.of(Actor.CONTROL, new Command.AddStock(ITEM, 5))));
    List<Future<Reply>> retries = new ArrayList<>();
    long until = System.currentTimeMillis() + 2 * ShowWriter.PROBE_MILLIS + 200;
    while (System.currentTimeMillis() < until) {
      retries.add(failing.execute(Request.of(Actor.viewer("v-" + retries.size()), new Command.PlaceOrder(ITEM, 1))));
      Thread.sleep(10);
    }
    retries.forEach(JournalFailureTest::assertUnavailable);
    run(healthy, new Command.SendNote("this show is fine"));

    assertThat(engine.showsOutOfService()).containsOnlyKeys(id);
    assertThat(engine.showsOutOfService().get(id)).contains(error);
    assertThat(stock(failing)).isEqualTo(100);
    assertThat(disk.reads()).as("reads of the journal: a retry replays nothing").isEqualTo(readsBefore);

    disk.heal(id);
    Reply added = runOnceServing(failing, new Command.AddStock(ITEM, 1));

    assertThat(added.seq()).isEqualTo(durableSeq + 1);
    assertThat(added.result().get("stock")).isEqualTo(101L);
    assertThat(stock(failing)).isEqualTo(101);
    assertThat(engine.showsOutOfService()).isEmpty();
    assertThat(disk.reads()).isEqualTo(readsBefore);
    List<Recorded> history = await(failing.history(0, 1000));
    assertThat(history).hasSize((int) durableSeq + 1);
    assertThat(history.get(history.size() - 1).kind()).isEqualTo("item.stock_changed");
    assertThat(history).filteredOn(e -> e.kind().equals("order.placed")).isEmpty();

    await(engine.close());
    engine = start(JournalChannels.DISK);
    LiveShow again = await(engine.show(id));
    assertThat(await(again.history(0, 1000))).isEqualTo(history);
    assertThat(stock(again)).isEqualTo(101);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(ints = {1, 40})
  @DisplayName("commands decided while the failing batch was in flight are answered UNAVAILABLE too, and none of"
      + " them is in the state the show goes on from")
  void batchInFlight(int commands) throws Exception {
    LiveShow failing = liveShow("in flight");
    String id = failing.record().id();
    run(failing, new Command.SetStock(ITEM, 100));
    disk.fail(id, "Input/output error", FailingDisk.Op.FORCE);

    Request keyed = new Request(Actor.viewer("v-keyed"), new Command.PlaceOrder(ITEM, 2), "order-once");
    List<Future<Reply>> orders = new ArrayList<>();
    orders.add(failing.execute(keyed));
    for (int i = 1; i < commands; i++) {
      orders.add(failing.execute(Request.of(Actor.viewer("v-" + i), new Command.PlaceOrder(ITEM, 1))));
    }
    orders.forEach(JournalFailureTest::assertUnavailable);

    assertThat(stock(failing)).isEqualTo(100);
    disk.heal(id);
    Reply added = runOnceServing(failing, new Command.AddStock(ITEM, -1));
    assertThat(added.result().get("stock")).isEqualTo(99L);
    assertThat(await(failing.history(0, 1000))).filteredOn(e -> e.kind().equals("order.placed")).isEmpty();
    // the key of an order answered UNAVAILABLE was never stored: sent again, it is decided afresh
    Reply placed = await(failing.execute(keyed));
    assertThat(placed.seq()).isEqualTo(added.seq() + 1);
    assertThat(stock(failing)).isEqualTo(97);
  }
}
