package io.livedesk.runsheet;

import io.livedesk.show.Faq;
import io.livedesk.show.ItemSpec;
import io.livedesk.show.RunSheet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Puts the segments and items a reader finds into one run-sheet, checking what spans more than one item. */
final class SheetAssembly {

  private final SheetFormat format;
  private final Problems problems;
  private final Map<String, Integer> firstLineById = new HashMap<>();
  private final Map<String, Integer> segmentLines = new HashMap<>();
  private final List<ItemSpec> items = new ArrayList<>();
  private int itemCount;
  private String opening;
  private String closing;
  private List<Faq> faq;

  SheetAssembly(SheetFormat format, Problems problems) {
    this.format = format;
    this.problems = problems;
  }

  /**
   * The opening or closing script.
   *
   * @param line the CSV line of its row, null in JSON where it is a top-level field
   * @param field the name to report problems under: "script" for a CSV row, "opening"/"closing" in JSON
   */
  void segment(String segment, Integer line, String field, String script) {
    if (line != null) {
      Integer first = segmentLines.putIfAbsent(segment, line);
      if (first != null) {
        problems.add(line, "role", "a second " + segment + " row; the first is on " + format.place(first));
        return;
      }
    }
    String value = script == null || script.isBlank() ? null : script;
    if (value != null && value.codePointCount(0, value.length()) > RunSheetImport.MAX_SCRIPT_LENGTH) {
      problems.add(line, field, field + " is longer than " + RunSheetImport.MAX_SCRIPT_LENGTH + " characters");
    }
    if (segment.equals("opening")) {
      opening = value;
    } else {
      closing = value;
    }
  }

  /** The show's own ready answers (docs/protocol.md §Comments). */
  void faq(List<Faq> answers) {
    faq = answers;
  }

  void item(ItemFields fields) {
    item(fields, null);
  }

  /** An item with its ready answers, already checked by the reader. */
  void item(ItemFields fields, List<Faq> answers) {
    itemCount++;
    if (itemCount > RunSheetImport.MAX_ITEMS) {
      // one problem for the overflow, not one per extra item
      if (itemCount == RunSheetImport.MAX_ITEMS + 1) {
        problems.add(fields.line(), "items", "a run-sheet holds at most " + RunSheetImport.MAX_ITEMS + " items");
      }
      return;
    }
    ItemSpec item = ItemRules.check(fields, format, problems, firstLineById);
    if (item != null) {
      items.add(answers == null ? item : item.withFaq(answers));
    }
  }

  /** The run-sheet, or the ShowError that lists every problem found. */
  RunSheet finish() {
    if (itemCount == 0) {
      problems.add(null, "items", "the run-sheet has no items");
    }
    problems.throwIfAny();
    return new RunSheet(opening, closing, items, faq);
  }
}
