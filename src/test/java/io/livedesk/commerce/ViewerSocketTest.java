package io.livedesk.commerce;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.livedesk.json.Json;
import io.livedesk.testing.Api;
import io.livedesk.testing.ControlRoom;
import io.livedesk.testing.ShopSheet;
import io.livedesk.testing.TestServer;
import io.livedesk.testing.WsClient;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ViewerSocketTest {

  /** Stands still unless a test moves it, so rate limits refill only when a test says so. */
  private final AtomicLong clock = new AtomicLong(System.currentTimeMillis());
  @RegisterExtension
  final TestServer server = TestServer.forEachTest(Json.object(), clock::get);
  private Api.Show show;
  private ControlRoom room;

  @BeforeEach
  void openShow() {
    show = ShopSheet.of().item("GRAPE", 8_800, 50, 3).item("PEACH", 5_900, 50, null)
        .openShow(server.api(), "viewer sockets");
    room = new ControlRoom(server, show);
  }

  private WsClient viewer(String viewerId) throws Exception {
    WsClient client = server.viewer(show, viewerId);
    client.awaitType("welcome");
    return client;
  }

  @Test
  @DisplayName("two sockets of one viewer count once online, until the last closes; staff see online and peak")
  void presence() throws Exception {
    try (WsClient control = server.control(show).welcomed()) {
      WsClient first = viewer("twice");
      WsClient second = viewer("twice");
      WsClient other = viewer("once");

      JsonNode figures = room.snapshot().get("figures");
      assertThat(figures.get("online").asInt()).isEqualTo(2);
      assertThat(figures.get("peakOnline").asInt()).isEqualTo(2);
      assertThat(figures.get("pv").asInt()).isEqualTo(3);
      assertThat(figures.get("uv").asInt()).isEqualTo(2);
      JsonNode tick = control.await(f -> "tick".equals(f.path("type").asText())
          && f.path("figures").path("online").asInt() == 2, 5_000);
      assertThat(tick.path("figures").path("peakOnline").asInt()).isEqualTo(2);
      control.drain();
      assertThat(control.seen()).filteredOn(f -> "viewer.joined".equals(f.path("kind").asText()))
          .extracting(f -> f.path("data").path("viewerId").asText()).containsExactly("twice", "twice", "once");

      first.close();
      awaitLeft(1);
      assertThat(room.snapshot().get("figures").get("online").asInt()).isEqualTo(2);

      second.close();
      awaitLeft(2);
      figures = room.snapshot().get("figures");
      assertThat(figures.get("online").asInt()).isEqualTo(1);
      assertThat(figures.get("peakOnline").asInt()).isEqualTo(2);
      other.close();
    }
  }

  private void awaitLeft(int count) throws InterruptedException {
    for (int i = 0; i < 100 && room.kinds().stream().filter("viewer.left"::equals).count() < count; i++) {
      Thread.sleep(50);
    }
    assertThat(room.kinds()).filteredOn("viewer.left"::equals).hasSize(count);
  }

  @Test
  @DisplayName("viewers see public events and a snapshot without scripts, notes, floor prices, staff figures, others")
  void publicViewOnly() throws Exception {
    try (WsClient watcher = server.viewer(show, "watcher")) {
      JsonNode snapshot = watcher.awaitType("welcome").get("snapshot");
      JsonNode rest = server.api().get("/api/shows/" + show.id(), Api.viewer("watcher")).json();

      for (JsonNode view : List.of(snapshot, rest)) {
        String text = view.toString();
        assertThat(text).doesNotContain("SECRET-SCRIPT", "\"script\"", "floorPriceCents", "\"notes\"", "\"opening\"");
        assertThat(view.get("figures").fieldNames()).toIterable().containsExactly("online");
        assertThat(view.get("items").get(0).get("stock").asLong()).isEqualTo(50);
      }

      Api.Response note = server.api().command(show.controlToken(), show.id(), "cue.note",
          Api.args("text", "PSST-NOTE"));
      assertThat(note.status()).isEqualTo(200);
      assertThat(server.api().viewerCommand("other-buyer", show.id(), "order.place",
          Api.args("itemId", "GRAPE", "qty", 2)).status()).isEqualTo(200);
      assertThat(server.api().viewerCommand("other-buyer", show.id(), "viewer.subscribe", Json.object()).status())
          .isEqualTo(200);
      assertThat(server.api().command(show.controlToken(), show.id(), "item.set_price",
          Api.args("itemId", "PEACH", "priceCents", 6_500)).status()).isEqualTo(200);
      server.api().command(show.controlToken(), show.id(), "announce.publish", Api.args("text", "MARKER"));

      watcher.awaitEvent("announce.published");
      JsonNode price = watcher.seen().stream().filter(f -> "item.price_changed".equals(f.path("kind").asText()))
          .findFirst().orElseThrow();
      assertThat(price.path("data").path("toCents").asLong()).isEqualTo(6_500);
      JsonNode stock = watcher.seen().stream().filter(f -> "item.stock_changed".equals(f.path("kind").asText()))
          .findFirst().orElseThrow();
      assertThat(stock.path("data").path("stock").asLong()).isEqualTo(48);
      String everything = watcher.seen().toString();
      assertThat(everything).doesNotContain("PSST-NOTE", "other-buyer", "cue.note", "order.placed",
          "viewer.subscribed", "viewer.joined", "\"actor\"");
    }
  }

  @Test
  @DisplayName("a viewer sees the events of their own orders, and nobody else's")
  void ownOrderEvents() throws Exception {
    try (WsClient buyer = viewer("buyer"); WsClient bystander = viewer("bystander")) {
      JsonNode reply = buyer.command("order.place", Api.args("itemId", "GRAPE", "qty", 1));
      assertThat(reply.get("ok").asBoolean()).as(reply.toString()).isTrue();
      String orderId = reply.path("result").path("orderId").asText();

      JsonNode placed = event(buyer, "order.placed");
      assertThat(placed.path("data").path("orderId").asText()).isEqualTo(orderId);
      assertThat(placed.path("seq").asLong()).isEqualTo(reply.get("seq").asLong());
      assertThat(buyer.command("order.cancel", Api.args("orderId", orderId)).get("ok").asBoolean()).isTrue();
      assertThat(event(buyer, "order.cancelled").path("data").path("orderId").asText()).isEqualTo(orderId);

      server.api().command(show.controlToken(), show.id(), "announce.publish", Api.args("text", "MARKER"));
      bystander.awaitEvent("announce.published");
      assertThat(bystander.seen().toString()).doesNotContain(orderId, "order.placed", "order.cancelled", "\"buyer\"");
    }
  }

  @Test
  @DisplayName("a viewer's snapshot carries that viewer's own orders and their states, and nobody else's")
  void snapshotCarriesOwnOrders() throws Exception {
    Api api = server.api();
    String first = api.viewerCommand("amy", show.id(), "order.place", Api.args("itemId", "PEACH", "qty", 2))
        .json().path("result").path("orderId").asText();
    String second = api.viewerCommand("amy", show.id(), "order.place", Api.args("itemId", "PEACH", "qty", 1))
        .json().path("result").path("orderId").asText();
    api.viewerCommand("amy", show.id(), "order.cancel", Api.args("orderId", second));
    api.viewerCommand("bob", show.id(), "order.place", Api.args("itemId", "PEACH", "qty", 1));

    JsonNode rest = api.get("/api/shows/" + show.id(), Api.viewer("amy")).json();
    try (WsClient socket = server.viewer(show, "amy")) {
      JsonNode welcome = socket.awaitType("welcome").path("snapshot");

      for (JsonNode snapshot : new JsonNode[] {rest, welcome}) {
        JsonNode mine = snapshot.path("myOrders");
        assertThat(mine).hasSize(2);
        assertThat(mine.get(0).path("orderId").asText()).isEqualTo(first);
        assertThat(mine.get(0).path("qty").asInt()).isEqualTo(2);
        assertThat(mine.get(0).path("status").asText()).isEqualTo("pending");
        assertThat(mine.get(1).path("orderId").asText()).isEqualTo(second);
        assertThat(mine.get(1).path("status").asText()).isEqualTo("cancelled");
      }
    }
    assertThat(room.snapshot().has("myOrders")).isFalse();
  }

  /** An event already passed over while awaiting a reply, or the next one of its kind. */
  private static JsonNode event(WsClient client, String kind) throws InterruptedException {
    for (JsonNode frame : client.seen()) {
      if ("event".equals(frame.path("type").asText()) && kind.equals(frame.path("kind").asText())) {
        return frame;
      }
    }
    return client.awaitEvent(kind);
  }

  @Test
  @DisplayName("a viewer's socket is refused control and prompter commands with FORBIDDEN")
  void forbiddenOverSocket() throws Exception {
    try (WsClient sneaky = viewer("sneaky")) {
      for (String cmd : List.of("item.set_price", "show.end", "cue.note", "cue.ack", "lottery.draw")) {
        JsonNode reply = sneaky.command(cmd, Api.args("itemId", "GRAPE", "priceCents", 1, "text", "x", "noteId", "n1",
            "lotteryId", "l1"));
        assertThat(reply.get("ok").asBoolean()).isFalse();
        assertThat(reply.path("error").path("code").asText()).as(cmd).isEqualTo("FORBIDDEN");
      }
    }
    assertThat(room.item("GRAPE").get("priceCents").asLong()).isEqualTo(8_800);
  }

  @Test
  @DisplayName("a viewer's socket over its command rate gets RATE_LIMITED replies; the budget refills with time")
  void socketRateLimit() throws Exception {
    try (WsClient clicker = viewer("clicker")) {
      int ok = 0;
      int limited = 0;
      for (int i = 0; i < 30; i++) {
        JsonNode reply = clicker.command("viewer.click", Api.args("itemId", "GRAPE"));
        if (reply.get("ok").asBoolean()) {
          ok++;
        } else {
          assertThat(reply.path("error").path("code").asText()).isEqualTo("RATE_LIMITED");
          limited++;
        }
      }
      assertThat(ok).isEqualTo(20);
      assertThat(limited).isEqualTo(10);

      clock.addAndGet(1_000);
      assertThat(clicker.command("viewer.click", Api.args("itemId", "GRAPE")).get("ok").asBoolean()).isTrue();
    }
  }

  @Test
  @DisplayName("a viewer's REST commands are rate limited per viewer with 429 RATE_LIMITED")
  void restRateLimit() {
    int ok = 0;
    int limited = 0;
    for (int i = 0; i < 25; i++) {
      Api.Response reply = server.api().viewerCommand("rest-clicker", show.id(), "viewer.click",
          Api.args("itemId", "GRAPE"));
      if (reply.status() == 200) {
        ok++;
      } else {
        assertThat(reply.status()).isEqualTo(429);
        assertThat(reply.errorCode()).isEqualTo("RATE_LIMITED");
        limited++;
      }
    }
    assertThat(ok).isEqualTo(20);
    assertThat(limited).isEqualTo(5);
    assertThat(server.api().viewerCommand("someone-else", show.id(), "viewer.click", Api.args("itemId", "GRAPE"))
        .status()).isEqualTo(200);
  }

  @Test
  @DisplayName("an idempotency key sent over the socket and again over REST by the same viewer is one order")
  void keyAcrossTransports() throws Exception {
    try (WsClient buyer = viewer("keyed")) {
      ObjectNode frame = Json.object();
      frame.put("type", "cmd");
      frame.put("id", "k1");
      frame.put("cmd", "order.place");
      frame.set("args", Api.args("itemId", "PEACH", "qty", 2));
      frame.put("key", "cart-77");
      buyer.send(frame);
      JsonNode reply = buyer.await(f -> "reply".equals(f.path("type").asText()) && "k1".equals(f.path("id").asText()),
          10_000);
      assertThat(reply.get("ok").asBoolean()).as(reply.toString()).isTrue();

      ObjectNode body = Json.object();
      body.put("cmd", "order.place");
      body.set("args", Api.args("itemId", "PEACH", "qty", 2));
      Api.Response again = server.api().post("/api/shows/" + show.id() + "/commands",
          java.util.Map.of("X-Viewer", "keyed", "Idempotency-Key", "cart-77"), body);

      assertThat(again.json().get("seq")).isEqualTo(reply.get("seq"));
      assertThat(again.json().get("result")).isEqualTo(reply.get("result"));
      assertThat(room.item("PEACH").get("sold").asLong()).isEqualTo(2);
    }
  }

  @Test
  @DisplayName("after a restart nobody is online until they connect again")
  void presenceAfterRestart() throws Exception {
    WsClient watcher = viewer("watcher");
    assertThat(room.snapshot().get("figures").get("online").asInt()).isEqualTo(1);

    server.restart();

    assertThat(watcher.awaitClosed(5_000)).isTrue();
    JsonNode figures = room.snapshot().get("figures");
    assertThat(figures.get("online").asInt()).isZero();
    assertThat(figures.get("peakOnline").asInt()).isEqualTo(1);
    try (WsClient again = viewer("watcher")) {
      assertThat(room.snapshot().get("figures").get("online").asInt()).isEqualTo(1);
    }
  }
}
