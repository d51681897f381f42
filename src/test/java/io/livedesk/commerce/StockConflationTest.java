package io.livedesk.commerce;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.livedesk.testing.Api;
import io.livedesk.testing.Crowd;
import io.livedesk.testing.ShopSheet;
import io.livedesk.testing.TestServer;
import io.livedesk.testing.WsClient;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class StockConflationTest {

  private static final int ORDERS = 600;
  private static final long STOCK = 10_000;
  /** The replica sends a viewer an item's latest stock at most once per this many milliseconds. */
  private static final long CONFLATION_MILLIS = 100;

  @RegisterExtension
  static final TestServer server = TestServer.forClass();

  @Test
  @DisplayName("in a rush a viewer gets an item's stock conflated, ending on the final value; staff get every order")
  void rushIsConflatedForViewers() throws Exception {
    Api.Show show = ShopSheet.of().item("RUSH", 6_900, STOCK, null).openShow(server.api(), "rush");
    try (WsClient viewer = server.viewer(show, "watcher").welcomed();
         WsClient control = server.control(show).welcomed();
         Crowd crowd = new Crowd(server.baseUrl(), 100)) {
      List<Crowd.Call> orders = new ArrayList<>();
      for (int i = 0; i < ORDERS; i++) {
        orders.add(Crowd.viewerCommand(show.id(), "rusher-" + i, "order.place", Api.args("itemId", "RUSH", "qty", 1)));
      }

      long started = System.nanoTime();
      assertThat(crowd.send(orders)).allMatch(response -> response.status() == 200);
      server.api().command(show.controlToken(), show.id(), "announce.publish", Api.args("text", "rush over"));
      viewer.awaitEvent("announce.published");
      long elapsedMillis = (System.nanoTime() - started) / 1_000_000;

      List<JsonNode> stockFrames = viewer.seen().stream()
          .filter(frame -> "item.stock_changed".equals(frame.path("kind").asText())).toList();
      assertThat(stockFrames).as("stock frames a viewer got for %d orders in %d ms", ORDERS, elapsedMillis)
          .isNotEmpty()
          .hasSizeLessThan(ORDERS)
          .hasSizeLessThanOrEqualTo((int) (elapsedMillis / CONFLATION_MILLIS) + 2);
      JsonNode last = stockFrames.get(stockFrames.size() - 1).get("data");
      assertThat(last.get("stock").asLong()).isEqualTo(STOCK - ORDERS);
      assertThat(last.get("sold").asLong()).isEqualTo(ORDERS);
      assertThat(viewer.seen().toString()).doesNotContain("rusher-");

      int placed = 0;
      while (placed < ORDERS) {
        control.awaitEvent("order.placed");
        placed++;
      }
      assertThat(control.seen()).filteredOn(frame -> "order.placed".equals(frame.path("kind").asText()))
          .hasSize(ORDERS);
    }
  }
}
