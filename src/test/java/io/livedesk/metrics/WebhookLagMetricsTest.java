package io.livedesk.metrics;

import static io.livedesk.testing.WebhookReceiver.within;
import static org.assertj.core.api.Assertions.assertThat;

import io.livedesk.testing.Api;
import io.livedesk.testing.ShopSheet;
import io.livedesk.testing.TestServer;
import io.livedesk.testing.WebhookReceiver;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code livedesk_webhook_lag_seconds} against a real receiver that fails, then takes the events. */
class WebhookLagMetricsTest {

  /** The server's clock, moved by the test: the lag is measured on it. */
  private final AtomicLong clock = new AtomicLong(System.currentTimeMillis());
  @RegisterExtension
  final TestServer server = TestServer.forEachTest(TestServer.config(c -> c.putObject("webhooks")
      .put("timeoutSeconds", 1).put("backoffBaseMillis", 50).put("backoffMaxSeconds", 1)), clock::get);

  @Test
  @DisplayName("a webhook's lag grows while its receiver fails, and is 0 once the events are delivered")
  void lagGrowsThenClears() throws Exception {
    try (WebhookReceiver receiver = new WebhookReceiver()) {
      lagAgainst(receiver);
    }
  }

  private void lagAgainst(WebhookReceiver receiver) throws Exception {
    Api api = server.api();
    receiver.answer(500, 0);
    Api.Response created = api.post("/api/webhooks", Api.bearer(TestServer.ADMIN_TOKEN),
        Api.args("url", receiver.url(), "kinds", List.of("order.placed")));
    assertThat(created.status()).as(created.text()).isEqualTo(200);
    String webhook = created.json().get("id").asText();
    assertThat(lag(webhook)).as("a webhook with nothing to deliver").hasValue(0);

    Api.Show show = ShopSheet.of().item("GRAPE", 8_800, 100, null).openShow(api, "webhook lag");
    Api.Response placed = api.viewerCommand("v1", show.id(), "order.place", Api.args("itemId", "GRAPE", "qty", 1));
    assertThat(placed.status()).as(placed.text()).isEqualTo(200);
    assertThat(within(Duration.ofSeconds(10), () -> receiver.requests().size() >= 2)).as("failed attempts").isTrue();

    clock.addAndGet(30_000);
    assertThat(lag(webhook).orElseThrow()).isGreaterThanOrEqualTo(30);
    clock.addAndGet(60_000);
    assertThat(lag(webhook).orElseThrow()).as("the order still waits").isGreaterThanOrEqualTo(90);

    receiver.answer(200, 0);
    assertThat(within(Duration.ofSeconds(10), () -> !receiver.events().isEmpty())).as("delivered").isTrue();
    assertThat(within(Duration.ofSeconds(10), () -> lag(webhook).orElse(-1) == 0)).as("lag once delivered").isTrue();

    assertThat(api.send("DELETE", "/api/webhooks/" + webhook, Api.bearer(TestServer.ADMIN_TOKEN), null).status()).isEqualTo(200);
    assertThat(lag(webhook)).as("a deleted webhook's row").isEmpty();
  }

  /** The webhook's row at /metrics, if it has one. */
  private OptionalDouble lag(String webhook) {
    String text = server.api().get("/metrics", Map.of()).text();
    Matcher row = Pattern.compile("(?m)^livedesk_webhook_lag_seconds\\{webhook=\"" + Pattern.quote(webhook)
        + "\"} (\\S+)$").matcher(text);
    return row.find() ? OptionalDouble.of(Double.parseDouble(row.group(1))) : OptionalDouble.empty();
  }
}
