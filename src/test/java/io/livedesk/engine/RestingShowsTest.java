package io.livedesk.engine;

import static io.livedesk.testing.Api.args;
import static io.livedesk.testing.Api.bearer;
import static io.livedesk.testing.Futures.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.livedesk.engine.local.MemoryEngine;
import io.livedesk.json.Json;
import io.livedesk.testing.Api;
import io.livedesk.testing.PaymentNotices;
import io.livedesk.testing.TestServer;
import io.livedesk.testing.WsClient;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("ended shows rest, and load again when asked for (docs/design.md §Resting shows)")
class RestingShowsTest {

  private static final String ITEM = "JJ-CHERRY-10";
  private static final String SECRET = "whsec-resting";
  private static final long REST_AFTER_MILLIS = 60_000;

  /** A clock moved by hand only: idleness is the test's to decide, and what is read stays comparable. */
  final AtomicLong clock = new AtomicLong(1_790_000_000_000L);
  @RegisterExtension
  final TestServer server = TestServer.forEachTest(TestServer.config(c -> {
    c.putObject("shows").put("restAfterSeconds", REST_AFTER_MILLIS / 1000);
    c.putObject("payments").put("webhookSecret", SECRET);
    store(c);
  }), clock::get);
  final Api api = server.api();

  /** The first order {@link #endedShow} paid, and its amount: the shop may notify it again. */
  private String paidOrder;
  private long paidAmount;

  /** The store the shows are kept in: the file store, unless a subclass says otherwise. */
  void store(ObjectNode config) {
  }

  private MemoryEngine engine() {
    return (MemoryEngine) server.engine();
  }

  /** An ended show with orders paid (one by a notice), cancelled and clicked, and no hold left to run out. */
  private Api.Show endedShow(String title) {
    Api.Show show = api.liveSampleShow(title);
    api.command(show.controlToken(), show.id(), "item.list", args("itemId", ITEM));
    for (int i = 0; i < 6; i++) {
      JsonNode order = clickAndOrder(show, "v" + i);
      String orderId = order.get("orderId").asText();
      if (i % 2 == 1) {
        api.viewerCommand("v" + i, show.id(), "order.cancel", args("orderId", orderId));
        continue;
      }
      Api.Response paid = pay(show, orderId, order.get("amountCents").asLong());
      assertThat(paid.status()).as(paid.text()).isEqualTo(200);
      if (paidOrder == null) {
        paidOrder = orderId;
        paidAmount = order.get("amountCents").asLong();
      }
    }
    api.command(show.controlToken(), show.id(), "show.end", Json.object());
    return show;
  }

  /** The viewer clicks the item and orders one: the order's result. */
  private JsonNode clickAndOrder(Api.Show show, String viewer) {
    api.viewerCommand(viewer, show.id(), "viewer.click", args("itemId", ITEM));
    Api.Response placed = api.viewerCommand(viewer, show.id(), "order.place", args("itemId", ITEM, "qty", 1));
    assertThat(placed.status()).as(placed.text()).isEqualTo(200);
    return placed.json().get("result");
  }

  private Api.Response pay(Api.Show show, String orderId, long amountCents) {
    byte[] body = PaymentNotices.body(show.id(), orderId, "PAID", "pay-" + orderId, amountCents);
    return PaymentNotices.post(api, SECRET, show.id(), body);
  }

  private JsonNode report(Api.Show show) {
    Api.Response report = api.get("/api/shows/" + show.id() + "/report", bearer(show.controlToken()));
    assertThat(report.status()).as(report.text()).isEqualTo(200);
    return report.json();
  }

  private JsonNode staffView(Api.Show show) {
    ObjectNode snapshot = (ObjectNode) api.get("/api/shows/" + show.id(), bearer(show.controlToken())).json();
    snapshot.remove("serverTime");
    return snapshot;
  }

  /** Lets the rest period go by and has the engine look for idle shows, as its timer does. */
  private List<String> idleLongEnough() throws Exception {
    clock.addAndGet(REST_AFTER_MILLIS + 1);
    return await(engine().restIdleShows());
  }

  @Test
  @DisplayName("a show put to rest and loaded again gives the same report, events and staff view")
  void unloadAndReloadIdentical() throws Exception {
    Api.Show show = endedShow("identical");
    JsonNode report = report(show);
    List<JsonNode> events = api.events(show);
    JsonNode view = staffView(show);

    assertThat(idleLongEnough()).containsExactly(show.id());
    assertThat(engine().restingShows()).containsExactly(show.id());

    assertThat(report(show)).isEqualTo(report);
    assertThat(engine().restingShows()).isEmpty();
    assertThat(engine().wakeUps()).isEqualTo(1);
    assertThat(api.events(show)).isEqualTo(events);
    assertThat(staffView(show)).isEqualTo(view);
    assertThat(engine().wakeUps()).as("loaded once, then served loaded").isEqualTo(1);
  }

  @Test
  @DisplayName("a resting show answers a late payment notice, a command and a socket by loading; a followed one does not rest")
  void restingShowAnswersByLoading() throws Exception {
    Api.Show show = endedShow("answers");
    // the shop sends the notice again, as it may long after the show
    Api.Response notice = pay(show, paidOrder, paidAmount);
    Api.Response command = api.command(show.controlToken(), show.id(), "item.list", args("itemId", ITEM));

    assertThat(idleLongEnough()).containsExactly(show.id());
    Api.Response noticeAgain = pay(show, paidOrder, paidAmount);
    assertThat(noticeAgain.status()).isEqualTo(notice.status());
    assertThat(noticeAgain.json()).isEqualTo(notice.json());
    assertThat(engine().wakeUps()).isEqualTo(1);

    assertThat(idleLongEnough()).containsExactly(show.id());
    Api.Response commandAgain = api.command(show.controlToken(), show.id(), "item.list", args("itemId", ITEM));
    assertThat(commandAgain.status()).isEqualTo(command.status());
    assertThat(commandAgain.errorCode()).isEqualTo(command.errorCode()).isEqualTo("SHOW_ENDED");
    assertThat(engine().wakeUps()).isEqualTo(2);

    assertThat(idleLongEnough()).containsExactly(show.id());
    try (WsClient viewer = server.viewer(show, "late-viewer")) {
      JsonNode welcome = viewer.awaitType("welcome");
      assertThat(welcome.get("snapshot").get("status").asText()).isEqualTo("ended");
      assertThat(engine().wakeUps()).isEqualTo(3);
      assertThat(idleLongEnough()).as("a socket follows it").isEmpty();
      assertThat(engine().restingShows()).isEmpty();
    }
  }

  @Test
  @DisplayName("a start replays no ended show: they rest, listed with their status and title, until asked for")
  void startDoesNotReplayEnded() throws Exception {
    Api.Show ended = endedShow("ended before the restart");
    Api.Show live = api.liveSampleShow("live across the restart");
    JsonNode report = report(ended);
    int events = api.events(ended).size();

    server.restart();

    assertThat(engine().restingShows()).containsExactly(ended.id());
    LiveShow toRead = await(engine().showToRead(ended.id()));
    assertThat(await(toRead.history(0, 10_000))).as("as the webhooks read an ended show").hasSize(events);
    JsonNode listing = api.get("/api/shows", bearer(TestServer.ADMIN_TOKEN)).json().get("shows");
    List<String> lines = new ArrayList<>();
    listing.forEach(line -> lines.add(line.get("id").asText() + " " + line.get("status").asText() + " "
        + line.get("title").asText()));
    assertThat(lines).containsExactlyInAnyOrder(ended.id() + " ended ended before the restart",
        live.id() + " live live across the restart");
    assertThat(engine().restingShows()).as("listing loads nothing").containsExactly(ended.id());
    assertThat(engine().wakeUps()).isZero();

    assertThat(report(ended)).isEqualTo(report);
    assertThat(engine().wakeUps()).isEqualTo(1);
    assertThat(engine().restingShows()).isEmpty();
  }

  @Test
  @DisplayName("a resting show whose journal was damaged meanwhile is out of service when asked for, and read once")
  void damagedWhileResting() throws Exception {
    Api.Show show = endedShow("damaged at rest");
    Path journal = server.dataDir().resolve("shows").resolve(show.id()).resolve("journal.jsonl");

    server.restart(dir -> {
      List<String> lines = new ArrayList<>(Files.readAllLines(journal, StandardCharsets.UTF_8));
      lines.set(1, lines.get(1).replace("\"v\":1,", "\"v\":2,"));
      Files.write(journal, (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
    });
    assertThat(engine().restingShows()).containsExactly(show.id());

    for (int ask = 0; ask < 2; ask++) {
      Api.Response refused = api.get("/api/shows/" + show.id() + "/report", bearer(show.controlToken()));
      assertThat(refused.status()).isEqualTo(503);
      assertThat(refused.errorCode()).isEqualTo("UNAVAILABLE");
      assertThat(refused.json().get("error").get("message").asText()).contains("out of service");
    }
    assertThat(engine().wakeUps()).as("not read again").isEqualTo(1);
    Api.Response health = api.get("/health", Map.of());
    assertThat(health.json().get("status").asText()).isEqualTo("DEGRADED");
    assertThat(health.json().get("checks").get("shows")).extracting(JsonNode::asText).containsExactly(show.id());
  }

  @Test
  @DisplayName("a live show, a draft with no events and an ended one with an order hold to run out never rest")
  void onlyIdleEndedShowsRest() throws Exception {
    Api.Show live = api.liveSampleShow("live");
    Api.Show draft = api.createShow("draft, no events");
    Api.Show holding = api.liveSampleShow("ended holding an order");
    api.command(holding.controlToken(), holding.id(), "item.list", args("itemId", ITEM));
    clickAndOrder(holding, "v1");
    api.command(holding.controlToken(), holding.id(), "show.end", Json.object());
    assertThat(api.events(draft)).isEmpty();

    // well within the order's hold (orders.holdSeconds, 600 s): the hold is still to run out
    assertThat(idleLongEnough()).isEmpty();
    assertThat(engine().restingShows()).isEmpty();
    assertThat(staffView(live).get("status").asText()).isEqualTo("live");
  }

  @Test
  @DisplayName("requests arriving together at a resting show load it once and all get that one show")
  void concurrentRequestsLoadOnce() throws Exception {
    Api.Show show = endedShow("crowd");
    assertThat(idleLongEnough()).containsExactly(show.id());

    int callers = 8;
    CountDownLatch go = new CountDownLatch(1);
    List<Future<LiveShow>> found = java.util.Collections.synchronizedList(new ArrayList<>());
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < callers; i++) {
      Thread thread = new Thread(() -> {
        try {
          go.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
        found.add(engine().show(show.id()));
      });
      thread.start();
      threads.add(thread);
    }
    go.countDown();
    for (Thread thread : threads) {
      thread.join();
    }

    LiveShow first = await(found.get(0));
    assertThat(found).hasSize(callers).allSatisfy(each -> assertThat(await(each)).isSameAs(first));
    assertThat(engine().wakeUps()).isEqualTo(1);
    assertThat(engine().restingShows()).isEmpty();
  }
}
