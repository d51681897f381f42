package io.livedesk.commerce;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.livedesk.json.Json;
import io.livedesk.testing.Api;
import io.livedesk.testing.ControlRoom;
import io.livedesk.testing.PaymentNotices;
import io.livedesk.testing.ShopSheet;
import io.livedesk.testing.TestServer;
import io.livedesk.testing.WsClient;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Group-buy tiers over the wire (docs/protocol.md §Group-buy tiers): reached by payments, refunds owed back. */
class GroupBuyTest {

  private static final String SECRET = "whsec-group-buy";
  @RegisterExtension
  static final TestServer server = TestServer.forClass(
      Json.object().set("payments", Json.object().put("webhookSecret", SECRET)), System::currentTimeMillis);
  private Api.Show show;
  private final Map<String, Long> amounts = new HashMap<>();

  @Test
  @DisplayName("100 units placed and cancelled leave the next buyer at the live price")
  void placedAndCancelledDoNotMoveTheTier() {
    show = ShopSheet.of().item("CHERRY", 49_900, 1_000, null).tiers(10, 44_900, 20, 39_900)
        .openShow(server.api(), "tier game");
    String big = order("gamer", 100);
    assertThat(server.api().viewerCommand("gamer", show.id(), "order.cancel", Api.args("orderId", big)).status())
        .isEqualTo(200);

    assertThat(priceOf(place("next", 1))).isEqualTo(49_900);
    assertThat(new ControlRoom(server, show).kinds()).doesNotContain("item.tier_reached");
  }

  @Test
  @DisplayName("tiers are reached by payments; paid orders are owed the difference, listed and settled at the end")
  void paidTiersAndRefunds() throws Exception {
    show = ShopSheet.of().item("CHERRY", 49_900, 1_000, null).tiers(10, 44_900, 20, 39_900)
        .openShow(server.api(), "group buy");
    ControlRoom room = new ControlRoom(server, show);
    try (WsClient viewer = server.viewer(show, "b1").welcomed()) {
      String b1 = order("b1", 5);
      String b2 = order("b2", 6);
      order("b3", 30);
      assertThat(room.item("CHERRY").get("priceCents").asLong()).isEqualTo(49_900);
      assertThat(room.kinds()).doesNotContain("item.tier_reached");

      pay(b1);
      pay(b2);
      JsonNode first = viewer.awaitEvent("item.tier_reached");
      assertThat(first.path("data").path("tier").asInt()).isZero();
      assertThat(first.path("data").path("paidUnits").asLong()).isEqualTo(11);
      JsonNode between = room.item("CHERRY");
      assertThat(between.get("priceCents").asLong()).isEqualTo(44_900);
      assertThat(between.at("/tier/paidUnits").asLong()).isEqualTo(11);
      assertThat(between.at("/tier/unitsToNext").asLong()).isEqualTo(9);

      String b4 = order("b4", 9);
      assertThat(amounts.get(b4)).isEqualTo(9 * 44_900L);
      pay(b4);
      JsonNode second = viewer.awaitEvent("item.tier_reached");
      assertThat(second.path("data").path("tier").asInt()).isEqualTo(1);
      assertThat(second.path("data").path("priceCents").asLong()).isEqualTo(39_900);
    }

    Api.Response refunds = server.api().get("/api/shows/" + show.id() + "/refunds", Api.bearer(show.controlToken()));
    assertThat(refunds.status()).as(refunds.text()).isEqualTo(200);
    JsonNode rows = refunds.json().get("refunds");
    assertThat(rows).hasSize(3);
    assertThat(rows.get(0).get("viewerId").asText()).isEqualTo("b1");
    assertThat(rows.get(0).get("itemId").asText()).isEqualTo("CHERRY");
    assertThat(rows.get(0).get("qty").asInt()).isEqualTo(5);
    assertThat(rows.get(0).get("amountCents").asLong()).isEqualTo(5 * 49_900L);
    assertThat(rows.get(0).get("dueCents").asLong()).isEqualTo(5 * 39_900L);
    assertThat(rows.get(0).get("refundCents").asLong()).isEqualTo(5 * 10_000L);
    assertThat(rows.get(2).get("refundCents").asLong()).isEqualTo(9 * 5_000L);
    long owed = 11 * 10_000L + 9 * 5_000L;
    assertThat(server.api().get("/api/shows/" + show.id() + "/refunds", Api.viewer("b1")).status()).isEqualTo(403);

    JsonNode mine = server.api().get("/api/shows/" + show.id(), Api.viewer("b1")).json().at("/myOrders/0");
    assertThat(mine.get("dueCents").asLong()).isEqualTo(5 * 39_900L);
    assertThat(mine.get("refundCents").asLong()).isEqualTo(5 * 10_000L);

    JsonNode report = server.api().get("/api/shows/" + show.id() + "/report", Api.bearer(show.controlToken())).json();
    assertThat(report.at("/totals/paidGmvCents").asLong()).isEqualTo(20 * 39_900L);
    assertThat(report.at("/totals/refundCents").asLong()).isEqualTo(owed);
    assertThat(report.at("/items/0/refundCents").asLong()).isEqualTo(owed);

    assertThat(server.api().command(show.controlToken(), show.id(), "show.end", Json.object()).status()).isEqualTo(200);
    JsonNode settled = room.awaitEvent("item.tier_settled");
    assertThat(settled.path("data").path("itemId").asText()).isEqualTo("CHERRY");
    assertThat(settled.path("data").path("priceCents").asLong()).isEqualTo(39_900);
    assertThat(settled.path("data").path("paidUnits").asLong()).isEqualTo(20);
    assertThat(settled.path("data").path("refunds").asInt()).isEqualTo(3);
    assertThat(settled.path("data").path("refundCents").asLong()).isEqualTo(owed);
  }

  private String order(String viewer, int qty) {
    JsonNode result = place(viewer, qty);
    String orderId = result.get("orderId").asText();
    amounts.put(orderId, result.get("amountCents").asLong());
    return orderId;
  }

  private JsonNode place(String viewer, int qty) {
    Api.Response placed = server.api().viewerCommand(viewer, show.id(), "order.place",
        Api.args("itemId", "CHERRY", "qty", qty));
    assertThat(placed.status()).as(placed.text()).isEqualTo(200);
    return placed.json().get("result");
  }

  private static long priceOf(JsonNode result) {
    return result.get("priceCents").asLong();
  }

  private void pay(String orderId) {
    Api.Response paid = PaymentNotices.post(server.api(), SECRET, show.id(),
        PaymentNotices.body(show.id(), orderId, "PAID", "pay-" + orderId, amounts.get(orderId)));
    assertThat(paid.status()).as(paid.text()).isEqualTo(200);
  }
}
