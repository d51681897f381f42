package io.livedesk.commerce;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.livedesk.json.Json;
import io.livedesk.testing.Api;
import io.livedesk.testing.ShopSheet;
import io.livedesk.testing.TestServer;
import io.livedesk.testing.WsClient;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** docs/protocol.md §Viewer ticks: a viewer hears of the online count only when it changed, at most every N s. */
class ViewerTicksTest {

  private static final int TICK_SECONDS = 2;

  @RegisterExtension
  final TestServer server = TestServer.forEachTest(
      Json.object().set("fanout", Json.object().put("viewerTickSeconds", TICK_SECONDS)), System::currentTimeMillis);
  private Api.Show show;

  @BeforeEach
  void openShow() {
    show = ShopSheet.of().item("GRAPE", 8_800, 50, 3).openShow(server.api(), "viewer ticks");
  }

  private WsClient connect(String role, String token, String viewerId) throws Exception {
    WsClient client = WsClient.connect(server.wsUrl(show.id()), role, token, viewerId, null);
    client.awaitType("welcome");
    return client;
  }

  private static List<JsonNode> ticks(List<JsonNode> frames) {
    return frames.stream().filter(f -> "tick".equals(f.path("type").asText())).toList();
  }

  private static JsonNode awaitOnline(WsClient client, int online) throws InterruptedException {
    return client.await(f -> "tick".equals(f.path("type").asText())
        && f.path("figures").path("online").asInt() == online, (TICK_SECONDS + 3) * 1000L);
  }

  @Test
  @DisplayName("a quiet room sends viewers no tick while staff keep one a second; a change reaches viewers")
  void viewersHearOnlyOfChange() throws Exception {
    try (WsClient control = connect("control", show.controlToken(), null);
        WsClient first = connect("viewer", null, "first")) {
      awaitOnline(first, 1);
      first.drain();
      control.drain();

      Thread.sleep((TICK_SECONDS + 1) * 1000L);
      assertThat(ticks(first.drain())).as("ticks to a viewer while nothing changed").isEmpty();
      assertThat(ticks(control.drain())).as("ticks to staff").hasSizeGreaterThanOrEqualTo(TICK_SECONDS);

      try (WsClient second = connect("viewer", null, "second")) {
        JsonNode told = awaitOnline(first, 2);
        assertThat(told.path("figures").size()).as("viewers are told the online count only").isEqualTo(1);
      }
    }
  }

  @Test
  @DisplayName("viewers joining one after another are told at most once per viewer tick interval")
  void viewerTicksAreSpaced() throws Exception {
    try (WsClient watcher = connect("viewer", null, "watcher")) {
      awaitOnline(watcher, 1);
      List<WsClient> joining = new ArrayList<>();
      try {
        long until = System.currentTimeMillis() + (TICK_SECONDS * 3 + 1) * 1000L;
        int n = 0;
        while (System.currentTimeMillis() < until) {
          joining.add(connect("viewer", null, "joiner-" + n++));
          Thread.sleep(300);
        }
        List<JsonNode> ticks = ticks(watcher.drain());
        assertThat(ticks).as("the online count changed all along").hasSizeGreaterThanOrEqualTo(2);
        for (int i = 1; i < ticks.size(); i++) {
          long gap = ticks.get(i).path("ts").asLong() - ticks.get(i - 1).path("ts").asLong();
          assertThat(gap).as("gap between viewer ticks %d and %d", i - 1, i).isGreaterThanOrEqualTo(TICK_SECONDS * 1000L);
        }
      } finally {
        joining.forEach(WsClient::close);
      }
    }
  }
}
