package io.livedesk.screens;

import static io.livedesk.testing.SampleSheet.CHERRY;
import static io.livedesk.testing.SampleSheet.GRAPE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Page;
import io.livedesk.json.Json;
import io.livedesk.testing.Api;
import io.livedesk.testing.PaymentNotices;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Console, prompter and storefront open on one show at once, as in the control room on the night. */
class LiveScreensTest {

  private static final String SECRET = "whsec-screens";

  @RegisterExtension
  static final Screens screens = Screens.perClass(config -> {
    config.putObject("host").put("canCue", true);
    config.putObject("payments").put("webhookSecret", SECRET);
  });

  private Api.Show show;
  private Page console;
  private Page prompter;
  private Page amy;

  /** A live show on the sample run-sheet with {@code cuedItem} on air, and its console, prompter and amy's storefront. */
  private void onAir(String title, String cuedItem) {
    show = screens.liveShow(title, cuedItem);
    console = screens.console(show);
    prompter = screens.prompter(show, "");
    amy = screens.viewer(show, "amy");
  }

  private static String text(Page page, String selector) {
    return page.textContent(selector);
  }

  @Test
  @DisplayName("a price change made in the console is on the prompter and the storefront within a second, "
      + "and flashes on the prompter until the host acknowledges it")
  void priceChange() {
    onAir("调价直达", "SHINE-MUSCAT-2");
    assertThat(text(prompter, "#price")).isEqualTo("¥88.00");
    assertThat(text(prompter, "#old-price")).isEqualTo("¥128.00");
    assertThat(text(amy, "#price")).isEqualTo("¥88.00");
    assertThat(prompter.isVisible("#price-flash")).isFalse();
    String price = "#sheet tr[data-item=SHINE-MUSCAT-2] .price";
    console.click(price + " .edit");
    console.fill(price + " input", "78");

    long sent = System.nanoTime();
    console.press(price + " input", "Enter");
    Screens.waitForText(prompter, "#price", "¥78.00");
    Screens.waitForText(amy, "#price", "¥78.00");
    long millis = (System.nanoTime() - sent) / 1_000_000;

    assertThat(millis).as("console → prompter and storefront, ms").isLessThan(1000);
    assertThat(text(prompter, "#old-price")).isEqualTo("¥88.00");
    assertThat(prompter.isVisible("#price-flash")).isTrue();
    assertThat(text(prompter, "#price-flash-text")).contains("¥88.00 → ¥78.00");
    assertThat(prompter.getAttribute("#price-box", "class")).contains("changed");
    assertThat(text(amy, "#list-price")).isEqualTo("¥128.00");

    // it keeps flashing while nobody acknowledges it, through a second change too
    Screens.typePrice(console, "SHINE-MUSCAT-2", "75");
    Screens.waitForText(prompter, "#price", "¥75.00");
    assertThat(prompter.isVisible("#price-flash")).isTrue();
    assertThat(text(prompter, "#price-flash-more")).contains("1");

    prompter.keyboard().press("Space");
    Screens.waitUntilHidden(prompter, "#price-flash");
    assertThat(prompter.getAttribute("#price-box", "class")).doesNotContain("changed");
    JsonNode snapshot = screens.snapshot(show);
    assertThat(snapshot.get("priceAckedThrough").asLong()).isGreaterThanOrEqualTo(
        snapshot.get("priceChanges").get(1).get("seq").asLong());
  }

  @Test
  @DisplayName("a note from the console flashes on the prompter until tapped, and the console sees it acknowledged")
  void note() {
    onAir("提示", "JJ-CHERRY-10");

    console.fill("#note-text", "还剩一分钟，准备抽奖");
    console.click("#note-send");
    prompter.waitForSelector("#note-flash:visible");
    assertThat(text(prompter, "#note-text")).isEqualTo("还剩一分钟，准备抽奖");
    console.waitForSelector("#notes li .state.waiting");

    prompter.click("#note-flash");
    Screens.waitUntilHidden(prompter, "#note-flash");
    console.waitForSelector("#notes li .state.done");
    assertThat(text(console, "#notes li .state")).startsWith("✓");
  }

  @Test
  @DisplayName("a lottery opened in the console is entered from two storefronts with its keyword and drawn")
  void lottery() {
    onAir("抽奖", "LT-MUSCAT");
    Page bob = screens.viewer(show, "bob");

    console.selectOption("#lottery-item", "LT-MUSCAT");
    console.fill("#lottery-winners", "1");
    console.selectOption("#lottery-rule", "keyword");
    console.fill("#lottery-keyword", "晴王");
    console.fill("#lottery-seconds", "");
    console.click("#lottery-open");
    console.waitForSelector("#lotteries li[data-phase=open]");

    String card = ".lottery[data-phase=open]";
    amy.waitForSelector(card + " .keyword:visible");
    amy.fill(card + " .keyword", "晴王");
    amy.click(card + " .enter-button");
    bob.waitForSelector(card + " .keyword:visible");
    bob.fill(card + " .keyword", "晴王");
    bob.click(card + " .enter-button");
    Screens.waitForText(amy, ".lottery .state", Pattern.compile("已参与"));

    Screens.waitForText(console, "#lotteries li .entrants", "2 人参与");
    // viewers get the count conflated, a moment later
    Screens.waitForText(amy, ".lottery .count", Pattern.compile("2 人已参与"));
    console.click("#lotteries li .close");
    console.waitForSelector("#lotteries li[data-phase=closed] .draw:visible");
    console.click("#lotteries li .draw");
    console.waitForSelector("#lotteries li[data-phase=drawn]");

    String winners = text(console, "#lotteries li .winners");
    boolean amyWon = winners.contains("amy");
    assertThat(amyWon || winners.contains("bob")).isTrue();
    Page winner = amyWon ? amy : bob;
    Page loser = amyWon ? bob : amy;
    winner.waitForSelector(".lottery[data-phase=drawn] .won:visible");
    assertThat(text(winner, ".lottery .won")).contains("中奖");
    loser.waitForSelector(".lottery[data-phase=drawn]");
    assertThat(text(loser, ".lottery .won")).contains("没有中奖");
    // viewers see the winner masked, never the other viewer's id
    assertThat(text(loser, ".lottery .winners")).doesNotContain(amyWon ? "amy" : "bob").contains("*");
    String proof = console.getAttribute("#lotteries li a.proof", "href");
    JsonNode checked = screens.api.get(proof, java.util.Map.of()).json();
    assertThat(checked.get("verified").asBoolean()).isTrue();
    assertThat(checked.get("entrants")).hasSize(2);
  }

  @Test
  @DisplayName("an announcement and a note holding markup show as typed on every screen and run nothing")
  void markupStaysText() {
    onAir("<script>alert(2)</script>标题", "JJ-CHERRY-10");
    String attack = "<img src=x onerror=alert(1)>";

    console.fill("#announce-text", attack);
    console.check("#announce-pinned");
    console.click("#announce-publish");
    console.fill("#note-text", attack);
    console.click("#note-send");

    Screens.waitForText(prompter, "#pinned-text", Pattern.compile("onerror"));
    amy.waitForSelector(".announcement.pinned");
    prompter.waitForSelector("#note-flash:visible");
    assertThat(text(console, "#announcements li .text")).isEqualTo(attack);
    assertThat(text(prompter, "#pinned-text")).isEqualTo(attack);
    assertThat(text(prompter, "#note-text")).isEqualTo(attack);
    assertThat(text(amy, ".announcement.pinned")).contains(attack);
    assertThat(text(console, "#title")).isEqualTo("<script>alert(2)</script>标题");
    for (Page page : new Page[] {console, prompter, amy}) {
      assertThat(page.locator("img[src=x]").count()).isZero();
      assertThat(page.locator("body script:not([type=module])").count()).isZero();
    }
    console.waitForSelector("#feed li[data-kind='announce.published']");
    assertThat(text(console, "#feed li[data-kind='announce.published'] .detail")).contains(attack);
    // time for an injected handler to have fired, had one been injected
    prompter.waitForTimeout(300);
    assertThat(screens.dialogs).isEmpty();
  }

  @Test
  @DisplayName("the storefront buys the item on air and follows its own order, also after a reload; "
      + "the console's figures count it")
  void order() {
    onAir("下单", "BANANA-5");

    amy.click("#qty-plus");
    amy.click("#buy");
    amy.waitForSelector(".order.pending");
    assertThat(text(amy, ".order .what")).contains("× 2");
    assertThat(text(amy, ".order .amount")).isEqualTo("¥39.80");
    Screens.waitForText(console, "#sheet tr[data-item=BANANA-5] .sold", "2");
    Screens.waitForText(console, Screens.figure("orders"), "1");

    amy.reload();
    amy.waitForSelector(".order.pending");
    assertThat(text(amy, ".order .amount")).isEqualTo("¥39.80");

    amy.click(".order .cancel");
    amy.waitForSelector(".order.cancelled");
    Screens.waitForText(console, "#sheet tr[data-item=BANANA-5] .sold", "0");
  }

  @Test
  @DisplayName("the slot countdown turns amber in its last minute and red with + when over; "
      + "with host.canCue the host's clicker cues next and previous")
  void prompterClocksAndClicker() {
    show = screens.api.createShow("时钟");
    String sheet = """
        {"opening": "开场白", "items": [
          {"id": "A", "role": "main", "name": "一分钟款", "listPriceCents": 1000, "livePriceCents": 900,
           "stock": 10, "plannedSeconds": 61, "script": "第一款的台词"},
          {"id": "B", "role": "main", "name": "一秒款", "listPriceCents": 1000, "livePriceCents": 900,
           "stock": 10, "plannedSeconds": 1, "script": "第二款的台词"}]}""";
    Api.Response loaded = screens.api.send("PUT", "/api/shows/" + show.id() + "/runsheet",
        Map.of("Authorization", "Bearer " + show.controlToken(), "Content-Type", "application/json"),
        sheet.getBytes(StandardCharsets.UTF_8));
    assertThat(loaded.status()).isEqualTo(200);
    screens.control(show, "show.start", Json.object());
    prompter = screens.prompter(show, "&fontsize=12&marker=top");
    assertThat(text(prompter, "#on-air-name")).isEqualTo("开场");
    assertThat(text(prompter, "#script-text")).isEqualTo("开场白");
    assertThat(text(prompter, "#next-name")).isEqualTo("一分钟款");
    assertThat(prompter.getAttribute("body", "data-marker")).isEqualTo("top");

    prompter.keyboard().press("PageDown");
    Screens.waitForText(prompter, "#on-air-name", "一分钟款");
    assertThat(text(prompter, "#script-text")).isEqualTo("第一款的台词");
    prompter.waitForSelector("#slot-clock.warn");
    assertThat(text(prompter, "#slot-countdown")).matches("[01]:[0-9]{2}");

    prompter.keyboard().press("PageDown");
    Screens.waitForText(prompter, "#on-air-name", "一秒款");
    prompter.waitForSelector("#slot-clock.over");
    assertThat(text(prompter, "#slot-countdown")).startsWith("+");
    assertThat(screens.snapshot(show).get("cue").get("itemId").asText()).isEqualTo("B");

    prompter.keyboard().press("PageUp");
    Screens.waitForText(prompter, "#on-air-name", "一分钟款");
    assertThat(text(prompter, "#cue-hint")).isEmpty();
  }

  @Test
  @DisplayName("a flash sale scheduled on the console counts down on the prompter and storefront; a coupon issued is announced, claimed and used")
  void flashSaleAndCoupon() {
    onAir("秒杀与优惠券", GRAPE);

    console.selectOption("#flash-item", GRAPE);
    console.fill("#flash-price", "79");
    console.fill("#flash-start-in", "3");
    console.fill("#flash-duration", "60");
    console.fill("#flash-stock", "5");
    Screens.waitForText(console, "#flash-preview", Pattern.compile("后开始.*持续"));
    console.click("#flash-schedule");

    Screens.waitForText(console, "#flashes li .phase", "倒计时");
    Screens.waitForText(amy, "#flash-text", Pattern.compile("秒杀 ¥79\\.00 · .+ 后开抢"));
    Screens.waitForText(prompter, "#flash-label", "秒杀倒计时");
    Screens.waitForText(amy, "#flash-text", Pattern.compile("秒杀中 · 还剩 .+ · 秒杀剩余 5 件"));
    Screens.waitForText(amy, "#price", "¥79.00");
    Screens.waitForText(amy, "#list-price", "¥88.00");
    Screens.waitForText(console, "#flashes li .phase", "进行中");
    Screens.waitForText(prompter, "#flash-label", "秒杀进行中 · 还剩");

    console.fill("#coupon-name", "立减5元");
    console.fill("#coupon-off", "5");
    console.selectOption("#coupon-item", GRAPE);
    console.fill("#coupon-total", "10");
    console.click("#coupon-create");
    console.click("#coupons li .issue");
    Screens.waitForText(console, "#coupons li .phase", "发放中");
    Screens.waitForText(prompter, "#coupon-banner-text", Pattern.compile("立减5元：无门槛减 ¥5\\.00，共 10 张"));

    Screens.waitForText(amy, ".coupon .left", "剩余 10 张");
    amy.click(".coupon .claim");
    Screens.waitForText(amy, ".coupon .mine", "已领 1 张，可用 1 张");
    Screens.waitForText(amy, "#checkout-total", "合计 ¥74.00（已减 ¥5.00）");
    amy.click("#buy");

    Screens.waitForText(amy, ".order .amount", "¥74.00");
    Screens.waitForText(amy, "#flash-text", Pattern.compile("秒杀剩余 4 件"));
    Screens.waitForText(console, "#flashes li .counts", "已抢 1 · 剩 4");
    couponShown(0, 1);

    amy.click(".order .cancel");
    couponShown(1, 0);

    console.click("#flashes li .cancel");
    Screens.waitForText(amy, "#price", "¥88.00");
    assertThat(amy.isVisible("#flash")).isFalse();

    Page review = screens.review(show);
    assertThat(review.textContent("#flashes tbody tr td:nth-child(3)")).isEqualTo("¥79.00");
    assertThat(review.textContent("#flashes tbody tr td:nth-child(5)")).as("its one order was cancelled").isEqualTo("0");
    assertThat(review.textContent("#coupons tbody tr td:nth-child(2)")).isEqualTo("1 / 10");
    assertThat(review.textContent("#coupons tbody tr td:nth-child(3)")).as("its order was cancelled").isEqualTo("0");
    assertThat(review.textContent(Screens.figure("discountCents"))).isEqualTo("¥0.00");
  }

  @Test
  @DisplayName("when paid units reach the ¥449 tier, the buyer's paid order says what comes back; the console shows what is owed")
  void refundShown() {
    onAir("阶梯团", CHERRY);
    buyAndPay("amy");
    amy.waitForSelector(".order.paid");
    assertThat(amy.isVisible(".order .refund")).isFalse();

    // the sample cherry's first tier is 100 paid units, 2 per viewer: 49 more buyers
    for (int i = 1; i < 50; i++) {
      buyAndPay("crowd-" + i);
    }

    Screens.waitForText(amy, ".order.paid .refund", "团购价已降至 ¥449.00，将退 ¥100.00");
    Screens.waitForText(console, "#sheet tr[data-item=" + CHERRY + "] .sold .refund", "应退 ¥5,000.00");
    Screens.waitForText(console, Screens.figure("refundCents"), "¥5,000.00");
    amy.click("#lang");
    Screens.waitForText(amy, ".order.paid .refund", "Group price dropped to ¥449.00: ¥100.00 will be refunded");
  }

  /** amy's one coupon, {@code usable} on her storefront, and {@code used} of the ten issued on the console. */
  private void couponShown(int usable, int used) {
    Screens.waitForText(amy, ".coupon .mine", "已领 1 张，可用 " + usable + " 张");
    Screens.waitForText(console, "#coupons li .counts", "已领 1/10 · 已用 " + used);
  }

  /** {@code viewerId} orders two cherries and the shop's PAID notice for the order comes in. */
  private void buyAndPay(String viewerId) {
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
