package io.livedesk.engine.cluster;

import static io.livedesk.engine.EngineContract.DECIDER;
import static io.livedesk.engine.EngineContract.ITEM;
import static io.livedesk.engine.EngineContract.LOTTERY;
import static io.livedesk.testing.Futures.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.livedesk.engine.DamagedShows;
import io.livedesk.engine.EngineContract;
import io.livedesk.engine.Fanout;
import io.livedesk.engine.LiveShow;
import io.livedesk.engine.Reply;
import io.livedesk.engine.ShowMetrics;
import io.livedesk.engine.ShowWriter;
import io.livedesk.runsheet.RunSheetImport;
import io.livedesk.show.Actor;
import io.livedesk.show.Command;
import io.livedesk.show.ErrorCode;
import io.livedesk.show.Recorded;
import io.livedesk.show.Request;
import io.livedesk.show.ShowError;
import io.livedesk.store.ShowRecord;
import io.livedesk.store.postgres.PostgresEventStore;
import io.livedesk.testing.ClusterNamespace;
import io.livedesk.testing.FailingClusterStore;
import io.livedesk.testing.SharedServices;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("a cluster show whose history cannot be written or read")
class ClusterShowFailureTest {

  @RegisterExtension
  static final ClusterNamespace names = new ClusterNamespace();

  /** One node: its own Vert.x, and its store behind a switch that fails one show's appends. */
  record Node(Vertx vertx, FailingClusterStore store, RedisEngine engine) {

    static Node start(String id) throws Exception {
      Vertx vertx = Vertx.vertx();
      FailingClusterStore store = new FailingClusterStore(await(PostgresEventStore.open(vertx,
          new PostgresEventStore.Settings(SharedServices.PG_URI, names.schema(), 4))));
      RedisEngine engine = await(RedisEngine.start(vertx, store, DECIDER, LOTTERY, System::currentTimeMillis, Fanout.window(1000),
          ShowMetrics.NONE, new RedisEngine.Settings(SharedServices.REDIS_URI, names.prefix(), id, 2000, 1000)));
      return new Node(vertx, store, engine);
    }

    Reply run(String showId, Command command) throws Exception {
      return await(await(engine.show(showId)).execute(Request.of(Actor.CONTROL, command)));
    }

    long stock(String showId) throws Exception {
      return await(await(engine.show(showId)).query((state, figures, now) -> state.item(ITEM).stock()));
    }

    /** The stock once this node's replica holds event {@code seq}: a node that does not write follows the stream. */
    long stockAfter(String showId, long seq) throws Exception {
      long deadline = System.currentTimeMillis() + 10_000;
      while (await(await(engine.show(showId)).query((state, figures, now) -> state.seq())) < seq
          && System.currentTimeMillis() < deadline) {
        Thread.sleep(20);
      }
      return stock(showId);
    }

    void stop() throws Exception {
      try {
        await(engine.close());
      } finally {
        await(vertx.close());
      }
    }
  }

  private final List<Node> nodes = new ArrayList<>();

  @AfterEach
  void stopNodes() throws Exception {
    for (Node node : nodes) {
      node.stop();
    }
  }

  /** Node A, the writer of each test's shows, and a healthy show on it that must go on beside the one a test breaks. */
  private Node writer;
  private String healthy;

  @BeforeEach
  void startWriter() throws Exception {
    writer = node("node-a");
    healthy = liveShow(writer, "healthy");
  }

  private Node node(String id) throws Exception {
    Node node = Node.start(id);
    nodes.add(node);
    return node;
  }

  /** A live show written by {@code node}, with the sample run-sheet and its muscat grapes listed. */
  private static String liveShow(Node node, String title) throws Exception {
    ShowRecord record = EngineContract.newShow(title);
    await(node.engine().createShow(record));
    byte[] csv = Files.readAllBytes(Path.of("src/test/resources/runsheets/sample-runsheet.csv"));
    node.run(record.id(), new Command.LoadRunSheet(RunSheetImport.fromCsv(csv).sheet()));
    node.run(record.id(), new Command.StartShow());
    node.run(record.id(), new Command.ListItem(ITEM));
    return record.id();
  }

  private static void assertUnavailable(Future<?> answer, String saying) {
    assertThatThrownBy(() -> await(answer)).isInstanceOfSatisfying(ShowError.class, e -> {
      assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE);
      assertThat(e.getMessage()).contains(saying);
    });
  }

  /** Sends the command until the show takes it again, as a console would after a 503. */
  private static Reply runOnceServing(Node node, String showId, Command command) throws Exception {
    long deadline = System.currentTimeMillis() + 10_000;
    while (true) {
      try {
        return node.run(showId, command);
      } catch (ShowError e) {
        if (e.code() != ErrorCode.UNAVAILABLE || System.currentTimeMillis() > deadline) {
          throw e;
        }
        Thread.sleep(20);
      }
    }
  }

  @Test
  @DisplayName("an append the store refuses puts that show alone out of service; it goes on from its replica's"
      + " state without reading its history, and serves again by itself")
  void refusedAppendReplaysNothing() throws Exception {
    String failing = liveShow(writer, "failing");
    writer.run(failing, new Command.SetStock(ITEM, 100));
    LiveShow show = await(writer.engine().show(failing));
    long durableSeq = await(show.history(0, 1000)).size();
    int readsBefore = writer.store().readsOf(failing).size();
    writer.store().fail(failing, FailingClusterStore.Failure.REFUSED);

    assertUnavailable(show.execute(Request.of(Actor.CONTROL, new Command.AddStock(ITEM, 5))), "No space left");
    List<Future<Reply>> retries = new ArrayList<>();
    long until = System.currentTimeMillis() + 2 * ShowWriter.PROBE_MILLIS + 200;
    while (System.currentTimeMillis() < until) {
      retries.add(show.execute(Request.of(Actor.viewer("v-" + retries.size()), new Command.PlaceOrder(ITEM, 1))));
      Thread.sleep(10);
    }
    retries.forEach(retry -> assertUnavailable(retry, "out of service"));
    writer.run(healthy, new Command.SendNote("this show is fine"));

    assertThat(writer.engine().showsOutOfService()).containsOnlyKeys(failing);
    assertThat(writer.engine().showsOutOfService().get(failing)).contains("No space left");
    assertThat(writer.stock(failing)).isEqualTo(100);
    assertThat(writer.store().readsOf(failing)).as("reads of the history: a failure replays nothing").hasSize(readsBefore);

    writer.store().heal(failing);
    Reply added = runOnceServing(writer, failing, new Command.AddStock(ITEM, 1));

    assertThat(added.seq()).isEqualTo(durableSeq + 1);
    assertThat(added.result().get("stock")).isEqualTo(101L);
    assertThat(writer.stock(failing)).isEqualTo(101);
    assertThat(writer.engine().showsOutOfService()).isEmpty();
    assertThat(writer.store().readsOf(failing)).hasSize(readsBefore);
    List<Recorded> history = await(show.history(0, 1000));
    assertThat(history).hasSize((int) durableSeq + 1);
    assertThat(history).filteredOn(e -> e.kind().equals("order.placed")).isEmpty();
  }

  @Test
  @DisplayName("a batch stored by a commit whose answer was lost is found by reading only the history beyond the"
      + " replica, and the show goes on after it")
  void batchStoredAfterAll() throws Exception {
    String show = liveShow(writer, "timed out");
    Reply set = writer.run(show, new Command.SetStock(ITEM, 100));
    int readsBefore = writer.store().readsOf(show).size();
    writer.store().fail(show, FailingClusterStore.Failure.STORED_THEN_TIMED_OUT);

    assertThatThrownBy(() -> writer.run(show, new Command.AddStock(ITEM, 5)))
        .isInstanceOfSatisfying(ShowError.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE));
    writer.store().heal(show);
    Reply added = runOnceServing(writer, show, new Command.AddStock(ITEM, 1));

    assertThat(added.seq()).as("the timed-out batch is history").isEqualTo(set.seq() + 2);
    assertThat(added.result().get("stock")).isEqualTo(106L);
    assertThat(writer.stock(show)).isEqualTo(106);
    List<Long> reads = writer.store().readsOf(show);
    assertThat(reads.subList(readsBefore, reads.size())).isNotEmpty().allSatisfy(after ->
        assertThat(after).isGreaterThanOrEqualTo(set.seq()));
  }

  @Test
  @DisplayName("a stored event that does not decode puts its show out of service on every node that reads it,"
      + " listed and answered UNAVAILABLE at once while another show is served, until the history is repaired")
  void undecodableEvent() throws Exception {
    String damaged = liveShow(writer, "damaged");
    long lastSeq = await(await(writer.engine().show(damaged)).history(0, 1000)).size();
    storeUndecodable(damaged, lastSeq + 1);

    Node b = node("node-b");
    assertUnavailable(b.engine().show(damaged), "stored event seq " + (lastSeq + 1) + " cannot be read");
    assertThat(b.engine().showsOutOfService()).containsOnlyKeys(damaged);
    assertThat(b.engine().showsOutOfService().get(damaged)).contains("unknown event kind 'item.teleported'");
    int reads = b.store().readsOf(damaged).size();
    assertUnavailable(b.engine().show(damaged), "out of service");
    assertThat(b.store().readsOf(damaged)).as("a damaged show is refused without reading it again").hasSize(reads);
    assertThat(b.run(healthy, new Command.SendNote("forwarded to the writer")).seq()).isPositive();
    assertThat(await(b.engine().health())).containsEntry("store", "UP");

    // the writer decided the next event on a history that ends further on, and cannot read what is there
    assertUnavailable(await(writer.engine().show(damaged)).execute(Request.of(Actor.CONTROL, new Command.AddStock(ITEM, 1))),
        "");
    assertUnavailable(await(writer.engine().show(damaged)).history(0, 1000), "cannot be read");
    assertThat(writer.engine().showsOutOfService()).containsOnlyKeys(damaged);
    assertUnavailable(writer.engine().show(damaged), "out of service");
    assertThat(writer.run(healthy, new Command.SendNote("still served")).seq()).isPositive();

    repair(damaged, lastSeq);
    Thread.sleep(DamagedShows.REREAD_MILLIS);
    for (Node node : List.of(b, writer)) {
      Reply served = runOnceServing(node, damaged, new Command.AddStock(ITEM, 1));
      assertThat(node.engine().showsOutOfService()).isEmpty();
      assertThat(node.stockAfter(damaged, served.seq())).isEqualTo(((Number) served.result().get("stock")).longValue());
    }
    List<Recorded> history = await(await(writer.engine().show(damaged)).history(0, 1000));
    assertThat(history).extracting(Recorded::seq).containsExactlyElementsOf(
        java.util.stream.LongStream.rangeClosed(1, lastSeq + 2).boxed().toList());
  }

  /** Stores, as a newer version or a damaged disk might, an event of a kind this version does not know. */
  private static void storeUndecodable(String showId, long seq) throws Exception {
    String body = "{\"seq\":" + seq + ",\"ts\":1,\"kind\":\"item.teleported\",\"actor\":{\"role\":\"control\","
        + "\"id\":\"control\"},\"data\":{\"to\":\"the moon\"}}";
    inSchema("INSERT INTO " + names.schema() + ".events (show_id, seq, ts, kind, actor, body)"
        + " VALUES ($1, $2, 1, 'item.teleported', 'control', $3::text::json)", Tuple.of(showId, seq, body), seq);
  }

  /** What an operator does once the damage is understood: the event goes, the history ends before it again. */
  private static void repair(String showId, long lastSeq) throws Exception {
    inSchema("DELETE FROM " + names.schema() + ".events WHERE show_id = $1 AND seq > $2", Tuple.of(showId, lastSeq),
        lastSeq);
  }

  /** Runs {@code change} and sets where the show's history ends, in one transaction. */
  private static void inSchema(String change, Tuple args, long lastSeq) throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      Pool pool = PgBuilder.pool().connectingTo(SharedServices.PG_URI).using(vertx).build();
      await(pool.withTransaction(conn -> conn.preparedQuery(change).execute(args)
              .compose(done -> conn.preparedQuery("UPDATE " + names.schema() + ".shows SET last_seq = $2 WHERE id = $1")
                  .execute(Tuple.of(args.getString(0), lastSeq))))
          .eventually(pool::close));
    } finally {
      await(vertx.close());
    }
  }
}
