package io.livedesk.webhooks;

import static io.livedesk.testing.WebhookReceiver.within;
import static org.assertj.core.api.Assertions.assertThat;

import io.livedesk.json.Json;
import io.livedesk.testing.Api;
import io.livedesk.testing.ServerProcess;
import io.livedesk.testing.ShopSheet;
import io.livedesk.testing.TestServer;
import io.livedesk.testing.WebhookReceiver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("webhooks survive kill -9: delivery resumes from the stored cursor and nothing is lost")
class WebhookCrashTest {

  @TempDir
  Path workDir;

  private ServerProcess start(Path dataDir, Path config) throws Exception {
    return ServerProcess.launch(ServerProcess.livedesk(List.of("-Xmx256m"), List.of("--config", config.toString())),
        Map.of("LIVEDESK_PORT", "0", "LIVEDESK_HOST", "127.0.0.1", "LIVEDESK_DATA_DIR", dataDir.toString(),
            "LIVEDESK_ADMIN_TOKEN", TestServer.ADMIN_TOKEN),
        workDir.resolve("logs"), Duration.ofSeconds(60));
  }

  /** {@code count} orders by viewers numbered from {@code first}. */
  private static List<Long> placeOrders(Api api, Api.Show show, int first, int count) {
    List<Long> seqs = new ArrayList<>();
    for (int i = first; i < first + count; i++) {
      Api.Response placed = api.viewerCommand("v" + i, show.id(), "order.place", Api.args("itemId", "GRAPE", "qty", 1));
      assertThat(placed.status()).as(placed.text()).isEqualTo(200);
      seqs.add(placed.json().get("seq").asLong());
    }
    return seqs;
  }

  @Test
  @DisplayName("killed in the middle of deliveries, the server delivers every order once it is back, in order")
  void killMidDelivery() throws Exception {
    Path dataDir = Files.createDirectories(workDir.resolve("data"));
    Path config = workDir.resolve("config.json");
    // short timeouts so the test does not wait on defaults meant for a shop
    Files.write(config, Json.bytes(TestServer.config(c -> c.putObject("webhooks").put("timeoutSeconds", 10)
        .put("backoffBaseMillis", 50).put("backoffMaxSeconds", 1))));
    try (WebhookReceiver receiver = new WebhookReceiver()) {
      // a receiver that takes 5 s to acknowledge: orders placed after its first acknowledgement cannot all be
      // acknowledged before the kill that follows them, however fast or slow the machine places them
      receiver.answer(200, 5_000);
      List<Long> orders = new ArrayList<>();
      Api.Show show;
      try (ServerProcess server = start(dataDir, config)) {
        Api.Response created = server.api().post("/api/webhooks", Api.bearer(TestServer.ADMIN_TOKEN),
            Api.args("url", receiver.url(), "kinds", List.of("order.placed")));
        assertThat(created.status()).as(created.text()).isEqualTo(200);
        show = ShopSheet.of().item("GRAPE", 8_800, 10_000, null).openShow(server.api(), "crash");
        orders.addAll(placeOrders(server.api(), show, 0, 20));
        assertThat(within(Duration.ofSeconds(20), () -> !receiver.events().isEmpty())).isTrue();
        orders.addAll(placeOrders(server.api(), show, 20, 20));
        server.kill();
      }
      assertThat(receiver.events().size()).as("killed before everything was delivered").isLessThan(40);
      try (ServerProcess server = start(dataDir, config)) {
        orders.addAll(placeOrders(server.api(), show, 40, 5));
        assertThat(within(Duration.ofSeconds(30), () -> receiver.events().size() == 45)).isTrue();
        assertThat(receiver.events().stream().map(e -> e.get("seq").asLong()).toList()).isEqualTo(orders);
      }
    }
  }
}
