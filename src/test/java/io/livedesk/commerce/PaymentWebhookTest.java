package io.livedesk.commerce;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.livedesk.http.Signatures;
import io.livedesk.json.Json;
import io.livedesk.testing.Api;
import io.livedesk.testing.ControlRoom;
import io.livedesk.testing.PaymentNotices;
import io.livedesk.testing.ShopSheet;
import io.livedesk.testing.TestServer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PaymentWebhookTest {

  private static final String SECRET = "whsec-livedesk-test";
  private static final long HOLD_MILLIS = 60_000;
  static final AtomicLong CLOCK = new AtomicLong(System.currentTimeMillis());
  @RegisterExtension
  static final TestServer server = TestServer.forClass(config(), CLOCK::get);
  private Api.Show show;
  private ControlRoom room;
  private final Map<String, Long> amounts = new HashMap<>();

  private static ObjectNode config() {
    ObjectNode config = Json.object();
    config.putObject("payments").put("webhookSecret", SECRET);
    config.putObject("orders").put("holdSeconds", HOLD_MILLIS / 1000);
    return config;
  }

  @BeforeEach
  void openShow() {
    show = ShopSheet.of().item("GRAPE", 8_800, 10, null).openShow(server.api(), "payments");
    room = new ControlRoom(server, show);
  }

  @Test
  @DisplayName("a correctly signed PAID notification marks the order paid")
  void signedAccepted() {
    String orderId = order("v1", 2);

    Api.Response paid = notify(body(orderId, "PAID", "pay-1"), null);

    assertThat(paid.status()).as(paid.text()).isEqualTo(200);
    assertThat(paid.json().get("ok").asBoolean()).isTrue();
    assertThat(paid.json().get("status").asText()).isEqualTo("PAID");
    JsonNode event = room.history().get(room.history().size() - 1);
    assertThat(event.get("kind").asText()).isEqualTo("order.paid");
    assertThat(event.path("data").path("paymentId").asText()).isEqualTo("pay-1");
    assertThat(room.snapshot().get("figures").get("paidGmvCents").asLong()).isEqualTo(2 * 8_800L);
  }

  @Test
  @DisplayName("a bad, foreign or missing signature is 401 and changes nothing")
  void badSignatures() {
    String orderId = order("v1", 1);
    byte[] body = body(orderId, "PAID", "pay-1");
    int events = room.history().size();

    Api.Response missing = server.api().send("POST", paymentsPath(), Map.of("Content-Type", "application/json"), body);
    Api.Response wrong = notify(body, "sha256=" + "0".repeat(64));
    Api.Response foreign = notify(body, "sha256=" + Signatures.hmacHex("someone-else", body));
    Api.Response otherBody = notify(body, "sha256=" + Signatures.hmacHex(SECRET, body(orderId, "PAID", "pay-2")));
    Api.Response noPrefix = notify(body, Signatures.hmacHex(SECRET, body));

    for (Api.Response response : List.of(missing, wrong, foreign, otherBody, noPrefix)) {
      assertThat(response.status()).as(response.text()).isEqualTo(401);
      assertThat(response.errorCode()).isEqualTo("UNAUTHORIZED");
    }
    assertThat(room.history()).hasSize(events);
  }

  @Test
  @DisplayName("a replayed PAID notification is answered ok and records nothing more")
  void replayedPaid() {
    String orderId = order("v1", 1);
    byte[] body = body(orderId, "PAID", "pay-1");
    assertThat(notify(body, null).status()).isEqualTo(200);
    int events = room.history().size();

    Api.Response replayed = notify(body, null);

    assertThat(replayed.status()).isEqualTo(200);
    assertThat(replayed.json().get("status").asText()).isEqualTo("PAID");
    assertThat(room.history()).hasSize(events);
  }

  @Test
  @DisplayName("a payment for an expired order is 409 CONFLICT, recorded for refund, and its stock is not resurrected")
  void expiredOrderConflict() throws Exception {
    String orderId = order("v1", 3);
    CLOCK.addAndGet(HOLD_MILLIS);
    room.awaitEvent("order.expired");
    order("v2", 10);

    Api.Response late = notify(body(orderId, "PAID", "pay-late"), null);

    assertThat(late.status()).as(late.text()).isEqualTo(409);
    assertThat(late.errorCode()).isEqualTo("CONFLICT");
    JsonNode conflict = room.awaitEvent("order.payment_conflict");
    assertThat(conflict.path("data").path("orderId").asText()).isEqualTo(orderId);
    assertThat(conflict.path("data").path("paymentId").asText()).isEqualTo("pay-late");
    assertThat(conflict.path("data").path("orderStatus").asText()).isEqualTo("EXPIRED");
    JsonNode item = room.item("GRAPE");
    assertThat(item.get("stock").asLong()).isZero();
    assertThat(item.get("sold").asLong()).isEqualTo(10);
    assertThat(room.kinds()).doesNotContain("order.paid");
  }

  @Test
  @DisplayName("a payment arriving just after the hold ran out expires the order first, then conflicts")
  void paymentRacingExpiry() {
    String orderId = order("v1", 4);
    CLOCK.addAndGet(HOLD_MILLIS);

    Api.Response late = notify(body(orderId, "PAID", "pay-racing"), null);

    assertThat(late.status()).as(late.text()).isEqualTo(409);
    List<String> kinds = room.kinds();
    assertThat(kinds).filteredOn("order.expired"::equals).hasSize(1);
    assertThat(kinds).filteredOn("order.payment_conflict"::equals).hasSize(1);
    assertThat(kinds.indexOf("order.expired")).isLessThan(kinds.indexOf("order.payment_conflict"));
    assertThat(room.item("GRAPE").get("stock").asLong()).isEqualTo(10);
  }

  @Test
  @DisplayName("a payment for a cancelled order is 409 CONFLICT, recorded once however often it is notified")
  void cancelledOrderConflict() {
    String orderId = order("v1", 2);
    assertThat(server.api().viewerCommand("v1", show.id(), "order.cancel", Api.args("orderId", orderId)).status())
        .isEqualTo(200);

    byte[] body = body(orderId, "PAID", "pay-1");
    assertThat(notify(body, null).status()).isEqualTo(409);
    assertThat(notify(body, null).status()).isEqualTo(409);

    assertThat(room.kinds()).filteredOn("order.payment_conflict"::equals).hasSize(1);
    assertThat(room.item("GRAPE").get("stock").asLong()).isEqualTo(10);
  }

  @Test
  @DisplayName("FAILED is recorded, and a notification for an unknown order is 404")
  void failedAndUnknown() {
    String orderId = order("v1", 1);

    Api.Response failed = notify(body(orderId, "FAILED", "pay-1"), null);
    Api.Response unknown = notify(body("o999999", "PAID", "pay-2"), null);

    assertThat(failed.status()).isEqualTo(200);
    assertThat(failed.json().get("status").asText()).isEqualTo("PENDING");
    assertThat(room.kinds()).contains("order.payment_failed");
    assertThat(unknown.status()).isEqualTo(404);
  }

  @Test
  @DisplayName("a body signed for show A posted to show B is 400, and B's order of the same id stays pending")
  void otherShowsBody() {
    Api.Show showA = show;
    String inA = order("v1", 1);
    show = ShopSheet.of().item("GRAPE", 8_800, 10, null).openShow(server.api(), "payments B");
    ControlRoom roomB = new ControlRoom(server, show);
    String inB = order("v1", 1);
    int eventsInB = roomB.history().size();

    assertThat(inA).isNotEqualTo(inB);
    assertThat(inA).startsWith(showA.id());
    assertThat(inB).startsWith(show.id());
    byte[] forA = PaymentNotices.body(showA.id(), inB, "PAID", "pay-a", 8_800);
    Api.Response misrouted = notify(forA, null);

    assertThat(misrouted.status()).as(misrouted.text()).isEqualTo(400);
    assertThat(misrouted.errorCode()).isEqualTo("INVALID_ARGUMENT");
    assertThat(roomB.history()).hasSize(eventsInB);
    assertThat(roomB.snapshot().at("/figures/paidOrders").asLong()).isZero();
  }

  @Test
  @DisplayName("a 1-fen payment for an 88-yuan order is 409 CONFLICT: recorded for the audit, the order unchanged")
  void wrongAmount() {
    String orderId = order("v1", 1);

    Api.Response cheap = notify(PaymentNotices.body(show.id(), orderId, "PAID", "pay-1fen", 1), null);

    assertThat(cheap.status()).as(cheap.text()).isEqualTo(409);
    assertThat(cheap.errorCode()).isEqualTo("CONFLICT");
    JsonNode recorded = room.history().get(room.history().size() - 1);
    assertThat(recorded.get("kind").asText()).isEqualTo("order.payment_mismatch");
    assertThat(recorded.at("/data/orderId").asText()).isEqualTo(orderId);
    assertThat(recorded.at("/data/amountCents").asLong()).isEqualTo(1);
    assertThat(recorded.at("/data/orderAmountCents").asLong()).isEqualTo(8_800);
    assertThat(room.kinds()).doesNotContain("order.paid");
    assertThat(room.snapshot().at("/figures/paidOrders").asLong()).isZero();
    assertThat(notify(body(orderId, "PAID", "pay-right"), null).status()).isEqualTo(200);
  }

  @Test
  @DisplayName("a body without showId or amountCents, the old form, or with a field of the wrong type is 400")
  void incompleteBodies() {
    String orderId = order("v1", 1);
    int events = room.history().size();
    ObjectNode old = Json.object();
    old.put("orderId", orderId);
    old.put("status", "PAID");
    old.put("paymentId", "pay-old");
    ObjectNode noAmount = PaymentNotices.notice(show.id(), orderId, "PAID", "pay-1", 8_800);
    noAmount.remove("amountCents");
    ObjectNode noShow = PaymentNotices.notice(show.id(), orderId, "PAID", "pay-1", 8_800);
    noShow.remove("showId");
    ObjectNode fractional = PaymentNotices.notice(show.id(), orderId, "PAID", "pay-1", 8_800);
    fractional.put("amountCents", 8_800.5);
    ObjectNode textAmount = PaymentNotices.notice(show.id(), orderId, "PAID", "pay-1", 8_800);
    textAmount.put("amountCents", "8800");

    for (ObjectNode body : java.util.List.of(old, noAmount, noShow, fractional, textAmount)) {
      Api.Response response = notify(Json.bytes(body), null);
      assertThat(response.status()).as(body + " → " + response.text()).isEqualTo(400);
      assertThat(response.errorCode()).isEqualTo("INVALID_ARGUMENT");
    }
    assertThat(room.history()).hasSize(events);
  }

  private String order(String viewer, int qty) {
    Api.Response placed = server.api().viewerCommand(viewer, show.id(), "order.place",
        Api.args("itemId", "GRAPE", "qty", qty));
    assertThat(placed.status()).as(placed.text()).isEqualTo(200);
    String orderId = placed.json().path("result").path("orderId").asText();
    amounts.put(orderId, placed.json().path("result").path("amountCents").asLong());
    return orderId;
  }

  private String paymentsPath() {
    return "/api/shows/" + show.id() + "/payments";
  }

  /** A notification for this show and the order's own amount (1 fen for an order the test never placed). */
  private byte[] body(String orderId, String status, String paymentId) {
    return PaymentNotices.body(show.id(), orderId, status, paymentId, amounts.getOrDefault(orderId, 1L));
  }

  /** Posts a notification signed as the shop signs it, or with the given signature header. */
  private Api.Response notify(byte[] body, String signature) {
    return PaymentNotices.post(server.api(), show.id(), body,
        signature != null ? signature : PaymentNotices.signature(SECRET, body));
  }
}
