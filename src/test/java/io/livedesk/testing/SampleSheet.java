package io.livedesk.testing;

/** Items of the sample run-sheet ({@code src/test/resources/runsheets/sample-runsheet.csv}) that tests pick. */
public final class SampleSheet {

  /** Shine Muscat grapes, a main item. */
  public static final String GRAPE = "SHINE-MUSCAT-2";
  /** JJ cherries, the first main item. */
  public static final String CHERRY = "JJ-CHERRY-10";

  private SampleSheet() {
  }
}
