package io.livedesk.engine;

import static io.livedesk.testing.Futures.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.livedesk.lottery.VerifiableDraw;
import io.livedesk.runsheet.RunSheetImport;
import io.livedesk.show.Actor;
import io.livedesk.show.Command;
import io.livedesk.show.ErrorCode;
import io.livedesk.show.Recorded;
import io.livedesk.show.Request;
import io.livedesk.show.ShowDecider;
import io.livedesk.show.ShowError;
import io.livedesk.show.ShowMeta;
import io.livedesk.show.ShowRules;
import io.livedesk.show.ShowStatus;
import io.livedesk.store.ShowListing;
import io.livedesk.store.ShowRecord;
import io.livedesk.vertx.EventLoops;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What every engine promises, run against each engine by its subclass. */
public abstract class EngineContract {

  public static final String ITEM = "SHINE-MUSCAT-2";
  public static final VerifiableDraw LOTTERY = new VerifiableDraw();
  public static final ShowDecider DECIDER = new ShowDecider(new ShowRules(5000, 600_000, false), LOTTERY);

  protected Vertx vertx;
  protected Engine engine;

  /** Starts the engine under test (with its store); after {@link Engine#close()} a second call finds the same shows. */
  protected abstract Engine start(Vertx vertx) throws Exception;

  @BeforeEach
  public void startEngine() throws Exception {
    vertx = Vertx.vertx();
    engine = start(vertx);
  }

  @AfterEach
  public void stopEngine() throws Exception {
    try {
      await(engine.close());
    } finally {
      await(vertx.close());
    }
  }

  public static ShowRecord newShow(String title) {
    String id = "s" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    return new ShowRecord(new ShowMeta(id, title, null, 120, false, 1L), "control-hash", "prompter-hash");
  }

  Reply run(LiveShow show, Actor actor, Command command) throws Exception {
    return await(show.execute(Request.of(actor, command)));
  }

  /** A show created, with the sample run-sheet loaded, started, and its muscat grapes on the shelf. */
  LiveShow liveShow(String title) throws Exception {
    ShowRecord record = newShow(title);
    await(engine.createShow(record));
    LiveShow show = await(engine.show(record.id()));
    byte[] csv = Files.readAllBytes(Path.of("src/test/resources/runsheets/sample-runsheet.csv"));
    run(show, Actor.CONTROL, new Command.LoadRunSheet(RunSheetImport.fromCsv(csv).sheet()));
    run(show, Actor.CONTROL, new Command.StartShow());
    run(show, Actor.CONTROL, new Command.ListItem(ITEM));
    return show;
  }

  FrameRecorder recorder(Audience audience, String viewerId) {
    return new FrameRecorder(audience, viewerId, EventLoops.newContext(vertx));
  }

  @Test
  @DisplayName("commands are answered once durable, with consecutive seqs, and the history holds them in order")
  void commandsInOrder() throws Exception {
    LiveShow show = liveShow("order of commands");

    Reply price = run(show, Actor.CONTROL, new Command.SetPrice(ITEM, 7900, false));
    Reply note = run(show, Actor.CONTROL, new Command.SendNote("slow down"));

    assertThat(note.seq()).isEqualTo(price.seq() + 1);
    assertThat(note.result()).containsKey("noteId");
    List<Recorded> history = await(show.history(0, 100));
    for (int i = 0; i < history.size(); i++) {
      assertThat(history.get(i).seq()).isEqualTo(i + 1);
    }
    assertThat(history.get(0).kind()).isEqualTo("runsheet.loaded");
    assertThat(history.get(history.size() - 2).seq()).isEqualTo(price.seq());
    assertThat(history.get(history.size() - 2).kind()).isEqualTo("item.price_changed");
    assertThat(history.get(history.size() - 1).kind()).isEqualTo("cue.note");
  }

  @Test
  @DisplayName("a rejected command fails with its code and leaves no event behind")
  void rejectionAppendsNothing() throws Exception {
    LiveShow show = liveShow("rejections");
    long before = await(show.history(0, 100)).size();

    assertThatThrownBy(() -> run(show, Actor.CONTROL, new Command.SetPrice(ITEM, 100, false)))
        .isInstanceOfSatisfying(ShowError.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.PRICE_GUARD));

    assertThat(await(show.history(0, 100))).hasSize((int) before);
  }

  @Test
  @DisplayName("a command repeated with the same idempotency key answers the first result and appends nothing")
  void idempotentRepeat() throws Exception {
    LiveShow show = liveShow("idempotency");
    Request order = new Request(Actor.viewer("v-1"), new Command.PlaceOrder(ITEM, 1), "order-1");

    Reply first = await(show.execute(order));
    Reply again = await(show.execute(order));

    assertThat(again.seq()).isEqualTo(first.seq());
    assertThat(again.result().get("orderId")).isEqualTo(first.result().get("orderId"));
    assertThat(await(show.history(0, 100))).filteredOn(e -> e.kind().equals("order.placed")).hasSize(1);
  }

  @Test
  @DisplayName("orders racing for the last units sell exactly the stock, never more")
  void concurrentOrdersNeverOversell() throws Exception {
    LiveShow show = liveShow("rush");
    run(show, Actor.CONTROL, new Command.SetStock(ITEM, 20));
    List<Future<Reply>> orders = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      orders.add(show.execute(Request.of(Actor.viewer("rush-" + i), new Command.PlaceOrder(ITEM, 1))));
    }
    await(Future.join(orders).otherwiseEmpty());

    assertThat(orders).filteredOn(Future::succeeded).hasSize(20);
    assertThat(orders).filteredOn(Future::failed).allSatisfy(order ->
        assertThat(((ShowError) order.cause()).code()).isEqualTo(ErrorCode.SOLD_OUT));
    int stock = await(show.query((state, figures, now) -> (int) state.item(ITEM).stock()));
    assertThat(stock).isZero();
  }

  @Test
  @DisplayName("a subscriber is welcomed with a snapshot, then gets each new event once, in seq order")
  void subscribeThenEvents() throws Exception {
    LiveShow show = liveShow("live events");
    FrameRecorder staff = recorder(Audience.STAFF, null);
    await(show.subscribe(staff, null));
    JsonNode welcome = staff.awaitType("welcome");
    long seq = welcome.get("seq").asLong();
    assertThat(welcome.path("snapshot").path("status").asText()).isEqualTo("live");

    run(show, Actor.CONTROL, new Command.SetPrice(ITEM, 7900, false));
    run(show, Actor.CONTROL, new Command.PublishAnnouncement("two for one", false));

    JsonNode price = staff.awaitEvent("item.price_changed");
    JsonNode announcement = staff.awaitEvent("announce.published");
    assertThat(price.get("seq").asLong()).isEqualTo(seq + 1);
    assertThat(announcement.get("seq").asLong()).isEqualTo(seq + 2);
    assertThat(staff.seen()).filteredOn(f -> "event".equals(f.path("type").asText())).hasSize(2);
  }

  @Test
  @DisplayName("a subscriber resuming after a seq it saw gets exactly the events it missed")
  void resumeReplaysMissed() throws Exception {
    LiveShow show = liveShow("resume");
    long seen = run(show, Actor.CONTROL, new Command.SetPrice(ITEM, 7900, false)).seq();
    run(show, Actor.CONTROL, new Command.PublishAnnouncement("missed one", false));
    run(show, Actor.CONTROL, new Command.RevertPrice(ITEM));

    FrameRecorder staff = recorder(Audience.STAFF, null);
    await(show.subscribe(staff, seen));

    JsonNode welcome = staff.awaitType("welcome");
    assertThat(welcome.has("replay")).isTrue();
    List<Long> seqs = new ArrayList<>();
    welcome.get("replay").forEach(event -> seqs.add(event.get("seq").asLong()));
    assertThat(seqs).containsExactly(seen + 1, seen + 2);
  }

  @Test
  @DisplayName("after a restart the show is rebuilt from its history: same state, seqs go on, keys still answer")
  void restartRebuilds() throws Exception {
    LiveShow show = liveShow("restart");
    run(show, Actor.CONTROL, new Command.SetPrice(ITEM, 7900, false));
    Request order = new Request(Actor.viewer("v-9"), new Command.PlaceOrder(ITEM, 2), "before-restart");
    Reply placed = await(show.execute(order));
    String id = show.record().id();
    await(engine.close());

    engine = start(vertx);
    LiveShow again = await(engine.show(id));

    assertThat(again.record()).isEqualTo(show.record());
    long price = await(again.query((state, figures, now) -> state.item(ITEM).livePriceCents()));
    assertThat(price).isEqualTo(7900);
    Reply repeated = await(again.execute(order));
    assertThat(repeated.seq()).isEqualTo(placed.seq());
    assertThat(repeated.result().get("orderId")).isEqualTo(placed.result().get("orderId"));
    Reply next = run(again, Actor.CONTROL, new Command.SendNote("after the restart"));
    assertThat(next.seq()).isEqualTo(placed.seq() + 1);
  }

  @Test
  @DisplayName("the show list follows a show from draft to live")
  void listing() throws Exception {
    ShowRecord record = newShow("listed");
    await(engine.createShow(record));
    assertThat(status(record.id())).isEqualTo(ShowStatus.DRAFT);

    LiveShow show = await(engine.show(record.id()));
    byte[] csv = Files.readAllBytes(Path.of("src/test/resources/runsheets/sample-runsheet.csv"));
    run(show, Actor.CONTROL, new Command.LoadRunSheet(RunSheetImport.fromCsv(csv).sheet()));
    run(show, Actor.CONTROL, new Command.StartShow());

    assertThat(status(record.id())).isEqualTo(ShowStatus.LIVE);
  }

  @Test
  @DisplayName("asking for a show that does not exist fails with NOT_FOUND")
  void unknownShow() {
    assertThatThrownBy(() -> await(engine.show("snosuchshow")))
        .isInstanceOfSatisfying(ShowError.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
  }

  private ShowStatus status(String showId) throws Exception {
    return await(engine.listShows()).stream().filter(l -> l.id().equals(showId)).map(ShowListing::status)
        .findFirst().orElseThrow();
  }

  @Test
  @DisplayName("promotions race on every engine: claims never pass a coupon's total, orders never a flash sale's units")
  void promotionsNeverOversell() throws Exception {
    LiveShow show = liveShow("promotions rush");
    run(show, Actor.CONTROL, new Command.CreateCoupon("C5", "立减5元", 500, null, null, 20, null, null, true));
    run(show, Actor.CONTROL, new Command.IssueCoupon("C5"));
    run(show, Actor.CONTROL, new Command.ScheduleFlash(ITEM, 7_900, 0, 600, 10L, 1, true));
    List<Future<Reply>> claims = new ArrayList<>();
    List<Future<Reply>> orders = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      claims.add(show.execute(Request.of(Actor.viewer("rush-" + i), new Command.ClaimCoupon("C5"))));
      orders.add(show.execute(Request.of(Actor.viewer("rush-" + i), new Command.PlaceOrder(ITEM, 1, 7_900L, null))));
    }
    await(Future.join(claims).otherwiseEmpty());
    await(Future.join(orders).otherwiseEmpty());

    assertThat(claims).filteredOn(Future::succeeded).hasSize(20);
    assertThat(orders).filteredOn(Future::succeeded).hasSize(10);
    assertThat(orders).filteredOn(Future::failed).allSatisfy(order ->
        assertThat(((ShowError) order.cause()).code()).isIn(ErrorCode.CONFLICT, ErrorCode.SOLD_OUT));
    long claimed = await(show.query((state, figures, now) -> state.promotions().coupon("C5").claimed()));
    assertThat(claimed).isEqualTo(20);
  }
}
