package io.livedesk.runsheet;

import static org.assertj.core.api.Assertions.assertThat;

import io.livedesk.show.ShowError;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;

@DisplayName("a digit string longer than any allowed number is refused at once, with its line and field")
@Timeout(5)
class LongNumbersTest {

  private static final String DIGITS = "9".repeat(900_000);

  @Test
  @DisplayName("CSV: a 900,000-digit stock is one problem on its line, quoted short")
  void csv() {
    String sheet = "role,id,name,listPriceCents,livePriceCents,stock\nmain,A,Apple,1000,900," + DIGITS + "\n";

    ShowError.Detail detail = onlyProblemAt(() -> RunSheetImport.fromCsv(utf8(sheet)), 2, "stock");

    assertThat(detail.message()).contains("900000 characters").hasSizeLessThan(200);
  }

  @Test
  @DisplayName("CSV: a long number inside a tier names the tiers field")
  void csvTier() {
    String sheet = "role,id,name,listPriceCents,livePriceCents,stock,tiers\nmain,A,Apple,1000,900,5,10:"
        + DIGITS + "\n";

    onlyProblemAt(() -> RunSheetImport.fromCsv(utf8(sheet)), 2, "tiers");
  }

  @Test
  @DisplayName("JSON: digits in a string are refused with the item's position and field")
  void jsonString() {
    String sheet = "{\"items\": [{\"id\": \"A\", \"role\": \"main\", \"name\": \"Apple\", \"listPriceCents\": 1000,"
        + " \"livePriceCents\": 900, \"stock\": \"" + DIGITS + "\"}]}";

    onlyProblemAt(() -> RunSheetImport.fromJson(utf8(sheet)), 1, "stock");
  }

  @Test
  @DisplayName("JSON: a number literal that long is refused while it is read, naming its field")
  void jsonLiteral() {
    String sheet = "{\"items\": [{\"id\": \"A\", \"role\": \"main\", \"name\": \"Apple\",\n \"listPriceCents\": "
        + DIGITS + "}]}";

    ShowError.Detail detail = onlyProblemAt(() -> RunSheetImport.fromJson(utf8(sheet)), 2, "listPriceCents");

    assertThat(detail.message()).hasSizeLessThan(200);
  }

  @Test
  @DisplayName("twenty digits are already too many: no number on a run-sheet needs them")
  void twentyDigits() {
    String sheet = "role,id,name,listPriceCents,livePriceCents,stock\nmain,A,Apple,1000,900," + "1".repeat(20) + "\n";

    ShowError.Detail detail = onlyProblem(() -> RunSheetImport.fromCsv(utf8(sheet)));

    assertThat(detail.field()).isEqualTo("stock");
  }

  /** The one problem an import is refused with, after checking the refusal names exactly one. */
  private static ShowError.Detail onlyProblem(Executable importing) {
    ShowError error = Sheets.refusal(importing);
    assertThat(error.details()).hasSize(1);
    return error.details().get(0);
  }

  /** The one problem, checked to be on this line (or item) and field. */
  private static ShowError.Detail onlyProblemAt(Executable importing, int line, String field) {
    ShowError.Detail detail = onlyProblem(importing);
    assertThat(detail.line()).isEqualTo(line);
    assertThat(detail.field()).isEqualTo(field);
    return detail;
  }

  private static byte[] utf8(String sheet) {
    return sheet.getBytes(StandardCharsets.UTF_8);
  }
}
