package io.livedesk.runsheet;

import io.livedesk.show.ItemRole;
import io.livedesk.show.RunSheet;
import java.util.ArrayList;
import java.util.List;

/**
 * What the producer sees after an upload, shaped as the reply of {@code PUT /api/shows/{id}/runsheet}:
 * {@code {"items": 34, "counts": {"main":24,"backup":4,"lottery":6}, "plannedSeconds": 7200, "warnings": [...]}}.
 */
public record RunSheetSummary(int items, Counts counts, long plannedSeconds, List<String> warnings) {

  /** Items per role. */
  public record Counts(long main, long backup, long lottery) {

    public static Counts of(RunSheet sheet) {
      return new Counts(sheet.count(ItemRole.MAIN), sheet.count(ItemRole.BACKUP), sheet.count(ItemRole.LOTTERY));
    }
  }

  public RunSheetSummary {
    warnings = List.copyOf(warnings);
  }

  public static RunSheetSummary of(RunSheet sheet, List<String> warnings) {
    return new RunSheetSummary(sheet.items().size(), Counts.of(sheet), sheet.plannedSeconds(), warnings);
  }

  /** The import's own warnings followed by the template's for a show of that many minutes. */
  public static RunSheetSummary of(ImportResult imported, int plannedMinutes) {
    List<String> warnings = new ArrayList<>(imported.warnings());
    warnings.addAll(TemplateCheck.warnings(imported.sheet(), plannedMinutes));
    return of(imported.sheet(), warnings);
  }
}
