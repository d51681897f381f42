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

/** The node's socket meters at /metrics, on a server of their own (the counts are the node's). */
class SocketMetricsTest {

  @RegisterExtension
  static final TestServer server = TestServer.forClass();
  static final Api api = server.api();

  @Test
  @DisplayName("/metrics counts this node's viewer sockets, the frames written and dropped, resyncs and journal fsyncs")
  void socketsFramesAndFsyncs() throws Exception {
    Api.Show show = api.liveSampleShow("metrics of sockets");
    String before = api.get("/metrics", Map.of()).text();
    double viewersBefore = value(before, "livedesk_viewers_connected");
    double writtenBefore = value(before, "livedesk_frames_written_total");
    double fsyncsBefore = value(before, "livedesk_journal_fsync_seconds_count");
    try (WsClient first = server.viewer(show, "m-1").welcomed(); WsClient second = server.viewer(show, "m-2").welcomed()) {
      api.command(show.controlToken(), show.id(), "item.list", args("itemId", "JJ-CHERRY-10"));
      first.awaitEvent("item.listed");
      second.awaitEvent("item.listed");

      String during = api.get("/metrics", Map.of()).text();

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
    while (value(api.get("/metrics", Map.of()).text(), "livedesk_viewers_connected") != viewersBefore
        && System.currentTimeMillis() < until) {
      Thread.sleep(50);
    }
    assertThat(value(api.get("/metrics", Map.of()).text(), "livedesk_viewers_connected")).isEqualTo(viewersBefore);
  }

  /** The value of an untagged sample in Prometheus text; 0 when absent. */
  private static double value(String text, String name) {
    java.util.regex.Matcher sample = java.util.regex.Pattern.compile("(?m)^" + name + " (\\S+)$").matcher(text);
    return sample.find() ? Double.parseDouble(sample.group(1)) : 0;
  }
}
