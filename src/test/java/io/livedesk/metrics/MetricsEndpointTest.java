package io.livedesk.metrics;

import static io.livedesk.testing.Api.args;
import static org.assertj.core.api.Assertions.assertThat;

import io.livedesk.testing.Api;
import io.livedesk.testing.TestServer;
import io.livedesk.testing.WsClient;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class MetricsEndpointTest {

  @RegisterExtension
  static final TestServer server = TestServer.forClass();
  static final Api api = server.api();

  @Test
  @DisplayName("/metrics serves HTTP, WebSocket, event-loop and show meters in Prometheus text format")
  void prometheusText() throws Exception {
    Api.Show show = api.liveSampleShow("metrics");
    api.command(show.controlToken(), show.id(), "item.set_price", args("itemId", "SHINE-MUSCAT-2", "priceCents", 100));
    try (WsClient prompter = server.prompter(show).welcomed()) {
      Thread.sleep(600);

      Api.Response metrics = api.get("/metrics", Map.of());

      assertThat(metrics.status()).isEqualTo(200);
      String text = metrics.text();
      assertThat(text).contains("vertx_http_server_requests_total");
      assertThat(text).containsPattern("vertx_http_server_active_ws_connections\\S* 1.0");
      assertThat(text).contains("livedesk_event_loop_delay_seconds_count");
      assertThat(text).contains("livedesk_commands_total{command=\"show.start\",outcome=\"ok\"} 1.0");
      assertThat(text).contains("livedesk_commands_total{command=\"item.set_price\",outcome=\"PRICE_GUARD\"} 1.0");
      assertThat(text).containsPattern("livedesk_events_appended_total \\d");
      assertThat(text).contains("livedesk_append_batch_size_count");
      assertThat(text).contains("livedesk_append_latency_seconds_count");
    }
  }
}
