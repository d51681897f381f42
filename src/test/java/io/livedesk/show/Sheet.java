package io.livedesk.show;

import java.util.List;

/**
 * A small run-sheet for the rules: opening, three main items, a backup, a lottery prize, closing.
 * CHERRY has a floor; GRAPE has none; PEACH is the backup; PRIZE is given away.
 */
final class Sheet {

  static final String CHERRY = "CHERRY";
  static final String GRAPE = "GRAPE";
  static final String DURIAN = "DURIAN";
  static final String PEACH = "PEACH";
  static final String PRIZE = "PRIZE";

  static final RunSheet SHEET = new RunSheet("Welcome to the show", "Thanks for watching", List.of(
      item(CHERRY, ItemRole.MAIN, 49_900, 44_900, 29_900L, 800),
      item(GRAPE, ItemRole.MAIN, 12_800, 8_800, null, 500),
      item(PRIZE, ItemRole.LOTTERY, 0, 0, null, 0),
      item(DURIAN, ItemRole.MAIN, 26_800, 19_900, 15_900L, 300),
      item(PEACH, ItemRole.BACKUP, 5_990, 3_490, 2_590L, 600)));

  /** The same items without opening and closing scripts. */
  static final RunSheet BARE = new RunSheet(null, "  ", SHEET.items());

  private Sheet() {
  }

  static ItemSpec item(String id, ItemRole role, long list, long live, Long floor, long stock) {
    long planned = role == ItemRole.MAIN ? ItemSpec.DEFAULT_MAIN_SECONDS : 0;
    int winners = role == ItemRole.LOTTERY ? 3 : 0;
    return new ItemSpec(id, role, id.toLowerCase(java.util.Locale.ROOT), list, live, floor, stock, null, planned,
        "script of " + id, List.of("fresh"), null, null, List.of(), winners);
  }

  static Event loaded() {
    return new Event.RunSheetLoaded(SHEET);
  }

  static Event started() {
    return new Event.ShowStarted();
  }

  static Event ended() {
    return new Event.ShowEnded();
  }

  static Event cued(String itemId, String fromItemId, String fromSegment) {
    return new Event.CueChanged(itemId, null, fromItemId, fromSegment);
  }

  static Event cuedSegment(String segment, String fromItemId, String fromSegment) {
    return new Event.CueChanged(null, segment, fromItemId, fromSegment);
  }

  /** A live show with the sample sheet, the opening on air. */
  static Event[] live() {
    return new Event[] {loaded(), started(), cuedSegment(Cue.OPENING, null, null)};
  }
}
