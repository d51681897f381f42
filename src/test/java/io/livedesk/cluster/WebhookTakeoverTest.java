package io.livedesk.cluster;

import static io.livedesk.testing.WebhookReceiver.within;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.livedesk.testing.Api;
import io.livedesk.testing.ClusterNamespace;
import io.livedesk.testing.NodeProcess;
import io.livedesk.testing.ShopSheet;
import io.livedesk.testing.TestServer;
import io.livedesk.testing.WebhookReceiver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("webhooks in a cluster: the writer delivers, and the node taking a show over resumes from the cursor")
class WebhookTakeoverTest {

  static final long LEASE_MILLIS = 2000;

  @RegisterExtension
  static final ClusterNamespace names = new ClusterNamespace();

  private static ObjectNode config() {
    ObjectNode config = NodeProcess.clusterConfig(names.schema(), names.prefix(), LEASE_MILLIS);
    config.putObject("webhooks").put("timeoutSeconds", 2).put("backoffBaseMillis", 50).put("backoffMaxSeconds", 1);
    return config;
  }

  /** Orders through {@code api}; those answered UNAVAILABLE while the show changes hands are tried again. */
  private static List<Long> placeOrders(Api api, Api.Show show, String prefix, int count) throws InterruptedException {
    List<Long> seqs = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      for (int attempt = 0; ; attempt++) {
        Api.Response placed = api.viewerCommand(prefix + i, show.id(), "order.place",
            Api.args("itemId", "GRAPE", "qty", 1));
        if (placed.status() == 200) {
          seqs.add(placed.json().get("seq").asLong());
          break;
        }
        assertThat(attempt).as(placed.text()).isLessThan(40);
        Thread.sleep(250);
      }
    }
    return seqs;
  }

  @Test
  @DisplayName("kill -9 of the node delivering a show: the other node takes it over and every order arrives, in order")
  void takeover() throws Exception {
    try (WebhookReceiver receiver = new WebhookReceiver();
         NodeProcess a = NodeProcess.start("node-a", config());
         NodeProcess b = NodeProcess.start("node-b", config())) {
      receiver.answer(200, 100);
      Api.Response created = a.api().post("/api/webhooks", Api.bearer(TestServer.ADMIN_TOKEN),
          Api.args("url", receiver.url(), "kinds", List.of("order.placed")));
      assertThat(created.status()).as(created.text()).isEqualTo(200);
      assertThat(within(Duration.ofSeconds(5), () -> b.api().get("/api/webhooks", Api.bearer(TestServer.ADMIN_TOKEN))
          .json().get("webhooks").size() == 1)).as("node B learns of the webhook created on A").isTrue();
      Api.Show show = ShopSheet.of().item("GRAPE", 8_800, 10_000, null).openShow(a.api(), "takeover");
      List<Long> orders = new ArrayList<>(placeOrders(a.api(), show, "a", 30));
      assertThat(within(Duration.ofSeconds(10), () -> !receiver.events().isEmpty())).isTrue();
      a.kill();

      orders.addAll(placeOrders(b.api(), show, "b", 10));
      assertThat(within(Duration.ofSeconds(30), () -> receiver.events().size() == orders.size()))
          .as("delivered %s of %s", receiver.events().size(), orders.size()).isTrue();
      assertThat(receiver.events().stream().map(e -> e.get("seq").asLong()).toList()).isEqualTo(orders);
    }
  }
}
