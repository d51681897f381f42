package io.livedesk.runsheet;

import io.livedesk.runsheet.CsvRecords.Record;
import io.livedesk.runsheet.ItemFields.TierFields;
import io.livedesk.show.Faq;
import io.livedesk.show.RunSheet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The CSV form of a run-sheet: a header row naming the columns, then one item, opening or closing per row. An
 * .xlsx sheet has the same rows ({@link XlsxRecords}) and goes through the same reading and rules.
 */
final class CsvSheet {

  static final List<String> COLUMNS = List.of("role", "id", "name", "listPriceCents", "livePriceCents",
      "floorPriceCents", "stock", "limitPerViewer", "plannedSeconds", "sellingPoints", "script", "tiers",
      "winners", "link", "imageUrl", "faq");

  private static final List<String> REQUIRED_COLUMNS = List.of("role", "id", "name");
  private static final Pattern BAR = Pattern.compile("\\|");
  private static final Set<String> SEGMENTS = Set.of("opening", "closing");

  private final SheetFormat format;
  private final Problems problems;
  private final List<String> warnings = new ArrayList<>();
  private final Map<String, Integer> columns = new LinkedHashMap<>();

  private CsvSheet(SheetFormat format, Problems problems) {
    this.format = format;
    this.problems = problems;
  }

  static ImportResult read(String text) {
    Problems problems = new Problems();
    return new CsvSheet(SheetFormat.CSV, problems).parse(CsvRecords.parse(text, problems));
  }

  /** Rows another reader found, each numbered as that format shows it; its problems are in {@code problems}. */
  static ImportResult read(List<Record> rows, SheetFormat format, Problems problems) {
    return new CsvSheet(format, problems).parse(rows);
  }

  private ImportResult parse(List<Record> rows) {
    List<Record> records = rows.stream().filter(record -> !record.isBlank()).toList();
    if (records.isEmpty()) {
      problems.add(1, "role", "the sheet is empty: it starts with a header row naming the columns, role among them");
      throw problems.error();
    }
    Record header = records.get(0);
    header(header);
    // without these every row would report the same missing field, so stop at the header
    List<String> missing = REQUIRED_COLUMNS.stream().filter(name -> !columns.containsKey(name)).toList();
    if (!missing.isEmpty()) {
      missing.forEach(name -> problems.add(header.line(), name, "the header row has no " + name + " column"));
      throw problems.error();
    }
    SheetAssembly sheet = new SheetAssembly(format, problems);
    Set<String> segmentsWithExtras = new LinkedHashSet<>();
    for (Record record : records.subList(1, records.size())) {
      extraCells(record, header.cells().size());
      String role = cell(record, "role").trim().toLowerCase(Locale.ROOT);
      if (SEGMENTS.contains(role)) {
        sheet.segment(role, record.line(), "script", cell(record, "script"));
        if (carriesMoreThanScript(record)) {
          segmentsWithExtras.add(format.place(record.line()));
        }
      } else {
        sheet.item(item(record), faq(record));
      }
    }
    RunSheet runSheet = sheet.finish();
    if (!segmentsWithExtras.isEmpty()) {
      warnings.add("opening and closing rows carry only a script; their other cells were ignored ("
          + String.join(", ", segmentsWithExtras) + ")");
    }
    return new ImportResult(runSheet, warnings);
  }

  /** Maps column names to positions; names are trimmed and matched regardless of case. */
  private void header(Record header) {
    Map<String, String> known = new HashMap<>();
    COLUMNS.forEach(name -> known.put(name.toLowerCase(Locale.ROOT), name));
    Set<String> ignored = new LinkedHashSet<>();
    for (int i = 0; i < header.cells().size(); i++) {
      String written = header.cells().get(i).trim();
      if (written.isEmpty()) {
        continue;
      }
      String name = known.get(written.toLowerCase(Locale.ROOT));
      if (name == null) {
        ignored.add(written);
      } else if (columns.putIfAbsent(name, i) != null) {
        problems.add(header.line(), name, "column " + name + " appears twice in the header");
      }
    }
    if (!ignored.isEmpty()) {
      warnings.add("unknown columns were ignored: " + String.join(", ", ignored));
    }
  }

  /** A CSV row longer than the header usually means a cell with a comma that was not quoted. */
  private void extraCells(Record record, int headerSize) {
    if (format != SheetFormat.CSV) {
      return;
    }
    List<String> cells = record.cells();
    for (int i = headerSize; i < cells.size(); i++) {
      if (!cells.get(i).isBlank()) {
        problems.add(record.line(), null, "the row has " + cells.size() + " cells but the header has "
            + headerSize + "; put cells that hold commas in double quotes");
        return;
      }
    }
  }

  private boolean carriesMoreThanScript(Record record) {
    return columns.keySet().stream()
        .filter(name -> !name.equals("role") && !name.equals("script"))
        .anyMatch(name -> !cell(record, name).isBlank());
  }

  private ItemFields item(Record record) {
    Map<String, String> values = new HashMap<>();
    for (String name : columns.keySet()) {
      values.put(name, cell(record, name));
    }
    Set<String> unreadable = new LinkedHashSet<>();
    List<TierFields> tiers = tiers(record, unreadable);
    return new ItemFields(record.line(), values, unreadable, sellingPoints(record), tiers);
  }

  private List<String> sellingPoints(Record record) {
    return Arrays.stream(BAR.split(cell(record, "sellingPoints")))
        .map(String::trim)
        .filter(point -> !point.isEmpty())
        .toList();
  }

  /** "包邮/运费=全国包邮|发货=48小时内发货" → ready answers; null when blank or with a problem (reported). */
  private List<Faq> faq(Record record) {
    String cell = cell(record, "faq");
    if (cell.isBlank()) {
      return null;
    }
    List<Faq> entries = FaqEntries.fromCell(cell);
    if (entries == null) {
      problems.add(record.line(), "faq", FaqEntries.CELL_SHAPE + ", got " + ItemRules.quoted(cell.trim()));
    }
    return entries;
  }

  /** "100:44900|500:39900" → steps; a piece that is not minUnits:priceCents makes the whole cell unreadable. */
  private List<TierFields> tiers(Record record, Set<String> unreadable) {
    String cell = cell(record, "tiers");
    List<TierFields> tiers = new ArrayList<>();
    for (String piece : BAR.split(cell)) {
      if (piece.isBlank()) {
        continue;
      }
      String[] parts = piece.split(":", -1);
      if (parts.length != 2) {
        problems.add(record.line(), "tiers", "tiers must look like 100:44900|500:39900 (minUnits:priceCents), got "
            + ItemRules.quoted(cell.trim()));
        unreadable.add("tiers");
        return List.of();
      }
      tiers.add(new TierFields(parts[0], parts[1]));
    }
    return tiers;
  }

  private String cell(Record record, String name) {
    Integer index = columns.get(name);
    return index == null || index >= record.cells().size() ? "" : record.cells().get(index);
  }
}
