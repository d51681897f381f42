package io.livedesk.screens;

import static io.livedesk.testing.SampleSheet.GRAPE;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import io.livedesk.testing.Api;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A flash sale scheduled on the console and a coupon issued there, as the storefront shows and uses them. */
class PromotionScreensTest {

  @RegisterExtension
  static final Screens screens = Screens.perClass();

  @Test
  @DisplayName("a flash sale scheduled on the console counts down on the prompter and storefront; a coupon issued is announced, claimed and used")
  void flashSaleAndCoupon() {
    Api.Show show = screens.liveShow("秒杀与优惠券", GRAPE);
    Page console = screens.console(show);
    Page viewer = screens.viewer(show, "amy");
    Page prompter = screens.prompter(show, "");

    console.selectOption("#flash-item", GRAPE);
    console.fill("#flash-price", "79");
    console.fill("#flash-start-in", "3");
    console.fill("#flash-duration", "60");
    console.fill("#flash-stock", "5");
    Screens.waitForText(console, "#flash-preview", Pattern.compile("后开始.*持续"));
    console.click("#flash-schedule");

    Screens.waitForText(console, "#flashes li .phase", "倒计时");
    Screens.waitForText(viewer, "#flash-text", Pattern.compile("秒杀 ¥79\\.00 · .+ 后开抢"));
    Screens.waitForText(prompter, "#flash-label", "秒杀倒计时");
    Screens.waitForText(viewer, "#flash-text", Pattern.compile("秒杀中 · 还剩 .+ · 秒杀剩余 5 件"));
    Screens.waitForText(viewer, "#price", "¥79.00");
    Screens.waitForText(viewer, "#list-price", "¥88.00");
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

    Screens.waitForText(viewer, ".coupon .left", "剩余 10 张");
    viewer.click(".coupon .claim");
    Screens.waitForText(viewer, ".coupon .mine", "已领 1 张，可用 1 张");
    Screens.waitForText(viewer, "#checkout-total", "合计 ¥74.00（已减 ¥5.00）");
    viewer.click("#buy");

    Screens.waitForText(viewer, ".order .amount", "¥74.00");
    Screens.waitForText(viewer, ".coupon .mine", "已领 1 张，可用 0 张");
    Screens.waitForText(viewer, "#flash-text", Pattern.compile("秒杀剩余 4 件"));
    Screens.waitForText(console, "#coupons li .counts", "已领 1/10 · 已用 1");
    Screens.waitForText(console, "#flashes li .counts", "已抢 1 · 剩 4");

    viewer.click(".order .cancel");
    Screens.waitForText(viewer, ".coupon .mine", "已领 1 张，可用 1 张");
    Screens.waitForText(console, "#coupons li .counts", "已领 1/10 · 已用 0");

    console.click("#flashes li .cancel");
    Screens.waitForText(viewer, "#price", "¥88.00");
    assertThat(viewer.isVisible("#flash")).isFalse();

    Page review = screens.review(show);
    assertThat(review.textContent("#flashes tbody tr td:nth-child(3)")).isEqualTo("¥79.00");
    assertThat(review.textContent("#flashes tbody tr td:nth-child(5)")).as("its one order was cancelled").isEqualTo("0");
    assertThat(review.textContent("#coupons tbody tr td:nth-child(2)")).isEqualTo("1 / 10");
    assertThat(review.textContent("#coupons tbody tr td:nth-child(3)")).as("its order was cancelled").isEqualTo("0");
    assertThat(review.textContent(Screens.figure("discountCents"))).isEqualTo("¥0.00");
  }
}
