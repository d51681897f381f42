package io.livedesk.screens;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Page;
import io.livedesk.testing.Api;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The technician's console in headless Chromium during the show: the guarded price cut, the cue keys, a backup
 * swapped in, the review and a rehearsal. The run-sheet before the show is {@link ConsoleRunSheetTest}'s.
 */
class ConsolePageTest {

  @RegisterExtension
  static final Screens screens = Screens.perClass();

  private Api.Show show;
  private Page console;

  /** Each test's own live show on the sample run-sheet, the cherries on air, and its console open on it. */
  @BeforeEach
  void openLiveShow() {
    show = screens.liveShow("正式场", "JJ-CHERRY-10");
    console = screens.console(show);
  }

  @Test
  @DisplayName("a price cut past the guard asks for confirmation with old, new and the cut, and only then applies")
  void guardedCut() {
    Screens.typePrice(console, "SHINE-MUSCAT-2", "40");

    console.waitForSelector("#guard-dialog[open]");
    assertThat(console.textContent("#guard-old")).isEqualTo("¥88.00");
    assertThat(console.textContent("#guard-new")).isEqualTo("¥40.00");
    assertThat(console.textContent("#guard-cut")).contains("54.5%").contains("68.8%");
    assertThat(console.textContent("#guard-floor")).isEqualTo("¥69.00");
    assertThat(screens.item(show, "SHINE-MUSCAT-2").get("livePriceCents").asLong()).isEqualTo(8800);

    console.click("#guard-cancel");
    assertThat(console.isVisible("#guard-dialog")).isFalse();
    assertThat(screens.item(show, "SHINE-MUSCAT-2").get("livePriceCents").asLong()).isEqualTo(8800);

    Screens.typePrice(console, "SHINE-MUSCAT-2", "40");
    console.waitForSelector("#guard-dialog[open]");
    console.click("#guard-confirm");

    Screens.waitForText(console, "#sheet tr[data-item=SHINE-MUSCAT-2] .price .edit", "¥40.00");
    assertThat(screens.item(show, "SHINE-MUSCAT-2").get("livePriceCents").asLong()).isEqualTo(4000);
    assertThat(screens.lastEvent(show, "item.price_changed").get("data").get("confirmed").asBoolean()).isTrue();

    console.click("#revert-last");
    Screens.waitForText(console, "#sheet tr[data-item=SHINE-MUSCAT-2] .price .edit", "¥88.00");
    assertThat(screens.item(show, "SHINE-MUSCAT-2").get("livePriceCents").asLong()).isEqualTo(8800);
  }

  @Test
  @DisplayName("→ and ← cue the next and previous item, marked red and green, but not while typing")
  void shortcuts() {
    assertThat(console.getAttribute("#sheet tr[data-item=JJ-CHERRY-10]", "class")).contains("on-air");
    assertThat(console.getAttribute("#sheet tr[data-item=SHINE-MUSCAT-2]", "class")).contains("next");
    assertThat(console.textContent("#legend")).contains("→").contains("←");

    console.keyboard().press("ArrowRight");
    console.waitForSelector("#sheet tr[data-item=SHINE-MUSCAT-2].on-air");
    assertThat(console.getAttribute("#sheet tr[data-item=DURIAN-MSK]", "class")).contains("next");
    // the cued item went on the shelf with it
    console.waitForSelector("#sheet tr[data-item=SHINE-MUSCAT-2] .shelf.on_shelf");

    console.click("#note-text");
    console.keyboard().press("ArrowRight");
    console.keyboard().type("右");
    assertThat(console.inputValue("#note-text")).isEqualTo("右");
    assertThat(screens.snapshot(show).get("cue").get("itemId").asText()).isEqualTo("SHINE-MUSCAT-2");

    console.click("h1");
    console.keyboard().press("ArrowLeft");
    console.waitForSelector("#sheet tr[data-item=JJ-CHERRY-10].on-air");
    assertThat(screens.snapshot(show).get("cue").get("itemId").asText()).isEqualTo("JJ-CHERRY-10");
  }

  @Test
  @DisplayName("a backup swapped in takes the main item's place in the running order")
  void swapBackup() {
    assertThat(console.isDisabled("#sheet tr[data-item=JJ-CHERRY-10] select.swap")).isTrue();

    console.selectOption("#sheet tr[data-item=DURIAN-MSK] select.swap", "BK-PEACH");

    console.waitForSelector("#sheet tbody tr:nth-child(3)[data-item=BK-PEACH]");
    assertThat(console.textContent("#sheet tr[data-item=BK-PEACH] .role")).isEqualTo("主推");
    assertThat(console.textContent("#sheet tr[data-item=DURIAN-MSK] .role")).isEqualTo("备用");
    JsonNode items = screens.snapshot(show).get("items");
    assertThat(items.get(2).get("id").asText()).isEqualTo("BK-PEACH");
    assertThat(items.get(2).get("role").asText()).isEqualTo("main");
  }

  @Test
  @DisplayName("the console's review link opens the show's review, without the rehearsal mark for a real show")
  void reviewOfARealShow() {
    String review = console.getAttribute("#open-report", "href");

    Page page = screens.openDrawn(review, 1440, 900);

    assertThat(page.textContent("#title")).isEqualTo("正式场");
    assertThat(page.isVisible("#rehearsal-badge")).isFalse();
    assertThat(page.isVisible("#rehearsal-banner")).isFalse();
  }

  @Test
  @DisplayName("rehearsing opens a rehearsal copy's console, marked as a rehearsal, with simulated viewers coming in")
  void rehearse() {
    assertThat(console.isVisible("#rehearsal-badge")).isFalse();
    console.fill("#rehearse-viewers", "30");

    Page copy = console.context().waitForPage(() -> console.click("#rehearse"));

    copy.waitForSelector("body[data-ready=true][data-connection=live]");
    assertThat(copy.url()).contains("/console/?show=").doesNotContain("show=" + show.id());
    assertThat(copy.isVisible("#rehearsal-badge")).isTrue();
    assertThat(copy.isVisible("#rehearsal-banner")).isTrue();
    assertThat(copy.textContent("#status")).isEqualTo("直播中");
    Screens.waitForText(copy, Screens.figure("online"), Pattern.compile("[1-9]\\d*"));
    assertThat(console.isVisible("#rehearse-result a")).isTrue();
    assertThat(screens.snapshot(show).get("figures").get("online").asInt()).isZero();
  }
}
