package io.livedesk.screens;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Page;
import io.livedesk.testing.Api;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The technician's console in headless Chromium: the run-sheet before the show, and the guarded price cut live. */
class ConsolePageTest {

  static final Path SHEETS = Path.of("src/test/resources/runsheets");

  @RegisterExtension
  static final Screens screens = Screens.perClass();

  @Test
  @DisplayName("a CSV chosen in the file picker is loaded, checked against the 24/4/6 template and listed")
  void loadCsv() {
    Api.Show show = screens.api.createShow("开播前 · 载入");
    Page console = screens.console(show);
    assertThat(console.isVisible("#draft")).isTrue();

    console.setInputFiles("#sheet-file", SHEETS.resolve("sample-runsheet.csv"));

    console.waitForSelector("#sheet-summary.ok");
    assertThat(console.textContent("#sheet-summary")).contains("34").contains("24").contains("2:00:00");
    console.waitForSelector("#draft-items tbody tr >> nth=33");
    assertThat(console.textContent("[data-check=main] strong")).isEqualTo("24 / 24");
    assertThat(console.textContent("[data-check=lottery] strong")).isEqualTo("6 / 6");
    assertThat(console.getAttribute("[data-check=time]", "class")).contains("ok");
    assertThat(console.textContent("#draft-items tbody tr:first-child .name")).isEqualTo("智利JJ级车厘子 10斤装");
    assertThat(screens.snapshot(show).get("items")).hasSize(34);

    console.click("#start-show");
    console.waitForSelector("#live:visible");
    assertThat(console.textContent("#status")).isEqualTo("直播中");
    assertThat(console.isVisible("#draft")).isFalse();
    assertThat(console.locator("#sheet tbody tr").count()).isEqualTo(34);
    assertThat(screens.snapshot(show).get("cue").get("segment").asText()).isEqualTo("opening");
    console.close();
  }

  @Test
  @DisplayName("a JSON run-sheet dropped on the page is loaded as JSON")
  void dropJson() throws Exception {
    Api.Show show = screens.api.createShow("开播前 · 拖放");
    Page console = screens.console(show);
    Screens.dropOnConsole(console, "排期.json", "application/json", Files.readAllBytes(SHEETS.resolve("sample-runsheet.json")));

    console.waitForSelector("#sheet-summary.ok");
    assertThat(console.textContent("#sheet-summary")).contains("34");
    assertThat(screens.snapshot(show).get("items")).hasSize(34);
    console.close();
  }

  @Test
  @DisplayName("a broken CSV is refused and every problem is listed by line and field")
  void brokenCsv() {
    Api.Show show = screens.api.createShow("开播前 · 错误");
    Page console = screens.console(show);

    screens.chooseRefusedSheet(console, SHEETS.resolve("broken/several-problems.csv"));
    assertThat(console.textContent("#sheet-summary")).contains("10");
    assertThat(Screens.sheetProblems(console)).containsExactly("2|name", "3|livePriceCents", "3|stock", "4|role", "5|id", "6|winners",
        "7|—", "8|floorPriceCents", "8|tiers", "8|tiers");
    assertThat(console.textContent("#sheet-errors")).contains("id K-1 is already used on line 2");
    assertThat(screens.snapshot(show).get("items")).isEmpty();
    console.close();
  }

  @Test
  @DisplayName("an edited item and a dragged row go back to the server as the new run-sheet")
  void editAndReorder() {
    Api.Show show = screens.api.createShow("开播前 · 编辑");
    screens.api.loadSampleSheet(show);
    Page console = screens.console(show);

    console.click("#draft-items tr[data-item=SHINE-MUSCAT-2] .edit-item");
    console.fill("#editor-form [name=name]", "晴王葡萄 <i>两串</i>");
    console.fill("#editor-form [name=livePrice]", "79.90");
    console.click("#editor-save");
    Screens.waitUntilHidden(console, "#item-editor");
    Screens.waitForText(console, "#draft-items tr[data-item=SHINE-MUSCAT-2] .name", "晴王葡萄 <i>两串</i>");
    JsonNode edited = screens.item(show, "SHINE-MUSCAT-2");
    assertThat(edited.get("name").asText()).isEqualTo("晴王葡萄 <i>两串</i>");
    assertThat(edited.get("livePriceCents").asLong()).isEqualTo(7990);
    assertThat(edited.get("sellingPoints")).hasSize(3);

    console.dragAndDrop("#draft-items tr[data-item=DURIAN-MSK]", "#draft-items tr[data-item=JJ-CHERRY-10]");
    console.waitForSelector("#draft-items tbody tr:first-child[data-item=DURIAN-MSK]");
    JsonNode items = screens.snapshot(show).get("items");
    assertThat(items.get(0).get("id").asText()).isEqualTo("DURIAN-MSK");
    assertThat(items.get(1).get("id").asText()).isEqualTo("JJ-CHERRY-10");
    assertThat(items).hasSize(34);
    console.close();
  }

  @Test
  @DisplayName("a price cut past the guard asks for confirmation with old, new and the cut, and only then applies")
  void guardedCut() {
    Api.Show show = screens.liveShow("守价", "SHINE-MUSCAT-2");
    Page console = screens.console(show);
    String price = "#sheet tr[data-item=SHINE-MUSCAT-2] .price";

    console.click(price + " .edit");
    console.fill(price + " input", "40");
    console.press(price + " input", "Enter");

    console.waitForSelector("#guard-dialog[open]");
    assertThat(console.textContent("#guard-old")).isEqualTo("¥88.00");
    assertThat(console.textContent("#guard-new")).isEqualTo("¥40.00");
    assertThat(console.textContent("#guard-cut")).contains("54.5%").contains("68.8%");
    assertThat(console.textContent("#guard-floor")).isEqualTo("¥69.00");
    assertThat(screens.item(show, "SHINE-MUSCAT-2").get("livePriceCents").asLong()).isEqualTo(8800);

    console.click("#guard-cancel");
    assertThat(console.isVisible("#guard-dialog")).isFalse();
    assertThat(screens.item(show, "SHINE-MUSCAT-2").get("livePriceCents").asLong()).isEqualTo(8800);

    console.click(price + " .edit");
    console.fill(price + " input", "40");
    console.press(price + " input", "Enter");
    console.waitForSelector("#guard-dialog[open]");
    console.click("#guard-confirm");

    Screens.waitForText(console, "#sheet tr[data-item=SHINE-MUSCAT-2] .price .edit", "¥40.00");
    assertThat(screens.item(show, "SHINE-MUSCAT-2").get("livePriceCents").asLong()).isEqualTo(4000);
    JsonNode audit = screens.api.get("/api/shows/" + show.id() + "/events?after=0", Api.bearer(show.controlToken()))
        .json().get("events");
    JsonNode change = null;
    for (JsonNode event : audit) {
      if (event.get("kind").asText().equals("item.price_changed")) {
        change = event;
      }
    }
    assertThat(change).isNotNull();
    assertThat(change.get("data").get("confirmed").asBoolean()).isTrue();

    console.click("#revert-last");
    Screens.waitForText(console, "#sheet tr[data-item=SHINE-MUSCAT-2] .price .edit", "¥88.00");
    assertThat(screens.item(show, "SHINE-MUSCAT-2").get("livePriceCents").asLong()).isEqualTo(8800);
    console.close();
  }

  @Test
  @DisplayName("→ and ← cue the next and previous item, marked red and green, but not while typing")
  void shortcuts() {
    Api.Show show = screens.liveShow("快捷键", "JJ-CHERRY-10");
    Page console = screens.console(show);
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
    console.close();
  }

  @Test
  @DisplayName("a backup swapped in takes the main item's place in the running order")
  void swapBackup() {
    Api.Show show = screens.liveShow("换款", "JJ-CHERRY-10");
    Page console = screens.console(show);
    assertThat(console.isDisabled("#sheet tr[data-item=JJ-CHERRY-10] select.swap")).isTrue();

    console.selectOption("#sheet tr[data-item=DURIAN-MSK] select.swap", "BK-PEACH");

    console.waitForSelector("#sheet tbody tr:nth-child(3)[data-item=BK-PEACH]");
    assertThat(console.textContent("#sheet tr[data-item=BK-PEACH] .role")).isEqualTo("主推");
    assertThat(console.textContent("#sheet tr[data-item=DURIAN-MSK] .role")).isEqualTo("备用");
    JsonNode items = screens.snapshot(show).get("items");
    assertThat(items.get(2).get("id").asText()).isEqualTo("BK-PEACH");
    assertThat(items.get(2).get("role").asText()).isEqualTo("main");
    console.close();
  }

  @Test
  @DisplayName("the console's review link opens the show's review, without the rehearsal mark for a real show")
  void reviewOfARealShow() {
    Api.Show show = screens.liveShow("正式复盘", "JJ-CHERRY-10");
    Page console = screens.console(show);
    String review = console.getAttribute("#open-report", "href");

    Page page = screens.browser.newPage();
    page.navigate(screens.server.baseUrl() + review);
    page.waitForSelector("body[data-ready=true]");

    assertThat(page.textContent("#title")).isEqualTo("正式复盘");
    assertThat(page.isVisible("#rehearsal-badge")).isFalse();
    assertThat(page.isVisible("#rehearsal-banner")).isFalse();
    page.close();
    console.close();
  }

  @Test
  @DisplayName("rehearsing opens a rehearsal copy's console, marked as a rehearsal, with simulated viewers coming in")
  void rehearse() {
    Api.Show show = screens.liveShow("正式场", "JJ-CHERRY-10");
    Page console = screens.console(show);
    assertThat(console.isVisible("#rehearsal-badge")).isFalse();
    console.fill("#rehearse-viewers", "30");

    Page copy = console.context().waitForPage(() -> console.click("#rehearse"));

    copy.waitForSelector("body[data-ready=true][data-connection=live]");
    assertThat(copy.url()).contains("/console/?show=").doesNotContain("show=" + show.id());
    assertThat(copy.isVisible("#rehearsal-badge")).isTrue();
    assertThat(copy.isVisible("#rehearsal-banner")).isTrue();
    assertThat(copy.textContent("#status")).isEqualTo("直播中");
    Screens.waitForText(copy, "[data-figure=online] .value", Pattern.compile("[1-9]\\d*"));
    assertThat(console.isVisible("#rehearse-result a")).isTrue();
    assertThat(screens.snapshot(show).get("figures").get("online").asInt()).isZero();
    copy.close();
    console.close();
  }
}
