package io.livedesk.screens;

import static io.livedesk.testing.SampleSheet.CHERRY;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Page;
import io.livedesk.testing.Api;
import io.livedesk.testing.PaymentNotices;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A group-buy tier reached by payments, as the buyer's storefront and the console show it. */
class GroupBuyScreensTest {

  private static final String SECRET = "whsec-screens";

  @RegisterExtension
  static final Screens screens = Screens.perClass(config -> config.putObject("payments").put("webhookSecret", SECRET));

  @Test
  @DisplayName("when paid units reach the ¥449 tier, the buyer's paid order says what comes back; the console shows what is owed")
  void refundShown() {
    Api.Show show = screens.liveShow("阶梯团", CHERRY);
    Page console = screens.console(show);
    Page viewer = screens.viewer(show, "amy");
    buyAndPay(show, "amy");
    viewer.waitForSelector(".order.paid");
    assertThat(viewer.isVisible(".order .refund")).isFalse();

    // the sample cherry's first tier is 100 paid units, 2 per viewer: 49 more buyers
    for (int i = 1; i < 50; i++) {
      buyAndPay(show, "crowd-" + i);
    }

    Screens.waitForText(viewer, ".order.paid .refund", "团购价已降至 ¥449.00，将退 ¥100.00");
    Screens.waitForText(console, "#sheet tr[data-item=" + CHERRY + "] .sold .refund", "应退 ¥5,000.00");
    Screens.waitForText(console, Screens.figure("refundCents"), "¥5,000.00");
    viewer.click("#lang");
    Screens.waitForText(viewer, ".order.paid .refund", "Group price dropped to ¥449.00: ¥100.00 will be refunded");
  }

  private static void buyAndPay(Api.Show show, String viewerId) {
    Api.Response placed = screens.api.viewerCommand(viewerId, show.id(), "order.place",
        Api.args("itemId", CHERRY, "qty", 2));
    assertThat(placed.status()).as(placed.text()).isEqualTo(200);
    JsonNode result = placed.json().get("result");
    String orderId = result.get("orderId").asText();
    Api.Response paid = PaymentNotices.post(screens.api, SECRET, show.id(), PaymentNotices.body(show.id(), orderId,
        "PAID", "pay-" + orderId, result.get("amountCents").asLong()));
    assertThat(paid.status()).as(paid.text()).isEqualTo(200);
  }
}
