package io.livedesk.commerce;

import static io.livedesk.testing.Api.args;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.livedesk.testing.Api;
import io.livedesk.testing.TestServer;
import io.livedesk.testing.WsClient;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ViewerOwnOrdersTest {

  @RegisterExtension
  static final TestServer server = TestServer.forClass();
  static final Api api = server.api();

  @Test
  @DisplayName("a viewer's snapshot carries that viewer's own orders and their states, and nobody else's")
  void snapshotCarriesOwnOrders() throws Exception {
    Api.Show show = api.liveSampleShow("own orders");
    api.command(show.controlToken(), show.id(), "item.list", args("itemId", "BANANA-5"));
    String first = api.viewerCommand("amy", show.id(), "order.place", args("itemId", "BANANA-5", "qty", 2))
        .json().path("result").path("orderId").asText();
    String second = api.viewerCommand("amy", show.id(), "order.place", args("itemId", "BANANA-5", "qty", 1))
        .json().path("result").path("orderId").asText();
    api.viewerCommand("amy", show.id(), "order.cancel", args("orderId", second));
    api.viewerCommand("bob", show.id(), "order.place", args("itemId", "BANANA-5", "qty", 1));

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
    JsonNode staff = api.get("/api/shows/" + show.id(), Api.bearer(show.controlToken())).json();
    assertThat(staff.has("myOrders")).isFalse();
  }
}
