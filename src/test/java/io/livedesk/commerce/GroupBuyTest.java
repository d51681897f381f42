package io.livedesk.commerce;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.livedesk.testing.Api;
import io.livedesk.testing.ControlRoom;
import io.livedesk.testing.ShopSheet;
import io.livedesk.testing.TestServer;
import io.livedesk.testing.WsClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class GroupBuyTest {

  static TestServer server;
  private Api.Show show;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start();
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  @Test
  @DisplayName("orders on both sides of two tiers: prices of their moment, each tier announced, all settled at the last")
  void settlesAtFinalTier() throws Exception {
    show = ShopSheet.of().item("CHERRY", 49_900, 1_000, null).tiers(10, 44_900, 20, 39_900)
        .openShow(server.api(), "group buy");
    ControlRoom room = new ControlRoom(server, show);
    try (WsClient viewer = WsClient.connect(server.wsUrl(show.id()), "viewer", null, "watcher", null)) {
      JsonNode welcome = viewer.awaitType("welcome");
      JsonNode tier = itemOf(welcome.get("snapshot"), "CHERRY").get("tier");
      assertThat(tier.get("reached").asInt()).isEqualTo(-1);
      assertThat(tier.get("nextMinUnits").asLong()).isEqualTo(10);
      assertThat(tier.get("nextPriceCents").asLong()).isEqualTo(44_900);

      assertThat(order("b1", 5)).isEqualTo(49_900);
      assertThat(order("b2", 4)).isEqualTo(49_900);
      assertThat(order("b3", 2)).isEqualTo(49_900);
      JsonNode first = viewer.awaitEvent("item.tier_reached");
      assertThat(first.path("data").path("minUnits").asLong()).isEqualTo(10);
      assertThat(first.path("data").path("priceCents").asLong()).isEqualTo(44_900);

      JsonNode between = room.item("CHERRY");
      assertThat(between.get("sold").asLong()).isEqualTo(11);
      assertThat(between.get("priceCents").asLong()).isEqualTo(44_900);
      assertThat(between.get("tier").get("reached").asInt()).isZero();
      assertThat(between.get("tier").get("nextMinUnits").asLong()).isEqualTo(20);
      assertThat(between.get("tier").get("unitsToNext").asLong()).isEqualTo(9);

      assertThat(order("b4", 3)).isEqualTo(44_900);
      assertThat(order("b5", 6)).isEqualTo(44_900);
      assertThat(order("b6", 1)).isEqualTo(39_900);
      JsonNode second = viewer.awaitEvent("item.tier_reached");
      assertThat(second.path("data").path("tier").asInt()).isEqualTo(1);
    }

    JsonNode snapshot = room.snapshot();
    JsonNode cherry = itemOf(snapshot, "CHERRY");
    assertThat(cherry.get("sold").asLong()).isEqualTo(21);
    assertThat(cherry.get("priceCents").asLong()).isEqualTo(39_900);
    assertThat(cherry.get("tier").get("reached").asInt()).isEqualTo(1);
    assertThat(cherry.get("tier").get("priceCents").asLong()).isEqualTo(39_900);
    assertThat(cherry.get("tier").has("nextMinUnits")).isFalse();
    assertThat(snapshot.get("figures").get("units").asLong()).isEqualTo(21);
    assertThat(snapshot.get("figures").get("gmvCents").asLong()).isEqualTo(21 * 39_900L);
    assertThat(room.kinds()).filteredOn("item.tier_reached"::equals).hasSize(2);
  }

  private long order(String viewer, int qty) {
    Api.Response placed = server.api().viewerCommand(viewer, show.id(), "order.place",
        Api.args("itemId", "CHERRY", "qty", qty));
    assertThat(placed.status()).as(placed.text()).isEqualTo(200);
    assertThat(placed.json().path("result").path("amountCents").asLong())
        .isEqualTo(placed.json().path("result").path("priceCents").asLong() * qty);
    return placed.json().path("result").path("priceCents").asLong();
  }

  private static JsonNode itemOf(JsonNode snapshot, String itemId) {
    for (JsonNode item : snapshot.get("items")) {
      if (item.get("id").asText().equals(itemId)) {
        return item;
      }
    }
    throw new AssertionError("no item " + itemId);
  }
}
