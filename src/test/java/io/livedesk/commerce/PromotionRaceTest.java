package io.livedesk.commerce;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.livedesk.json.Json;
import io.livedesk.testing.Api;
import io.livedesk.testing.ControlRoom;
import io.livedesk.testing.ShopSheet;
import io.livedesk.testing.TestServer;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Flash sales and coupon claims raced by viewers over real WebSockets (docs/protocol.md §Promotions). */
class PromotionRaceTest {

  private static final int BUYERS = 2_000;
  private static final int UNITS = 100;
  private static final int ITEM_STOCK = 1_000;
  private static final long FLASH_PRICE = 4_900;
  private static final Duration PATIENCE = Duration.ofSeconds(60);

  @RegisterExtension
  static final TestServer server = TestServer.forClass();

  @Test
  @DisplayName("2,000 viewer sockets race for 100 flash units and for 100 coupons: exactly 100 each, the rest refused")
  void racesOverWebSocketAreExact() throws Exception {
    Api.Show show = ShopSheet.of().item("MANGO", 9_900, ITEM_STOCK, null).item("PEACH", 9_900, UNITS, null)
        .openShow(server.api(), "flash race");
    ControlRoom room = new ControlRoom(server, show);
    try (ViewerFleet fleet = new ViewerFleet(server.port(), "/ws/shows/" + show.id())) {
      fleet.connect(IntStream.range(0, BUYERS).mapToObj(i -> "racer-" + i).toList(), 200);
      assertThat(room.snapshot().get("figures").get("online").asInt()).isEqualTo(BUYERS);

      // the sale holds 100 of the item's 1,000: buyers who saw the flash price and lost are told the price
      // now (CONFLICT), never sold a unit at the usual price
      String saleOfPart = schedule(show, "MANGO", UNITS);
      List<JsonNode> orders = fleet.commandEach("order.place",
          Api.args("itemId", "MANGO", "qty", 1, "expectPriceCents", FLASH_PRICE), PATIENCE);
      assertThat(outcomes(orders)).isEqualTo(Map.of("OK", UNITS, "CONFLICT", BUYERS - UNITS));
      assertAccepted(orders, saleOfPart);
      assertThat(orders).filteredOn(order -> !order.path("ok").asBoolean())
          .allMatch(order -> "9900".equals(order.path("error").path("details").path(0).path("message").asText()));
      assertSold(room, "MANGO", saleOfPart, ITEM_STOCK - UNITS);

      // a sale of every unit of the item: whoever comes after the last one finds it SOLD_OUT
      String saleOfAll = schedule(show, "PEACH", null);
      orders = fleet.commandEach("order.place", Api.args("itemId", "PEACH", "qty", 1), PATIENCE);
      assertThat(outcomes(orders)).isEqualTo(Map.of("OK", UNITS, "SOLD_OUT", BUYERS - UNITS));
      assertAccepted(orders, saleOfAll);
      assertSold(room, "PEACH", saleOfAll, 0);

      control(show, "coupon.create", Api.args("couponId", "RACE-10", "name", "直播间立减10元",
          "amountOffCents", 1_000, "total", UNITS, "confirm", true));
      control(show, "coupon.issue", Api.args("couponId", "RACE-10"));
      List<JsonNode> claims = fleet.commandEach("coupon.claim", Api.args("couponId", "RACE-10"), PATIENCE);
      assertThat(outcomes(claims)).isEqualTo(Map.of("OK", UNITS, "SOLD_OUT", BUYERS - UNITS));
      JsonNode coupon = only(room.snapshot().get("coupons"), "couponId", "RACE-10");
      assertThat(coupon.get("claimed").asLong()).isEqualTo(UNITS);
      assertThat(room.kinds()).filteredOn("coupon.claimed"::equals).hasSize(UNITS);
    }
  }

  /** A flash sale on the item starting now, of {@code stock} units (null: every unit); its id. */
  private static String schedule(Api.Show show, String itemId, Integer stock) {
    ObjectNode args = Api.args("itemId", itemId, "priceCents", FLASH_PRICE, "startInSeconds", 0,
        "durationSeconds", 600, "confirm", true);
    if (stock != null) {
      args.put("stock", stock);
    }
    return control(show, "flash.schedule", args).path("flashId").asText();
  }

  /** The accepted orders are 100 different orders, all at the flash price in that sale. */
  private static void assertAccepted(List<JsonNode> orders, String flashId) {
    Set<String> orderIds = new HashSet<>();
    for (JsonNode order : orders) {
      if (order.path("ok").asBoolean()) {
        assertThat(order.path("result").path("priceCents").asLong()).isEqualTo(FLASH_PRICE);
        assertThat(order.path("result").path("flashId").asText()).isEqualTo(flashId);
        orderIds.add(order.path("result").path("orderId").asText());
      }
    }
    assertThat(orderIds).hasSize(UNITS);
  }

  /** The staff snapshot: 100 sold of the item and in the sale, which ended sold out; the history agrees. */
  private static void assertSold(ControlRoom room, String itemId, String flashId, long stockLeft) {
    JsonNode item = room.item(itemId);
    assertThat(item.get("sold").asLong()).isEqualTo(UNITS);
    assertThat(item.get("stock").asLong()).isEqualTo(stockLeft);
    assertThat(item.get("priceCents").asLong()).as("the price is back").isEqualTo(9_900);
    JsonNode flash = only(room.snapshot().get("flashes"), "flashId", flashId);
    assertThat(flash.get("sold").asLong()).isEqualTo(UNITS);
    assertThat(flash.get("status").asText()).isEqualTo("ended");
    assertThat(flash.get("reason").asText()).isEqualTo("sold_out");
    assertThat(room.history()).filteredOn(event -> "order.placed".equals(event.get("kind").asText())
        && itemId.equals(event.path("data").path("itemId").asText())).hasSize(UNITS);
  }

  private static JsonNode control(Api.Show show, String cmd, ObjectNode args) {
    Api.Response response = server.api().command(show.controlToken(), show.id(), cmd, args);
    assertThat(response.status()).as(cmd + ": " + response.text()).isEqualTo(200);
    return response.json().path("result");
  }

  /** Replies counted by outcome: OK, or the error's code. */
  private static Map<String, Integer> outcomes(List<JsonNode> replies) {
    Map<String, Integer> byOutcome = new TreeMap<>();
    for (JsonNode reply : replies) {
      byOutcome.merge(reply.path("ok").asBoolean() ? "OK" : reply.path("error").path("code").asText(), 1, Integer::sum);
    }
    return byOutcome;
  }

  private static JsonNode only(JsonNode list, String field, String id) {
    for (JsonNode node : list) {
      if (id.equals(node.path(field).asText())) {
        return node;
      }
    }
    throw new AssertionError("no " + id + " in " + Json.text(list));
  }
}
