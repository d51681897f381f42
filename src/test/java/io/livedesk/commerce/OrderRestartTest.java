package io.livedesk.commerce;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.livedesk.json.Json;
import io.livedesk.testing.Api;
import io.livedesk.testing.ControlRoom;
import io.livedesk.testing.ShopSheet;
import io.livedesk.testing.TestServer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class OrderRestartTest {

  private static final long HOLD_MILLIS = 60_000;

  private final AtomicLong clock = new AtomicLong(System.currentTimeMillis());
  @RegisterExtension
  final TestServer server = TestServer.forEachTest(
      Json.object().set("orders", Json.object().put("holdSeconds", HOLD_MILLIS / 1000)), clock::get);
  private Api.Show show;
  private ControlRoom room;

  @BeforeEach
  void openShow() {
    show = ShopSheet.of().item("GRAPE", 8_800, 10, 5).openShow(server.api(), "orders across restarts");
    room = new ControlRoom(server, show);
  }

  @Test
  @DisplayName("a repeated Idempotency-Key gets the first answer, before and after a restart, and records nothing new")
  void idempotencyAcrossRestart() throws Exception {
    Api.Response first = order("v1", 2, Map.of("Idempotency-Key", "checkout-1"));
    assertThat(first.status()).as(first.text()).isEqualTo(200);
    Api.Response repeated = order("v1", 2, Map.of("Idempotency-Key", "checkout-1"));
    assertThat(repeated.json()).isEqualTo(first.json());
    int events = room.history().size();

    server.restart();

    Api.Response afterRestart = order("v1", 2, Map.of("Idempotency-Key", "checkout-1"));
    assertThat(afterRestart.status()).isEqualTo(200);
    assertThat(afterRestart.json()).isEqualTo(first.json());
    assertThat(room.history()).hasSize(events);
    assertThat(room.item("GRAPE").get("stock").asLong()).isEqualTo(8);

    Api.Response otherViewer = order("v2", 2, Map.of("Idempotency-Key", "checkout-1"));
    assertThat(otherViewer.json().path("result").path("orderId").asText())
        .isNotEqualTo(first.json().path("result").path("orderId").asText());
  }

  @Test
  @DisplayName("the idempotency key may also come in the body of the command")
  void keyInBody() {
    ObjectNode body = Json.object();
    body.put("cmd", "order.place");
    body.set("args", Api.args("itemId", "GRAPE", "qty", 1));
    body.put("key", "body-key");
    Api.Response first = server.api().post("/api/shows/" + show.id() + "/commands", Api.viewer("v1"), body);
    Api.Response again = server.api().post("/api/shows/" + show.id() + "/commands", Api.viewer("v1"), body);

    assertThat(again.json()).isEqualTo(first.json());
    assertThat(room.item("GRAPE").get("stock").asLong()).isEqualTo(9);
  }

  @Test
  @DisplayName("an unpaid order expires after its hold by the server's own clock check, with no command to trigger it")
  void expiresWithoutCommand() throws Exception {
    String orderId = placedOrderId("v1", 3);
    clock.addAndGet(HOLD_MILLIS - 1);
    Thread.sleep(600);
    assertThat(room.kinds()).doesNotContain("order.expired");

    clock.addAndGet(1);

    JsonNode expired = room.awaitEvent("order.expired");
    assertThat(expired.path("data").path("orderId").asText()).isEqualTo(orderId);
    assertThat(expired.path("actor").path("role").asText()).isEqualTo("system");
    assertThat(room.item("GRAPE").get("stock").asLong()).isEqualTo(10);
  }

  @Test
  @DisplayName("an order placed before a restart still expires after it, by event time, and returns its stock")
  void expiresAfterRestart() throws Exception {
    String orderId = placedOrderId("v1", 4);
    clock.addAndGet(10_000);

    server.restart();
    assertThat(room.item("GRAPE").get("stock").asLong()).isEqualTo(6);
    clock.addAndGet(HOLD_MILLIS);

    JsonNode expired = room.awaitEvent("order.expired");
    assertThat(expired.path("data").path("orderId").asText()).isEqualTo(orderId);
    JsonNode item = room.item("GRAPE");
    assertThat(item.get("stock").asLong()).isEqualTo(10);
    assertThat(item.get("sold").asLong()).isZero();
  }

  @Test
  @DisplayName("a command arriving after a hold ran out sees the stock that expiry returned")
  void commandSeesExpiredStock() {
    placedOrderId("v1", 5);
    placedOrderId("v2", 5);
    assertThat(order("v3", 1, Map.of()).errorCode()).isEqualTo("SOLD_OUT");

    clock.addAndGet(HOLD_MILLIS);

    Api.Response after = order("v3", 5, Map.of());
    assertThat(after.status()).as(after.text()).isEqualTo(200);
    List<String> kinds = room.kinds();
    assertThat(kinds.subList(kinds.size() - 3, kinds.size())).containsExactly("order.expired", "order.expired",
        "order.placed");
  }

  private Api.Response order(String viewer, int qty, Map<String, String> headers) {
    ObjectNode body = Json.object();
    body.put("cmd", "order.place");
    body.set("args", Api.args("itemId", "GRAPE", "qty", qty));
    Map<String, String> all = new java.util.HashMap<>(headers);
    all.put("X-Viewer", viewer);
    return server.api().post("/api/shows/" + show.id() + "/commands", all, body);
  }

  private String placedOrderId(String viewer, int qty) {
    Api.Response placed = order(viewer, qty, Map.of());
    assertThat(placed.status()).as(placed.text()).isEqualTo(200);
    return placed.json().path("result").path("orderId").asText();
  }
}
