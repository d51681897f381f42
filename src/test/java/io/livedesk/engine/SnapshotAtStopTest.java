package io.livedesk.engine;

import static io.livedesk.testing.Api.args;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.livedesk.testing.Api;
import io.livedesk.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("a clean stop writes each show's last snapshot")
class SnapshotAtStopTest {

  private static final String ITEM = "JJ-CHERRY-10";
  private static final long NOW = 1_790_000_000_000L;

  /** Far more events than the test makes: only the stop can write a snapshot. */
  @RegisterExtension
  final TestServer server = TestServer.forEachTest(
      TestServer.config(c -> c.putObject("snapshots").put("everyEvents", 100_000)), () -> NOW);
  final Api api = server.api();

  @Test
  @DisplayName("after a drain, at the show's last seq, and the show comes back from it the same")
  void snapshotAtStop() throws Exception {
    Api.Show show = api.liveSampleShow("stop");
    api.command(show.controlToken(), show.id(), "item.list", args("itemId", ITEM));
    for (int i = 0; i < 5; i++) {
      Api.Response placed = api.viewerCommand("v" + i, show.id(), "order.place", args("itemId", ITEM, "qty", 1));
      assertThat(placed.status()).as(placed.text()).isEqualTo(200);
    }
    JsonNode before = SnapshotRestartTest.staffView(api, show);
    JsonNode reportBefore = SnapshotRestartTest.report(api, show);
    Path file = server.dataDir().resolve("shows").resolve(show.id()).resolve(show.id() + ".snapshot");
    assertThat(file).as("none before the stop").doesNotExist();

    server.restart();

    assertThat(Snapshots.seqOf(Files.readAllBytes(file))).isEqualTo(before.get("seq").asLong());
    assertThat(SnapshotRestartTest.staffView(api, show)).isEqualTo(before);
    assertThat(SnapshotRestartTest.report(api, show)).isEqualTo(reportBefore);
    Api.Response next = api.viewerCommand("v-late", show.id(), "order.place", args("itemId", ITEM, "qty", 1));
    assertThat(next.status()).as(next.text()).isEqualTo(200);
  }
}
