package io.livedesk.engine.cluster;

import static io.livedesk.engine.EngineContract.DECIDER;
import static io.livedesk.engine.EngineContract.ITEM;
import static io.livedesk.engine.EngineContract.LOTTERY;
import static io.livedesk.testing.Futures.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.livedesk.engine.Audience;
import io.livedesk.engine.Engine;
import io.livedesk.engine.EngineContract;
import io.livedesk.engine.Fanout;
import io.livedesk.engine.FrameRecorder;
import io.livedesk.engine.LiveShow;
import io.livedesk.engine.Reply;
import io.livedesk.engine.ShowMetrics;
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
import io.livedesk.testing.SharedServices;
import io.livedesk.vertx.EventLoops;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Two nodes of the redis engine in one JVM, sharing a PostgreSQL schema and a Redis prefix. */
class RedisClusterTest {

  static final long LEASE_MILLIS = 1000;
  @RegisterExtension
  static final ClusterNamespace names = new ClusterNamespace();

  /** One node: its own Vert.x, store pool and engine. */
  record Node(String id, Vertx vertx, Engine engine) {

    static Node start(String id) throws Exception {
      Vertx vertx = Vertx.vertx();
      PostgresEventStore store = await(PostgresEventStore.open(vertx,
          new PostgresEventStore.Settings(SharedServices.PG_URI, names.schema(), 4)));
      Engine engine = await(RedisEngine.start(vertx, store, DECIDER, LOTTERY, System::currentTimeMillis, Fanout.window(1000),
          ShowMetrics.NONE, new RedisEngine.Settings(SharedServices.REDIS_URI, names.prefix(), id, LEASE_MILLIS, 1000)));
      return new Node(id, vertx, engine);
    }

    LiveShow show(String showId) throws Exception {
      return await(engine.show(showId));
    }

    Reply run(String showId, Actor actor, Command command) throws Exception {
      return await(show(showId).execute(Request.of(actor, command)));
    }

    FrameRecorder subscribe(String showId, Audience audience, String viewerId) throws Exception {
      FrameRecorder recorder = new FrameRecorder(audience, viewerId, EventLoops.newContext(vertx));
      await(show(showId).subscribe(recorder, null));
      recorder.awaitType("welcome");
      return recorder;
    }

    void stop() throws Exception {
      try {
        await(engine.close());
      } finally {
        await(vertx.close());
      }
    }
  }

  Node a;
  Node b;

  @BeforeEach
  void startNodes() throws Exception {
    a = Node.start("node-a");
    b = Node.start("node-b");
  }

  @AfterEach
  void stopNodes() throws Exception {
    if (a != null) {
      a.stop();
    }
    if (b != null) {
      b.stop();
    }
  }

  /** A live show whose writer is node A: A ran its first commands. */
  String liveShowWrittenByA() throws Exception {
    ShowRecord record = EngineContract.newShow("two nodes");
    await(a.engine().createShow(record));
    byte[] csv = Files.readAllBytes(Path.of("src/test/resources/runsheets/sample-runsheet.csv"));
    a.run(record.id(), Actor.CONTROL, new Command.LoadRunSheet(RunSheetImport.fromCsv(csv).sheet()));
    a.run(record.id(), Actor.CONTROL, new Command.StartShow());
    a.run(record.id(), Actor.CONTROL, new Command.ListItem(ITEM));
    return record.id();
  }

  @Test
  @DisplayName("a command sent to the other node is decided by the writer, and subscribers on both nodes see it")
  void forwardedAndFannedOut() throws Exception {
    String show = liveShowWrittenByA();
    FrameRecorder onA = a.subscribe(show, Audience.STAFF, null);
    FrameRecorder onB = b.subscribe(show, Audience.PUBLIC, "v-b");

    Reply reply = b.run(show, Actor.CONTROL, new Command.SetPrice(ITEM, 7900, false));

    JsonNode seenOnB = onB.awaitEvent("item.price_changed");
    JsonNode seenOnA = onA.awaitEvent("item.price_changed");
    assertThat(seenOnB.get("seq").asLong()).isEqualTo(reply.seq());
    assertThat(seenOnA.get("seq").asLong()).isEqualTo(reply.seq());
    assertThat(seenOnB.path("data").path("toCents").asLong()).isEqualTo(7900);
    List<Recorded> history = await(b.show(show).history(0, 100));
    assertThat(history.get(history.size() - 1).seq()).isEqualTo(reply.seq());
  }

  @Test
  @DisplayName("viewers are counted across nodes, and those of a node that stopped beating are dropped")
  void presenceAcrossNodes() throws Exception {
    String show = liveShowWrittenByA();
    a.run(show, Actor.viewer("v-on-a"), new Command.Join("node-a"));
    b.run(show, Actor.viewer("v-on-b"), new Command.Join("node-b"));
    b.run(show, Actor.viewer("v-on-b2"), new Command.Join("node-b"));
    // B's replica follows the stream A writes, so it may see the third join a moment after B's reply
    long joined = System.currentTimeMillis() + 10 * LEASE_MILLIS;
    int onlineSeenByB = 0;
    while (onlineSeenByB != 3 && System.currentTimeMillis() < joined) {
      onlineSeenByB = await(b.show(show).query((state, figures, now) -> state.presence().online()));
      if (onlineSeenByB != 3) {
        Thread.sleep(20);
      }
    }
    assertThat(onlineSeenByB).isEqualTo(3);

    b.stop();
    b = null;

    long deadline = System.currentTimeMillis() + 10 * LEASE_MILLIS;
    int online = 3;
    while (online != 1 && System.currentTimeMillis() < deadline) {
      Thread.sleep(100);
      online = await(a.show(show).query((state, figures, now) -> state.presence().online()));
    }
    assertThat(online).isEqualTo(1);
    int peak = await(a.show(show).query((state, figures, now) -> state.presence().peak()));
    assertThat(peak).isEqualTo(3);
  }

  @Test
  @DisplayName("when the writer shuts down, the other node takes the show over at once and seqs go on")
  void takeoverOnShutdown() throws Exception {
    String show = liveShowWrittenByA();
    long before = a.run(show, Actor.CONTROL, new Command.SetPrice(ITEM, 7900, false)).seq();
    b.show(show);

    a.stop();
    a = null;
    Reply next = b.run(show, Actor.CONTROL, new Command.RevertPrice(ITEM));

    assertThat(next.seq()).isEqualTo(before + 1);
    assertThat(await(b.show(show).history(0, 100))).extracting(Recorded::seq)
        .containsExactly(1L, 2L, 3L, 4L, 5L, 6L).hasSize((int) next.seq());
  }

  @Test
  @DisplayName("with no command after its writer left, the other node claims a live show on its own, and not an ended one")
  void orphanClaimedUnlessEnded() throws Exception {
    String live = liveShowWrittenByA();
    String ended = liveShowWrittenByA();
    a.run(ended, Actor.CONTROL, new Command.EndShow());

    a.stop();
    a = null;
    long leftAt = System.currentTimeMillis();

    Redis redis = Redis.createClient(b.vertx(), SharedServices.REDIS_URI);
    try {
      String holder = leaseHolder(redis, live);
      while ((holder == null || !holder.startsWith("node-b|")) && System.currentTimeMillis() - leftAt < 10 * LEASE_MILLIS) {
        Thread.sleep(20);
        holder = leaseHolder(redis, live);
      }
      // the lease was given up at once, so a look at the leases (every 125 to 250 ms) is all it takes
      assertThat(holder).as("the live show's writer").startsWith("node-b|");
      assertThat(System.currentTimeMillis() - leftAt).isLessThan(LEASE_MILLIS);
      Thread.sleep(LEASE_MILLIS);
      assertThat(leaseHolder(redis, ended)).as("the ended show's writer").isNull();
      Response watched = await(redis.send(io.vertx.redis.client.Request.cmd(io.vertx.redis.client.Command.ZRANGE)
          .arg(names.prefix() + ":shows:watched").arg(0).arg(-1)));
      assertThat(watched).extracting(Response::toString).contains(live).doesNotContain(ended);
    } finally {
      await(redis.close());
    }
  }

  private static String leaseHolder(Redis redis, String show) throws Exception {
    Response value = await(redis.send(io.vertx.redis.client.Request.cmd(io.vertx.redis.client.Command.GET)
        .arg(names.prefix() + ":show:" + show + ":lease")));
    return value == null ? null : value.toString();
  }

  @Test
  @DisplayName("a writer whose lease was taken never forks history: its command is refused UNAVAILABLE or goes to the new writer")
  void fencedAfterLosingLease() throws Exception {
    String show = liveShowWrittenByA();
    b.show(show);
    Redis redis = Redis.createClient(a.vertx(), SharedServices.REDIS_URI);
    await(redis.send(io.vertx.redis.client.Request.cmd(io.vertx.redis.client.Command.DEL)
        .arg(names.prefix() + ":show:" + show + ":lease")));
    await(redis.close());

    Reply byB = b.run(show, Actor.CONTROL, new Command.SendNote("b writes now"));
    // A learns it lost the lease from its next renewal (then it forwards at once) or from the append the
    // store fences (then the command is refused): which comes first depends on the renewal's timing
    int notesByA = 1;
    try {
      Reply stale = a.run(show, Actor.CONTROL, new Command.SendNote("a still thinks it writes"));
      assertThat(stale.seq()).as("a command A took after losing the lease is B's next").isEqualTo(byB.seq() + 1);
      notesByA++;
    } catch (ShowError refused) {
      assertThat(refused.code()).isEqualTo(ErrorCode.UNAVAILABLE);
    }
    Reply byAThroughB = a.run(show, Actor.CONTROL, new Command.SendNote("a forwards to b"));

    assertThat(byAThroughB.seq()).isEqualTo(byB.seq() + notesByA);
    List<Recorded> history = await(a.show(show).history(0, 100));
    assertThat(history).extracting(Recorded::seq).doesNotHaveDuplicates();
    assertThat(history.get(history.size() - 1).seq()).isEqualTo(byAThroughB.seq());
    assertThat(history).filteredOn(e -> e.kind().equals("cue.note")).hasSize(1 + notesByA);
  }
}
