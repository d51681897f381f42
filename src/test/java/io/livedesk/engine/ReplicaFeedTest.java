package io.livedesk.engine;

import static io.livedesk.testing.Futures.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.livedesk.show.Actor;
import io.livedesk.show.Event;
import io.livedesk.show.Recorded;
import io.livedesk.show.ShowMeta;
import io.livedesk.store.DamagedHistory;
import io.livedesk.store.EventStore;
import io.livedesk.store.ShowRecord;
import io.livedesk.store.file.FileEventStore;
import io.livedesk.vertx.EventLoops;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplicaFeedTest {

  Vertx vertx;
  @TempDir
  Path dataDir;
  FileEventStore store;
  Context context;
  ShowReplica replica;
  ReplicaFeed feed;
  final ShowMeta meta = new ShowMeta("sfeed", "feed", null, 120, false, 1L);

  @BeforeEach
  void open() throws Exception {
    vertx = Vertx.vertx();
    store = await(FileEventStore.open(vertx, dataDir, null));
    await(store.createShow(new ShowRecord(meta, "c", "p")));
    context = EventLoops.newContext(vertx);
    replica = new ShowReplica(vertx, context, meta, EngineContract.LOTTERY, Fanout.window(100), System::currentTimeMillis);
    feed = new ReplicaFeed(vertx, store, meta.id(), replica, damage -> { });
  }

  @AfterEach
  void close() throws Exception {
    await(store.close());
    await(vertx.close());
  }

  /** Runs on the replica's context, as the engine does. */
  <T> T onContext(Supplier<T> work) throws Exception {
    Promise<T> done = Promise.promise();
    context.runOnContext(v -> done.complete(work.get()));
    return await(done.future());
  }

  static List<Recorded> notes(long from, long to) {
    List<Recorded> events = new ArrayList<>();
    for (long seq = from; seq <= to; seq++) {
      events.add(new Recorded(seq, seq, Actor.CONTROL, null, null, new Event.NoteSent("n" + seq, "note " + seq)));
    }
    return events;
  }

  @Test
  @DisplayName("events the replica already has are skipped, and a gap is filled from the store before going on")
  void skipsDuplicatesAndFillsGaps() throws Exception {
    await(store.append(meta.id(), notes(1, 16)));
    Promise<Long> built = Promise.promise();
    context.runOnContext(v -> feed.build().onComplete(built));
    long start = await(built.future());
    assertThat(start).isEqualTo(16);

    FrameRecorder staff = new FrameRecorder(Audience.STAFF, null, EventLoops.newContext(vertx));
    await(replica.subscribe(staff, null));
    staff.awaitType("welcome");

    await(store.append(meta.id(), notes(17, 30)));
    onContext(() -> {
      feed.offer(notes(10, 17));
      feed.offer(notes(25, 30));
      return null;
    });

    List<Long> seqs = new ArrayList<>();
    for (int i = 17; i <= 30; i++) {
      seqs.add(staff.awaitEvent("cue.note").get("seq").asLong());
    }
    assertThat(seqs).containsExactlyElementsOf(notes(17, 30).stream().map(Recorded::seq).toList());
    long reached = onContext(replica::seq);
    assertThat(reached).isEqualTo(30);
    int notes = await(replica.query((state, figures, now) -> state.notes().size()));
    assertThat(notes).isEqualTo(30);
  }

  @Test
  @DisplayName("a gap that cannot be filled because a stored event does not decode stops the feed: the replica is"
      + " not fed past the hole, the damage is reported once, and the store is not read again")
  void damagedGapStopsTheFeed() throws Exception {
    await(store.append(meta.id(), notes(1, 20)));
    AtomicInteger readsPastSixteen = new AtomicInteger();
    EventStore damagedAtSeventeen = (EventStore) Proxy.newProxyInstance(EventStore.class.getClassLoader(),
        new Class<?>[] {EventStore.class}, (proxy, method, args) -> {
          if (method.getName().equals("read") && (long) args[1] >= 16) {
            readsPastSixteen.incrementAndGet();
            return Future.failedFuture(new DamagedHistory("show sfeed: stored event seq 17 cannot be read", null));
          }
          return method.invoke(store, args);
        });
    List<DamagedHistory> reported = new CopyOnWriteArrayList<>();
    ReplicaFeed damagedFeed = new ReplicaFeed(vertx, damagedAtSeventeen, meta.id(), replica, reported::add);
    onContext(() -> {
      replica.replay(notes(1, 16), 16);
      damagedFeed.offer(notes(18, 20));
      return null;
    });

    long deadline = System.currentTimeMillis() + 5000;
    while (reported.isEmpty() && System.currentTimeMillis() < deadline) {
      Thread.sleep(10);
    }
    Thread.sleep(ReplicaFeed.CATCH_UP_RETRY_MILLIS + 200);
    onContext(() -> {
      damagedFeed.offer(notes(17, 20));
      return null;
    });

    assertThat(reported).hasSize(1);
    assertThat(reported.get(0).getMessage()).contains("seq 17");
    assertThat(readsPastSixteen).as("the damage is not read again and again").hasValue(1);
    long reached = onContext(replica::seq);
    assertThat(reached).isEqualTo(16);
  }
}
