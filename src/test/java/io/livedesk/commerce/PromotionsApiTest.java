package io.livedesk.commerce;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.livedesk.json.Json;
import io.livedesk.testing.Api;
import io.livedesk.testing.ControlRoom;
import io.livedesk.testing.Crowd;
import io.livedesk.testing.ShopSheet;
import io.livedesk.testing.TestServer;
import io.livedesk.testing.WsClient;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("flash sales and coupons over REST and WebSocket")
class PromotionsApiTest {

  private static final AtomicLong clock = new AtomicLong(System.currentTimeMillis());
  static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start(Json.object().set("viewers",
        Json.object().put("commandsPerSecond", 1000).put("commandBurst", 1000)), clock::get);
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  private static Api.Response control(Api.Show show, String cmd, ObjectNode args) {
    return server.api().command(show.controlToken(), show.id(), cmd, args);
  }

  private static Map<String, Integer> tally(List<Api.Response> responses) {
    Map<String, Integer> byOutcome = new HashMap<>();
    for (Api.Response response : responses) {
      byOutcome.merge(response.status() == 200 ? "ok" : response.errorCode(), 1, Integer::sum);
    }
    return byOutcome;
  }

  @Test
  @DisplayName("a sale counts down and starts by the server's clock; a viewer socket sees it start and end with its price")
  void countdownOnTheSocket() throws Exception {
    Api.Show show = ShopSheet.of().item("PEAR", 9_900, 50, null).openShow(server.api(), "flash countdown");
    try (WsClient viewer = WsClient.connect(server.wsUrl(show.id()), "viewer", null, "v-ws", null)) {
      viewer.awaitType("welcome");
      Api.Response scheduled = control(show, "flash.schedule", Api.args("itemId", "PEAR",
          "priceCents", 6_900, "startInSeconds", 10, "durationSeconds", 60, "stock", 2, "confirm", true));
      assertThat(scheduled.status()).as(scheduled.text()).isEqualTo(200);
      String flashId = scheduled.json().path("result").path("flashId").asText();

      JsonNode announced = viewer.awaitEvent("flash.scheduled");
      assertThat(announced.path("data").path("priceCents").asLong()).isEqualTo(6_900);
      assertThat(announced.path("data").has("confirmed")).as("staff's confirmation is theirs").isFalse();
      assertThat(announced.path("data").path("stock").asLong()).isEqualTo(2);
      assertThat(viewer.command("order.place", Api.args("itemId", "PEAR", "qty", 1, "expectPriceCents", 6_900))
          .path("error").path("code").asText()).as("before the start").isEqualTo("CONFLICT");

      clock.addAndGet(10_000);

      assertThat(viewer.awaitEvent("flash.started").path("data").path("flashId").asText()).isEqualTo(flashId);
      JsonNode price = viewer.awaitEvent("item.price_changed");
      assertThat(price.path("data").path("priceCents").asLong()).isEqualTo(6_900);
      assertThat(price.path("data").path("reason").asText()).isEqualTo("flash_start");
      JsonNode order = viewer.command("order.place", Api.args("itemId", "PEAR", "qty", 1, "expectPriceCents", 6_900));
      assertThat(order.path("result").path("flashId").asText()).as(order.toString()).isEqualTo(flashId);
      JsonNode stock = viewer.await(f -> "item.stock_changed".equals(f.path("kind").asText())
          && f.path("data").has("flash"), 10_000);
      assertThat(stock.path("data").path("flash").path("left").asLong()).isEqualTo(1);

      clock.addAndGet(60_000);

      assertThat(viewer.awaitEvent("flash.ended").path("data").path("reason").asText()).isEqualTo("time");
      JsonNode back = viewer.await(f -> "item.price_changed".equals(f.path("kind").asText())
          && "flash_end".equals(f.path("data").path("reason").asText()), 10_000);
      assertThat(back.path("data").path("priceCents").asLong()).isEqualTo(9_900);
    }
    JsonNode snapshot = new ControlRoom(server, show).snapshot();
    assertThat(snapshot.path("flashes").get(0).path("status").asText()).isEqualTo("ended");
    assertThat(snapshot.path("flashes").get(0).path("sold").asLong()).isEqualTo(1);
  }

  @Test
  @DisplayName("a sale scheduled before a restart starts and ends after it by the event clock, its orders kept")
  void acrossARestart() throws Exception {
    Api.Show show = ShopSheet.of().item("FIG", 9_900, 20, null).openShow(server.api(), "flash restart");
    String flashId = control(show, "flash.schedule", Api.args("itemId", "FIG", "priceCents", 8_000,
        "startInSeconds", 30, "durationSeconds", 120, "confirm", true)).json().path("result").path("flashId").asText();

    server.restart();
    clock.addAndGet(30_000);

    ControlRoom room = new ControlRoom(server, show);
    assertThat(room.awaitEvent("flash.started").path("data").path("flashId").asText()).isEqualTo(flashId);
    assertThat(server.api().viewerCommand("fan", show.id(), "order.place", Api.args("itemId", "FIG", "qty", 1))
        .json().path("result").path("priceCents").asLong()).isEqualTo(8_000);

    server.restart();
    assertThat(room.item("FIG").path("priceCents").asLong()).as("still live after the restart").isEqualTo(8_000);
    clock.addAndGet(120_000);

    JsonNode ended = room.awaitEvent("flash.ended");
    assertThat(ended.path("data").path("reason").asText()).isEqualTo("time");
    assertThat(ended.path("data").path("sold").asLong()).isEqualTo(1);
    assertThat(room.item("FIG").path("priceCents").asLong()).isEqualTo(9_900);
  }

  @Test
  @DisplayName("2,000 buyers racing for a sale's 100 units: exactly 100 at the flash price, the rest told, never charged more")
  void flashRace() throws Exception {
    Api.Show show = ShopSheet.of().item("RUSH", 9_900, 1_000, null).openShow(server.api(), "flash race");
    assertThat(control(show, "flash.schedule", Api.args("itemId", "RUSH", "priceCents", 1_990,
        "startInSeconds", 0, "durationSeconds", 600, "stock", 100, "confirm", true)).status()).isEqualTo(200);
    List<Crowd.Call> calls = new ArrayList<>();
    for (int i = 0; i < 2_000; i++) {
      calls.add(Crowd.viewerCommand(show.id(), "rusher-" + i, "order.place",
          Api.args("itemId", "RUSH", "qty", 1, "expectPriceCents", 1_990)));
    }

    List<Api.Response> responses;
    try (Crowd crowd = new Crowd(server.baseUrl(), 2_000)) {
      responses = crowd.send(calls);
    }

    Map<String, Integer> outcomes = tally(responses);
    assertThat(outcomes.get("ok")).isEqualTo(100);
    assertThat(outcomes.getOrDefault("CONFLICT", 0) + outcomes.getOrDefault("SOLD_OUT", 0)).isEqualTo(1_900);
    for (Api.Response response : responses) {
      if (response.status() == 200) {
        assertThat(response.json().path("result").path("amountCents").asLong()).isEqualTo(1_990);
      }
    }
    ControlRoom room = new ControlRoom(server, show);
    assertThat(room.item("RUSH").path("stock").asLong()).isEqualTo(900);
    assertThat(room.item("RUSH").path("priceCents").asLong()).isEqualTo(9_900);
    JsonNode ended = room.awaitEvent("flash.ended");
    assertThat(ended.path("data").path("reason").asText()).isEqualTo("sold_out");
    assertThat(ended.path("data").path("sold").asLong()).isEqualTo(100);

    JsonNode report = server.api().get("/api/shows/" + show.id() + "/report", Api.bearer(show.controlToken())).json();
    JsonNode flash = report.path("flashes").get(0);
    assertThat(flash.path("sold").asLong()).isEqualTo(100);
    assertThat(flash.path("orderers").asLong()).isEqualTo(100);
    assertThat(flash.path("gmvCents").asLong()).isEqualTo(199_000);
    assertThat(flash.path("soldOutSeconds").isNumber()).isTrue();
    assertThat(flash.path("startedAt").isNumber()).isTrue();
  }

  @Test
  @DisplayName("2,000 claims racing for 100 coupons: exactly 100, the rest SOLD_OUT, after a restart too")
  void couponRace() throws Exception {
    Api.Show show = ShopSheet.of().item("TEA", 9_900, 1_000, null).openShow(server.api(), "coupon race");
    assertThat(control(show, "coupon.create", Api.args("couponId", "C10", "name", "立减10元",
        "amountOffCents", 1_000, "total", 100, "confirm", true)).status()).isEqualTo(200);
    assertThat(control(show, "coupon.issue", Api.args("couponId", "C10")).status()).isEqualTo(200);
    List<Crowd.Call> calls = new ArrayList<>();
    for (int i = 0; i < 2_000; i++) {
      calls.add(Crowd.viewerCommand(show.id(), "claimer-" + i, "coupon.claim", Api.args("couponId", "C10")));
    }

    List<Api.Response> responses;
    try (Crowd crowd = new Crowd(server.baseUrl(), 2_000)) {
      responses = crowd.send(calls);
    }

    assertThat(tally(responses)).containsOnly(Map.entry("ok", 100), Map.entry("SOLD_OUT", 1_900));
    server.restart();
    JsonNode coupon = new ControlRoom(server, show).snapshot().path("coupons").get(0);
    assertThat(coupon.path("claimed").asLong()).isEqualTo(100);
    assertThat(server.api().viewerCommand("late", show.id(), "coupon.claim", Api.args("couponId", "C10"))
        .errorCode()).isEqualTo("SOLD_OUT");
  }

  @Test
  @DisplayName("a claimed coupon is applied at order.place, shows in the viewer's snapshot and in the report")
  void couponAtCheckout() throws Exception {
    Api.Show show = ShopSheet.of().item("NUT", 9_900, 100, null).openShow(server.api(), "coupon checkout");
    Api.Response guarded = control(show, "coupon.create", Api.args("couponId", "BIG", "name", "大额券",
        "amountOffCents", 6_000, "itemIds", List.of("NUT"), "total", 10));
    assertThat(guarded.errorCode()).as(guarded.text()).isEqualTo("PRICE_GUARD");
    assertThat(control(show, "coupon.create", Api.args("couponId", "M20", "name", "满150减20",
        "amountOffCents", 2_000, "minSpendCents", 15_000, "total", 10)).status()).isEqualTo(200);
    try (WsClient watcher = WsClient.connect(server.wsUrl(show.id()), "viewer", null, "watcher", null)) {
      watcher.awaitType("welcome");
      assertThat(control(show, "coupon.issue", Api.args("couponId", "M20")).status()).isEqualTo(200);
      JsonNode issued = watcher.awaitEvent("coupon.issued").path("data");
      assertThat(issued.has("itemIds") && issued.get("itemIds").isNull()).as("every item: null").isTrue();
      assertThat(issued.has("claimUntil") && issued.get("claimUntil").isNull()).isTrue();
    }
    assertThat(server.api().viewerCommand("buyer", show.id(), "coupon.claim", Api.args("couponId", "M20"))
        .json().path("result").path("remaining").asLong()).isEqualTo(9);

    Api.Response under = server.api().viewerCommand("buyer", show.id(), "order.place",
        Api.args("itemId", "NUT", "qty", 1, "couponId", "M20"));
    assertThat(under.errorCode()).isEqualTo("NOT_ELIGIBLE");
    Api.Response order = server.api().viewerCommand("buyer", show.id(), "order.place",
        Api.args("itemId", "NUT", "qty", 2, "couponId", "M20"));
    assertThat(order.json().path("result").path("amountCents").asLong()).as(order.text()).isEqualTo(17_800);
    assertThat(order.json().path("result").path("discountCents").asLong()).isEqualTo(2_000);

    Api.Response conflict = server.api().viewerCommand("other", show.id(), "order.place",
        Api.args("itemId", "NUT", "qty", 1, "expectPriceCents", 5_000));
    assertThat(conflict.errorCode()).isEqualTo("CONFLICT");
    assertThat(conflict.json().path("error").path("details").get(0).path("message").asText()).isEqualTo("9900");

    try (WsClient viewer = WsClient.connect(server.wsUrl(show.id()), "viewer", null, "buyer", null)) {
      JsonNode mine = viewer.awaitType("welcome").path("snapshot").path("myCoupons").get(0);
      assertThat(mine.path("couponId").asText()).isEqualTo("M20");
      assertThat(mine.path("unused").asInt()).isZero();
    }
    JsonNode report = server.api().get("/api/shows/" + show.id() + "/report", Api.bearer(show.controlToken())).json();
    assertThat(report.path("totals").path("discountCents").asLong()).isEqualTo(2_000);
    JsonNode coupon = report.path("coupons").get(0);
    assertThat(coupon.path("claimed").asLong()).isEqualTo(1);
    assertThat(coupon.path("used").asLong()).isEqualTo(1);
    assertThat(coupon.path("gmvCents").asLong()).isEqualTo(17_800);
    assertThat(server.api().viewerCommand("buyer", show.id(), "coupon.create", Api.args("name", "x")).errorCode())
        .isEqualTo("FORBIDDEN");
    assertThat(control(show, "coupon.create", Api.args("name", "x", "amountOffCents", "100", "total", 1))
        .errorCode()).isEqualTo("INVALID_ARGUMENT");
  }
}
