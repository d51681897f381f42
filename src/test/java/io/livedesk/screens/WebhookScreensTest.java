package io.livedesk.screens;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import io.livedesk.testing.Api;
import io.livedesk.testing.ShopSheet;
import io.livedesk.testing.TestServer;
import io.livedesk.testing.WebhookReceiver;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The console while the shop's webhook fails, in headless Chromium. */
class WebhookScreensTest {

  @RegisterExtension
  static final Screens screens = Screens.perClass(c -> c.putObject("webhooks").put("timeoutSeconds", 1)
      .put("backoffBaseMillis", 50).put("backoffMaxSeconds", 1).put("failingAfter", 2));

  @Test
  @DisplayName("the console shows a banner naming the failing webhook")
  void failingBanner() throws Exception {
    try (WebhookReceiver receiver = new WebhookReceiver()) {
      receiver.answer(500, 0);
      Api.Response created = screens.api.post("/api/webhooks", Api.bearer(TestServer.ADMIN_TOKEN),
          Api.args("url", receiver.url(), "kinds", List.of("order.placed")));
      String id = created.json().get("id").asText();
      Api.Show show = ShopSheet.of().item("GRAPE", 8_800, 100, null).openShow(screens.api, "banner");
      screens.api.viewerCommand("v1", show.id(), "order.place", Api.args("itemId", "GRAPE", "qty", 1));
      assertThat(WebhookReceiver.within(Duration.ofSeconds(10), () -> "DEGRADED".equals(
          screens.api.get("/health", Map.of()).json().get("status").asText()))).isTrue();

      Page console = screens.console(show);
      console.waitForSelector("#webhook-banner:not([hidden])");
      assertThat(console.textContent("#webhook-banner")).contains("门店 Webhook 投递失败").contains(id);
      console.close();
    }
  }
}
