package io.livedesk.runsheet;

import io.livedesk.show.RunSheet;
import java.util.ArrayList;
import java.util.List;

/**
 * Compares a run-sheet with the house template (24 main, 4 backup, 6 lottery items, filling the show's
 * planned minutes). A sheet off the template is still loaded: producers change it on purpose, so these
 * are warnings, each a short English sentence followed by the Chinese in brackets.
 */
public final class TemplateCheck {

  public static final int MAIN_ITEMS = 24;
  public static final int BACKUP_ITEMS = 4;
  public static final int LOTTERY_ITEMS = 6;
  /** How far, in percent of the show's planned time, the items' planned total may drift unremarked. */
  public static final int TIME_TOLERANCE_PERCENT = 10;

  private TemplateCheck() {
  }

  /**
   * The ways the sheet differs from the template, in the order main, backup, lottery, time.
   *
   * @param plannedMinutes the show's planned length; 0 or less skips the time check
   */
  public static List<String> warnings(RunSheet sheet, int plannedMinutes) {
    List<String> warnings = new ArrayList<>();
    RunSheetSummary.Counts counts = RunSheetSummary.Counts.of(sheet);
    count(warnings, counts.main(), MAIN_ITEMS, "main", "主推款");
    count(warnings, counts.backup(), BACKUP_ITEMS, "backup", "备用款");
    count(warnings, counts.lottery(), LOTTERY_ITEMS, "lottery", "抽奖");
    long showSeconds = plannedMinutes * 60L;
    long planned = sheet.plannedSeconds();
    if (showSeconds > 0 && Math.abs(planned - showSeconds) * 100 > showSeconds * TIME_TOLERANCE_PERCENT) {
      long minutes = Math.round(planned / 60.0);
      warnings.add("the items are planned for " + minutes + " min but the show for " + plannedMinutes + " min"
          + " (排期合计" + minutes + "分钟，直播计划" + plannedMinutes + "分钟)");
    }
    return warnings;
  }

  private static void count(List<String> warnings, long count, int expected, String role, String chinese) {
    if (count != expected) {
      warnings.add(count + " " + role + " items where the template has " + expected
          + " (" + chinese + count + "个，模板" + expected + "个)");
    }
  }
}
