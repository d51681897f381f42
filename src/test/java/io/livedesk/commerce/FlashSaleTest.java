package io.livedesk.commerce;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.livedesk.json.Json;
import io.livedesk.testing.Api;
import io.livedesk.testing.ControlRoom;
import io.livedesk.testing.Crowd;
import io.livedesk.testing.ShopSheet;
import io.livedesk.testing.TestServer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntFunction;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class FlashSaleTest {

  /** One viewer's burst of parallel orders must reach the limit rule, not the rate limit. */
  @RegisterExtension
  static final TestServer server = TestServer.forClass(Json.object().set("viewers",
      Json.object().put("commandsPerSecond", 1000).put("commandBurst", 1000)), System::currentTimeMillis);

  @Test
  @DisplayName("2,000 viewers racing over HTTP for 100 units: exactly 100 orders, the rest SOLD_OUT, after a restart too")
  void neverOversells() throws Exception {
    Api.Show show = ShopSheet.of().item("FLASH", 9_900, 100, 1).openShow(server.api(), "flash sale");

    List<Api.Response> responses = orderAtOnce(show, "FLASH", 2_000, i -> "buyer-" + i);

    Set<String> orderIds = new HashSet<>();
    int soldOut = 0;
    for (Api.Response response : responses) {
      if (response.status() == 200) {
        orderIds.add(response.json().path("result").path("orderId").asText());
      } else {
        assertThat(response.status()).as(response.text()).isEqualTo(409);
        assertThat(response.errorCode()).isEqualTo("SOLD_OUT");
        soldOut++;
      }
    }
    assertThat(orderIds).hasSize(100);
    assertThat(soldOut).isEqualTo(1_900);
    assertSoldOutAt100(show);

    server.restart();

    assertSoldOutAt100(show);
    Api.Response late = server.api().viewerCommand("late-buyer", show.id(), "order.place",
        Api.args("itemId", "FLASH", "qty", 1));
    assertThat(late.errorCode()).isEqualTo("SOLD_OUT");
  }

  /** {@code count} orders of one unit of the item sent at once, the i-th by the viewer {@code buyer} names. */
  private static List<Api.Response> orderAtOnce(Api.Show show, String itemId, int count, IntFunction<String> buyer)
      throws Exception {
    List<Crowd.Call> calls = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      calls.add(Crowd.viewerCommand(show.id(), buyer.apply(i), "order.place", Api.args("itemId", itemId, "qty", 1)));
    }
    try (Crowd crowd = new Crowd(server.baseUrl(), count)) {
      return crowd.send(calls);
    }
  }

  private static void assertSoldOutAt100(Api.Show show) {
    ControlRoom room = new ControlRoom(server, show);
    JsonNode item = room.item("FLASH");
    assertThat(item.get("stock").asLong()).isZero();
    assertThat(item.get("sold").asLong()).isEqualTo(100);
    assertThat(item.get("stock").asLong() + item.get("sold").asLong()).isEqualTo(100);
    assertThat(item.get("status").asText()).isEqualTo("sold_out");
    List<String> kinds = room.kinds();
    assertThat(kinds).filteredOn("order.placed"::equals).hasSize(100);
    assertThat(kinds).filteredOn("item.sold_out"::equals).hasSize(1);
  }

  @Test
  @DisplayName("one viewer sending 50 orders at once gets exactly the per-viewer limit of 2")
  void limitUnderParallelRequests() throws Exception {
    Api.Show show = ShopSheet.of().item("LIMITED", 19_900, 100, 2).openShow(server.api(), "limit race");

    List<Api.Response> responses = orderAtOnce(show, "LIMITED", 50, i -> "greedy");

    assertThat(responses).filteredOn(r -> r.status() == 200).hasSize(2);
    assertThat(responses).filteredOn(r -> "LIMIT_EXCEEDED".equals(r.errorCode())).hasSize(48);
    JsonNode item = new ControlRoom(server, show).item("LIMITED");
    assertThat(item.get("stock").asLong()).isEqualTo(98);
    assertThat(item.get("sold").asLong()).isEqualTo(2);
  }
}
