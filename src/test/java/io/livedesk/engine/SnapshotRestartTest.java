package io.livedesk.engine;

import static io.livedesk.testing.Api.args;
import static io.livedesk.testing.Api.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.livedesk.testing.Api;
import io.livedesk.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("a restart from a snapshot, and from one it cannot trust")
class SnapshotRestartTest {

  private static final String ITEM = "JJ-CHERRY-10";
  /** A clock that stands still, so what is read before and after a restart can be compared whole. */
  private static final long NOW = 1_790_000_000_000L;

  @RegisterExtension
  final TestServer server = TestServer.forEachTest(
      TestServer.config(c -> c.putObject("snapshots").put("everyEvents", 10)), () -> NOW);
  final Api api = server.api();

  /** A show with a bit of everything a report counts: joins, clicks, orders, a payment-free cancel. */
  private Api.Show busyShow() {
    Api.Show show = api.liveSampleShow("snapshots");
    api.command(show.controlToken(), show.id(), "item.list", args("itemId", ITEM));
    for (int i = 0; i < 12; i++) {
      String viewer = "v" + i;
      api.viewerCommand(viewer, show.id(), "viewer.click", args("itemId", ITEM));
      Api.Response placed = api.viewerCommand(viewer, show.id(), "order.place", args("itemId", ITEM, "qty", 1));
      assertThat(placed.status()).as(placed.text()).isEqualTo(200);
      if (i % 3 == 0) {
        api.viewerCommand(viewer, show.id(), "order.cancel",
            args("orderId", placed.json().get("result").get("orderId").asText()));
      }
    }
    return show;
  }

  private JsonNode staffView(Api.Show show) {
    return staffView(api, show);
  }

  private JsonNode report(Api.Show show) {
    return report(api, show);
  }

  /** The staff snapshot of the show without its server time, to compare before and after a restart. */
  static JsonNode staffView(Api api, Api.Show show) {
    ObjectNode snapshot = (ObjectNode) api.get("/api/shows/" + show.id(), bearer(show.controlToken())).json();
    snapshot.remove("serverTime");
    return snapshot;
  }

  static JsonNode report(Api api, Api.Show show) {
    return api.get("/api/shows/" + show.id() + "/report", bearer(show.controlToken())).json();
  }

  private Path snapshotFile(Api.Show show) {
    return server.dataDir().resolve("shows").resolve(show.id()).resolve(show.id() + ".snapshot");
  }

  @Test
  @DisplayName("the state and report after a restart from the snapshot are those before it")
  void restartFromSnapshot() throws Exception {
    Api.Show show = busyShow();
    JsonNode before = staffView(show);
    JsonNode reportBefore = report(show);
    long written = awaitSnapshot(show);

    server.restart();

    assertThat(written).as("written off the loop every 10 events")
        .isPositive().isLessThanOrEqualTo(before.get("seq").asLong());
    assertThat(Snapshots.seqOf(Files.readAllBytes(snapshotFile(show)))).as("and at the stop")
        .isEqualTo(before.get("seq").asLong());
    assertThat(staffView(show)).isEqualTo(before);
    assertThat(report(show)).isEqualTo(reportBefore);
    Api.Response next = api.viewerCommand("v-late", show.id(), "order.place", args("itemId", ITEM, "qty", 1));
    assertThat(next.status()).as(next.text()).isEqualTo(200);
  }

  /** The seq of the show's snapshot once one is written, by a job off the show's loop. */
  private long awaitSnapshot(Api.Show show) throws Exception {
    long deadline = System.currentTimeMillis() + 20_000;
    while (!Files.exists(snapshotFile(show)) && System.currentTimeMillis() < deadline) {
      Thread.sleep(50);
    }
    assertThat(snapshotFile(show)).as("written every 10 events").exists();
    return Snapshots.seqOf(Files.readAllBytes(snapshotFile(show)));
  }

  @Test
  @DisplayName("a damaged or truncated snapshot is passed over for the whole history")
  void damagedSnapshot() throws Exception {
    Api.Show show = busyShow();
    awaitSnapshot(show);
    JsonNode before = staffView(show);
    JsonNode reportBefore = report(show);

    server.restart(dir -> {
      Path file = snapshotFile(show);
      byte[] bytes = Files.readAllBytes(file);
      bytes[bytes.length / 2] ^= 0x01;
      Files.write(file, bytes);
    });
    assertThat(staffView(show)).isEqualTo(before);
    assertThat(report(show)).isEqualTo(reportBefore);

    server.restart(dir -> {
      Path file = snapshotFile(show);
      byte[] bytes = Files.readAllBytes(file);
      Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length / 3));
    });
    assertThat(staffView(show)).isEqualTo(before);
    assertThat(report(show)).isEqualTo(reportBefore);
  }
}
