package io.livedesk.screens;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Page;
import io.livedesk.testing.Api;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The technician's console in headless Chromium before the show: a run-sheet chosen in the file picker or dropped
 * on the page, as CSV, JSON or an Excel workbook, checked, listed and edited.
 */
class ConsoleRunSheetTest {

  static final Path SHEETS = Path.of("src/test/resources/runsheets");

  @RegisterExtension
  static final Screens screens = Screens.perClass();

  private Api.Show show;
  private Page console;

  /** Each test's own draft show, without a run-sheet, and its console open on it. */
  @BeforeEach
  void openDraft() {
    show = screens.api.createShow("开播前");
    console = screens.console(show);
  }

  @Test
  @DisplayName("a CSV chosen in the file picker is loaded, checked against the 24/4/6 template and listed")
  void loadCsv() {
    assertThat(console.isVisible("#draft")).isTrue();

    console.setInputFiles("#sheet-file", SHEETS.resolve("sample-runsheet.csv"));

    console.waitForSelector("#sheet-summary.ok");
    sampleListed();
    assertThat(console.textContent("#sheet-summary")).contains("24").contains("2:00:00");
    assertThat(console.textContent("[data-check=main] strong")).isEqualTo("24 / 24");
    assertThat(console.textContent("[data-check=lottery] strong")).isEqualTo("6 / 6");
    assertThat(console.getAttribute("[data-check=time]", "class")).contains("ok");

    console.click("#start-show");
    console.waitForSelector("#live:visible");
    assertThat(console.textContent("#status")).isEqualTo("直播中");
    assertThat(console.isVisible("#draft")).isFalse();
    assertThat(console.locator("#sheet tbody tr").count()).isEqualTo(34);
    assertThat(screens.snapshot(show).get("cue").get("segment").asText()).isEqualTo("opening");
  }

  @ParameterizedTest(name = "{0} ({1})")
  @CsvSource({"排期.json, application/json, sample-runsheet.json",
      // no type on the file: the console knows the workbook by its name
      "排期表.xlsx, '', xlsx/sample-runsheet.xlsx"})
  @DisplayName("a JSON run-sheet or an .xlsx dropped on the page is sent as what it is and loaded")
  void dropSheet(String fileName, String type, String sheet) throws Exception {
    Screens.dropSheet(console, fileName, type, SHEETS.resolve(sheet));

    sampleListed();
  }

  @Test
  @DisplayName("a broken CSV is refused and every problem is listed by line and field")
  void brokenCsv() {
    screens.chooseRefusedSheet(console, SHEETS.resolve("broken/several-problems.csv"));
    assertThat(console.textContent("#sheet-summary")).contains("10");
    assertThat(Screens.sheetProblems(console)).containsExactly("2|name", "3|livePriceCents", "3|stock", "4|role", "5|id", "6|winners",
        "7|—", "8|floorPriceCents", "8|tiers", "8|tiers");
    assertThat(console.textContent("#sheet-errors")).contains("id K-1 is already used on line 2");
    assertThat(screens.snapshot(show).get("items")).isEmpty();
  }

  @Test
  @DisplayName("an edited item and a dragged row go back to the server as the new run-sheet")
  void editAndReorder() {
    screens.api.loadSampleSheet(show);

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
  }

  @Test
  @DisplayName("a broken .xlsx chosen in the file picker lists each problem at its Excel row")
  void brokenXlsx() {
    screens.chooseRefusedSheet(console, SHEETS.resolve("xlsx/multiline-script.xlsx"));
    assertThat(Screens.sheetProblems(console)).containsExactly("4|name", "5|livePriceCents", "6|stock");
    assertThat(screens.snapshot(show).get("items")).isEmpty();
  }

  /** The console counts and lists the sample run-sheet's 34 items, the cherries first, and the show holds them. */
  private void sampleListed() {
    assertThat(console.textContent("#sheet-summary")).contains("34");
    console.waitForSelector("#draft-items tbody tr >> nth=33");
    assertThat(console.textContent("#draft-items tbody tr:first-child .name")).isEqualTo("智利JJ级车厘子 10斤装");
    assertThat(screens.snapshot(show).get("items")).hasSize(34);
  }
}
