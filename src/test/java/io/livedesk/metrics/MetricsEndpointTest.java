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

/** The node's meters at /metrics, each test on a server of its own (the counts are the node's). */
class MetricsEndpointTest {

  @RegisterExtension
  final TestServer server = TestServer.forEachTest();

  @Test
  @DisplayName("/metrics serves HTTP, WebSocket, event-loop and show meters in Prometheus text format")
  void prometheusText() throws Exception {
    Api.Show show = server.api().liveSampleShow("metrics");
    server.api().command(show.controlToken(), show.id(), "item.set_price", args("itemId", "SHINE-MUSCAT-2", "priceCents", 100));
    try (WsClient prompter = server.prompter(show).welcomed()) {
      Thread.sleep(600);

      String text = metrics();

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

  @Test
  @DisplayName("/metrics counts this node's viewer sockets, the frames written and dropped, resyncs and journal fsyncs")
  void socketsFramesAndFsyncs() throws Exception {
    Api.Show show = server.api().liveSampleShow("metrics of sockets");
    String before = metrics();
    double viewersBefore = value(before, "livedesk_viewers_connected");
    double writtenBefore = value(before, "livedesk_frames_written_total");
    double fsyncsBefore = value(before, "livedesk_journal_fsync_seconds_count");
    try (WsClient first = server.viewer(show, "m-1").welcomed(); WsClient second = server.viewer(show, "m-2").welcomed()) {
      server.api().command(show.controlToken(), show.id(), "item.list", args("itemId", "JJ-CHERRY-10"));
      first.awaitEvent("item.listed");
      second.awaitEvent("item.listed");

      String during = metrics();

      assertThat(value(during, "livedesk_viewers_connected")).isEqualTo(viewersBefore + 2);
      // each viewer's welcome and the listing, at least
      assertThat(value(during, "livedesk_frames_written_total")).isGreaterThanOrEqualTo(writtenBefore + 4);
      assertThat(value(during, "livedesk_journal_fsync_seconds_count")).as("the viewers' joins and the listing")
          .isGreaterThan(fsyncsBefore);
      assertThat(during).contains("livedesk_journal_fsync_seconds_bucket");
      assertThat(during).contains("livedesk_frames_dropped_total{reason=\"conflated\"}");
      assertThat(during).contains("livedesk_frames_dropped_total{reason=\"socket_behind\"}");
      assertThat(during).contains("livedesk_sockets_resynced_total 0.0");
    }
    long until = System.currentTimeMillis() + 5000;
    while (value(metrics(), "livedesk_viewers_connected") != viewersBefore
        && System.currentTimeMillis() < until) {
      Thread.sleep(50);
    }
    assertThat(value(metrics(), "livedesk_viewers_connected")).isEqualTo(viewersBefore);
  }

  /** The node's meters now, in Prometheus text. */
  private String metrics() {
    Api.Response metrics = server.api().get("/metrics", Map.of());
    assertThat(metrics.status()).isEqualTo(200);
    return metrics.text();
  }

  /** The value of an untagged sample in Prometheus text; 0 when absent. */
  private static double value(String text, String name) {
    java.util.regex.Matcher sample = java.util.regex.Pattern.compile("(?m)^" + name + " (\\S+)$").matcher(text);
    return sample.find() ? Double.parseDouble(sample.group(1)) : 0;
  }
}
