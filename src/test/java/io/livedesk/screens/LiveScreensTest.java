package io.livedesk.screens;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Page;
import io.livedesk.json.Json;
import io.livedesk.testing.Api;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Console, prompter and storefront open on one show at once, as in the control room on the night. */
class LiveScreensTest {

  @RegisterExtension
  static final Screens screens = Screens.perClass(config -> config.putObject("host").put("canCue", true));

  private static String text(Page page, String selector) {
    return page.textContent(selector);
  }

  @Test
  @DisplayName("a price change made in the console is on the prompter and the storefront within a second, "
      + "and flashes on the prompter until the host acknowledges it")
  void priceChange() {
    Api.Show show = screens.liveShow("调价直达", "SHINE-MUSCAT-2");
    Page console = screens.console(show);
    Page prompter = screens.prompter(show, "");
    Page viewer = screens.viewer(show, "amy");
    assertThat(text(prompter, "#price")).isEqualTo("¥88.00");
    assertThat(text(prompter, "#old-price")).isEqualTo("¥128.00");
    assertThat(text(viewer, "#price")).isEqualTo("¥88.00");
    assertThat(prompter.isVisible("#price-flash")).isFalse();
    String price = "#sheet tr[data-item=SHINE-MUSCAT-2] .price";
    console.click(price + " .edit");
    console.fill(price + " input", "78");

    long sent = System.nanoTime();
    console.press(price + " input", "Enter");
    Screens.waitForText(prompter, "#price", "¥78.00");
    Screens.waitForText(viewer, "#price", "¥78.00");
    long millis = (System.nanoTime() - sent) / 1_000_000;

    assertThat(millis).as("console → prompter and storefront, ms").isLessThan(1000);
    assertThat(text(prompter, "#old-price")).isEqualTo("¥88.00");
    assertThat(prompter.isVisible("#price-flash")).isTrue();
    assertThat(text(prompter, "#price-flash-text")).contains("¥88.00 → ¥78.00");
    assertThat(prompter.getAttribute("#price-box", "class")).contains("changed");
    assertThat(text(viewer, "#list-price")).isEqualTo("¥128.00");

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
    Api.Show show = screens.liveShow("提示", "JJ-CHERRY-10");
    Page console = screens.console(show);
    Page prompter = screens.prompter(show, "");

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
    Api.Show show = screens.liveShow("抽奖", "LT-MUSCAT");
    Page console = screens.console(show);
    Page amy = screens.viewer(show, "amy");
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
    Api.Show show = screens.liveShow("<script>alert(2)</script>标题", "JJ-CHERRY-10");
    Page console = screens.console(show);
    Page prompter = screens.prompter(show, "");
    Page viewer = screens.viewer(show, "amy");
    String attack = "<img src=x onerror=alert(1)>";

    console.fill("#announce-text", attack);
    console.check("#announce-pinned");
    console.click("#announce-publish");
    console.fill("#note-text", attack);
    console.click("#note-send");

    Screens.waitForText(prompter, "#pinned-text", Pattern.compile("onerror"));
    viewer.waitForSelector(".announcement.pinned");
    prompter.waitForSelector("#note-flash:visible");
    assertThat(text(console, "#announcements li .text")).isEqualTo(attack);
    assertThat(text(prompter, "#pinned-text")).isEqualTo(attack);
    assertThat(text(prompter, "#note-text")).isEqualTo(attack);
    assertThat(text(viewer, ".announcement.pinned")).contains(attack);
    assertThat(text(console, "#title")).isEqualTo("<script>alert(2)</script>标题");
    for (Page page : new Page[] {console, prompter, viewer}) {
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
    Api.Show show = screens.liveShow("下单", "BANANA-5");
    Page console = screens.console(show);
    Page viewer = screens.viewer(show, "cai");

    viewer.click("#qty-plus");
    viewer.click("#buy");
    viewer.waitForSelector(".order.pending");
    assertThat(text(viewer, ".order .what")).contains("× 2");
    assertThat(text(viewer, ".order .amount")).isEqualTo("¥39.80");
    Screens.waitForText(console, "#sheet tr[data-item=BANANA-5] .sold", "2");
    Screens.waitForText(console, Screens.figure("orders"), "1");

    viewer.reload();
    viewer.waitForSelector(".order.pending");
    assertThat(text(viewer, ".order .amount")).isEqualTo("¥39.80");

    viewer.click(".order .cancel");
    viewer.waitForSelector(".order.cancelled");
    Screens.waitForText(console, "#sheet tr[data-item=BANANA-5] .sold", "0");
  }

  @Test
  @DisplayName("the slot countdown turns amber in its last minute and red with + when over; "
      + "with host.canCue the host's clicker cues next and previous")
  void prompterClocksAndClicker() {
    Api.Show show = screens.api.createShow("时钟");
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
    Page prompter = screens.prompter(show, "&fontsize=12&marker=top");
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
}
