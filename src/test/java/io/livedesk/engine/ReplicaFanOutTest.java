package io.livedesk.engine;

import static io.livedesk.testing.Futures.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.livedesk.lottery.VerifiableDraw;
import io.livedesk.show.Actor;
import io.livedesk.show.Event;
import io.livedesk.show.Recorded;
import io.livedesk.show.ShowMeta;
import io.livedesk.show.StoredShow;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ReplicaFanOutTest {

  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() throws Exception {
    await(vertx.close());
  }

  /** A viewer connection that keeps what it is given, or breaks once it has its welcome. */
  private static final class Recorder extends TestSubscriber {
    final List<String> texts = new CopyOnWriteArrayList<>();
    final boolean breaks;

    Recorder(Context context, String viewerId, boolean breaks) {
      super(Audience.PUBLIC, viewerId, context);
      this.breaks = breaks;
    }

    @Override
    public void deliver(List<Frame> frames) {
      if (breaks && !texts.isEmpty()) {
        throw new IllegalStateException("the connection broke");
      }
      frames.forEach(frame -> texts.add(frame.text()));
    }
  }

  @Test
  @DisplayName("a buyer gets the crowd's frames, then their own, then the answer to the order, on their loop; a caller"
      + " on a loop with no subscriber is answered too")
  void ownFramesAndAnswersFollowTheCrowdsFrames() throws Exception {
    List<Recorded> history = StoredShow.play();
    int firstOrder = 0;
    while (!(history.get(firstOrder).event() instanceof Event.OrderPlaced)) {
      firstOrder++;
    }
    Recorded order = history.get(firstOrder);
    String buyerId = ((Event.OrderPlaced) order.event()).viewerId();
    Context replicaContext = vertx.getOrCreateContext();
    ShowReplica replica = new ShowReplica(vertx, replicaContext, StoredShow.RECORD.meta(), new VerifiableDraw(),
        Fanout.window(100), System::currentTimeMillis);
    List<Recorded> before = history.subList(0, firstOrder);
    await(replica.query((state, figures, now) -> {
      replica.apply(before);
      return null;
    }));
    Context connections = vertx.getOrCreateContext();
    Recorder buyer = new Recorder(connections, buyerId, false);
    Recorder bystander = new Recorder(connections, "someone-else", false);
    await(replica.subscribe(buyer, null));
    await(replica.subscribe(bystander, null));
    Recorded announcement = new Recorded(order.seq() + 1, order.ts(), Actor.CONTROL, null, null,
        new Event.AnnouncementPublished("a-1", "买一送一", false));
    List<String> elsewhere = new CopyOnWriteArrayList<>();
    Callers.Answers answers = new Callers.Answers();
    answers.add(new Callers.Settlement(connections, () -> buyer.texts.add("answer")));
    answers.add(new Callers.Settlement(vertx.getOrCreateContext(), () -> elsewhere.add("answer")));

    replicaContext.runOnContext(v -> replica.apply(List.of(order, announcement), answers));

    for (int i = 0; i < 100 && (buyer.texts.size() < 5 || elsewhere.isEmpty()); i++) {
      Thread.sleep(20);
    }
    List<String> toBuyer = buyer.texts.subList(1, buyer.texts.size());
    assertThat(toBuyer).hasSize(4);
    assertThat(toBuyer.get(0)).contains("\"kind\":\"item.stock_changed\"");
    assertThat(toBuyer.get(1)).contains("\"kind\":\"announce.published\"");
    assertThat(toBuyer.get(2)).contains("\"kind\":\"order.placed\"", buyerId);
    assertThat(toBuyer.get(3)).isEqualTo("answer");
    assertThat(bystander.texts.subList(1, bystander.texts.size())).isEqualTo(toBuyer.subList(0, 2));
    assertThat(elsewhere).containsExactly("answer");
  }

  @Test
  @DisplayName("a subscriber that fails to take frames does not keep them from the others on its event loop")
  void failingSubscriberIsolated() throws Exception {
    Context replicaContext = vertx.getOrCreateContext();
    ShowReplica replica = new ShowReplica(vertx, replicaContext, new ShowMeta("s-fan", "fan", null, 120, false, 0),
        new VerifiableDraw(), Fanout.window(100), System::currentTimeMillis);
    Context connections = vertx.getOrCreateContext();
    Recorder broken = new Recorder(connections, "broken", true);
    Recorder healthy = new Recorder(connections, "healthy", false);
    await(replica.subscribe(broken, null));
    await(replica.subscribe(healthy, null));

    replicaContext.runOnContext(v -> replica.apply(List.of(
        new Recorded(1, 1_000, Actor.CONTROL, null, null, new Event.ShowStarted()))));

    for (int i = 0; i < 100 && healthy.texts.size() < 2; i++) {
      Thread.sleep(20);
    }
    assertThat(healthy.texts).hasSize(2);
    assertThat(healthy.texts.get(1)).contains("\"kind\":\"show.started\"");
    assertThat(broken.texts).hasSize(1);
  }
}
