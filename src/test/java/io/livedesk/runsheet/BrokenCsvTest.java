package io.livedesk.runsheet;

import static io.livedesk.runsheet.Sheets.csvRefusal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.livedesk.show.ShowError;
import io.livedesk.show.ShowError.Detail;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Each fixture under runsheets/broken/ and exactly the problems it must report. */
class BrokenCsvTest {

  @Test
  @DisplayName("a duplicate id is reported on its second use and names the line of the first")
  void duplicateId() {
    assertThat(csvRefusal("broken/duplicate-id.csv").details())
        .containsExactly(new Detail(4, "id", "id A-1 is already used on line 2"));
  }

  @Test
  @DisplayName("a missing or blank name is a problem")
  void missingName() {
    assertThat(csvRefusal("broken/missing-name.csv").details())
        .containsExactly(new Detail(2, "name", "name is required"), new Detail(3, "name", "name is required"));
  }

  @Test
  @DisplayName("a role other than main, backup, lottery, opening or closing is a problem; case does not matter")
  void badRole() {
    assertThat(csvRefusal("broken/bad-role.csv").details()).containsExactly(
        new Detail(2, "role", "role must be main, backup, lottery, opening or closing, got \"promo\""),
        new Detail(3, "role", "role is required: main, backup, lottery, opening or closing"));
  }

  @Test
  @DisplayName("prices must be whole fen: 12.5, abc, 1e3, negatives and a zero price on a sold item are refused")
  void badPrices() {
    assertThat(csvRefusal("broken/bad-prices.csv").details()).containsExactly(
        new Detail(2, "listPriceCents", "listPriceCents must be a whole number of fen, got \"12.5\""),
        new Detail(3, "livePriceCents", "livePriceCents must be a whole number of fen, got \"abc\""),
        new Detail(4, "floorPriceCents", "floorPriceCents must be a whole number of fen, got \"1e3\""),
        new Detail(5, "listPriceCents", "listPriceCents must not be negative, got -100"),
        new Detail(6, "listPriceCents", "listPriceCents must be at least 1, got 0"),
        new Detail(6, "livePriceCents", "livePriceCents must be at least 1, got 0"));
  }

  @Test
  @DisplayName("negative or missing stock on a sold item is refused; a lottery item may leave it out")
  void negativeStock() {
    assertThat(csvRefusal("broken/negative-stock.csv").details()).containsExactly(
        new Detail(2, "stock", "stock must not be negative, got -5"),
        new Detail(3, "stock", "stock is required"),
        new Detail(4, "winners", "winners is required for a lottery item: how many prizes it gives"));
  }

  @Test
  @DisplayName("a live price above the list price is refused; equal is fine")
  void liveAboveList() {
    assertThat(csvRefusal("broken/live-above-list.csv").details()).containsExactly(
        new Detail(2, "livePriceCents", "livePriceCents 1200 (¥12.00) is above listPriceCents 1000 (¥10.00)"));
  }

  @Test
  @DisplayName("a floor price above the live price is refused; equal is fine")
  void floorAboveLive() {
    assertThat(csvRefusal("broken/floor-above-live.csv").details()).containsExactly(
        new Detail(2, "floorPriceCents", "floorPriceCents 900 (¥9.00) is above livePriceCents 800 (¥8.00)"));
  }

  @Test
  @DisplayName("tiers must rise in minUnits, fall in price, stay at or under the live price and be well formed")
  void badTiers() {
    assertThat(csvRefusal("broken/bad-tiers.csv").details()).containsExactly(
        new Detail(2, "tiers", "tiers step 2 minUnits 100 must be more than the 500 of the step before"),
        new Detail(3, "tiers",
            "tiers step 2 price 44900 (¥449.00) must be below the 39900 (¥399.00) of the step before"),
        new Detail(4, "tiers", "tiers step 1 price 50000 (¥500.00) is above livePriceCents 49900 (¥499.00)"),
        new Detail(5, "tiers", "tiers step 1 minUnits must be at least 1, got 0"),
        new Detail(6, "tiers", "tiers must look like 100:44900|500:39900 (minUnits:priceCents), got \"100-44900\""),
        new Detail(7, "tiers", "tiers step 1 priceCents must be a whole number of fen, got \"449.00\""));
  }

  @Test
  @DisplayName("a lottery item needs at least one winner, and only lottery items may name winners")
  void lotteryWinners() {
    assertThat(csvRefusal("broken/lottery-winners.csv").details()).containsExactly(
        new Detail(2, "winners", "winners is required for a lottery item: how many prizes it gives"),
        new Detail(3, "winners", "winners must be at least 1, got 0"),
        new Detail(4, "winners", "winners is only for lottery items"));
  }

  @Test
  @DisplayName("an id is 1 to 64 of A-Z a-z 0-9 . _ -")
  void badIds() {
    assertThat(csvRefusal("broken/bad-ids.csv").details()).containsExactly(
        new Detail(2, "id", "id may hold only letters A-Z a-z, digits and . _ -, got \"JJ 01\""),
        new Detail(3, "id", "id is longer than 64 characters"),
        new Detail(4, "id", "id is required"),
        new Detail(5, "id", "id may hold only letters A-Z a-z, digits and . _ -, got \"车厘子\""));
  }

  @Test
  @DisplayName("limitPerViewer must be at least 1 when given, plannedSeconds must not be negative")
  void badLimits() {
    assertThat(csvRefusal("broken/bad-limits.csv").details()).containsExactly(
        new Detail(2, "limitPerViewer", "limitPerViewer must be at least 1, got 0"),
        new Detail(3, "limitPerViewer", "limitPerViewer must not be negative, got -1"),
        new Detail(4, "plannedSeconds", "plannedSeconds must not be negative, got -60"));
  }

  @Test
  @DisplayName("a sheet has one opening and one closing row at most")
  void twoOpenings() {
    assertThat(csvRefusal("broken/two-openings.csv").details()).containsExactly(
        new Detail(4, "role", "a second opening row; the first is on line 2"),
        new Detail(6, "role", "a second closing row; the first is on line 5"));
  }

  @Test
  @DisplayName("after a quoted script with line breaks, problems point at the physical line where each row starts")
  void multilineScriptThenBadRows() {
    assertThat(csvRefusal("broken/multiline-script.csv").details())
        .extracting(Detail::line, Detail::field)
        .containsExactly(tuple(7, "name"), tuple(8, "livePriceCents"), tuple(10, "stock"));
  }

  @Test
  @DisplayName("a quote that never closes is reported where its row starts")
  void unclosedQuote() {
    assertThat(csvRefusal("broken/unclosed-quote.csv").details())
        .containsExactly(new Detail(2, null, "a quoted cell that starts on this line is never closed"));
  }

  @Test
  @DisplayName("a sheet with only an opening and a closing has no items")
  void noItems() {
    assertThat(csvRefusal("broken/no-items.csv").details())
        .containsExactly(new Detail(null, "items", "the run-sheet has no items"));
  }

  @Test
  @DisplayName("a sheet with many problems reports all of them at once, in sheet order")
  void severalProblems() {
    ShowError error = csvRefusal("broken/several-problems.csv");

    assertThat(error.getMessage()).isEqualTo("run-sheet has 10 problems");
    assertThat(error.details()).extracting(Detail::line, Detail::field).containsExactly(
        tuple(2, "name"),
        tuple(3, "livePriceCents"),
        tuple(3, "stock"),
        tuple(4, "role"),
        tuple(5, "id"),
        tuple(6, "winners"),
        tuple(7, null),
        tuple(8, "floorPriceCents"),
        tuple(8, "tiers"),
        tuple(8, "tiers"));
    assertThat(error.details().get(4).message()).isEqualTo("id K-1 is already used on line 2");
    assertThat(error.details().get(6).message())
        .isEqualTo("the row has 11 cells but the header has 10; put cells that hold commas in double quotes");
  }
}
