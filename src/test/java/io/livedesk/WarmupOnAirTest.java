package io.livedesk;

import static org.assertj.core.api.Assertions.assertThat;

import io.livedesk.testing.Api;
import io.livedesk.testing.ServerProcess;
import io.livedesk.testing.TestServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A restart in the middle of a show runs no practice sale: the show's own orders warm the code. */
class WarmupOnAirTest {

  @TempDir
  Path dir;

  @Test
  @DisplayName("after a restart with a show on air, the practice is skipped and says which show")
  void skippedWhileAShowIsLive() throws Exception {
    Path data = dir.resolve("data");
    String showId;
    try (ServerProcess first = ServerProcess.start(data)) {
      Api.Show show = first.api().liveSampleShow("on air through a restart");
      showId = show.id();
    }

    try (ServerProcess again = ServerProcess.start(data, Map.of("LIVEDESK_ADMIN_TOKEN", TestServer.ADMIN_TOKEN,
        "LIVEDESK_WARMUP_ROUNDS", "1"))) {
      assertThat(again.awaitLine("livedesk warm", Duration.ofSeconds(60)))
          .startsWith("livedesk warm-up skipped: show " + showId + " is live");
    }
  }

  @Test
  @DisplayName("with no show on air, the practice runs after the start")
  void runsWithNoShowOnAir() throws Exception {
    try (ServerProcess server = ServerProcess.start(dir.resolve("data"), Map.of("LIVEDESK_ADMIN_TOKEN",
        TestServer.ADMIN_TOKEN, "LIVEDESK_WARMUP_ROUNDS", "1"))) {
      assertThat(server.awaitLine("livedesk warm", Duration.ofSeconds(120))).startsWith("livedesk warmed up: ");
    }
  }
}
