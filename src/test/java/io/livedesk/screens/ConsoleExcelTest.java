package io.livedesk.screens;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import io.livedesk.testing.Api;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The console's run-sheet drop zone takes an Excel workbook like a CSV or JSON one. */
class ConsoleExcelTest {

  static final Path SHEETS = Path.of("src/test/resources/runsheets/xlsx");

  @RegisterExtension
  static final Screens screens = Screens.perClass();

  @Test
  @DisplayName("an .xlsx dropped on the page is sent as .xlsx and loaded")
  void dropXlsx() throws Exception {
    Api.Show show = screens.api.createShow("开播前 · Excel");
    Page console = screens.console(show);
    // no type on the file: the console knows the workbook by its name
    Screens.dropSheet(console, "排期表.xlsx", "", SHEETS.resolve("sample-runsheet.xlsx"));

    assertThat(console.textContent("#sheet-summary")).contains("34");
    console.waitForSelector("#draft-items tbody tr >> nth=33");
    assertThat(console.textContent("#draft-items tbody tr:first-child .name")).isEqualTo("智利JJ级车厘子 10斤装");
    assertThat(screens.snapshot(show).get("items")).hasSize(34);
    console.close();
  }

  @Test
  @DisplayName("a broken .xlsx chosen in the file picker lists each problem at its Excel row")
  void brokenXlsx() {
    Api.Show show = screens.api.createShow("开播前 · Excel 错误");
    Page console = screens.console(show);

    screens.chooseRefusedSheet(console, SHEETS.resolve("multiline-script.xlsx"));
    assertThat(Screens.sheetProblems(console)).containsExactly("4|name", "5|livePriceCents", "6|stock");
    assertThat(screens.snapshot(show).get("items")).isEmpty();
    console.close();
  }
}
