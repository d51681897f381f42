package io.livedesk.runsheet;

/**
 * Reads a run-sheet uploaded as CSV, .xlsx or JSON (docs/protocol.md §Run-sheet) and checks every rule at once.
 *
 * <p>A sheet with problems is refused whole with {@code ShowError(INVALID_ARGUMENT, "run-sheet has N
 * problems", details)}, one {@code Detail(line, field, message)} per problem, all of them, so the producer
 * fixes the sheet in one pass. {@code field} is the name as docs/protocol.md spells it ({@code priceCents}
 * fields, {@code tiers}, {@code winners}…); it is null when a problem belongs to no single field.
 *
 * <p>What {@code line} means:
 * <ul>
 *   <li>CSV: the physical line where the record starts, the header being line 1. A quoted script with
 *       line breaks makes the records after it start further down, as a text editor shows them.</li>
 *   <li>.xlsx: the row number the spreadsheet shows beside the row, on the workbook's first sheet.</li>
 *   <li>JSON: the 1-based position of the item in {@code items}; null for {@code opening},
 *       {@code closing} and {@code items} themselves; for malformed JSON, the parser's line.</li>
 * </ul>
 *
 * <p>Defaults: {@code plannedSeconds} 300 for a main item and 0 otherwise; no {@code limitPerViewer}
 * means no limit; no {@code floorPriceCents} means no floor. A lottery item needs {@code winners} ≥ 1
 * and may leave prices and stock at 0 or out; main and backup items need prices of at least 1 fen.
 * Roles are matched regardless of case. JSON numbers may also be given as strings of digits.
 */
public final class RunSheetImport {

  public static final int MAX_ITEMS = 500;
  public static final int MAX_ID_LENGTH = 64;
  public static final int MAX_NAME_LENGTH = 200;
  public static final int MAX_SCRIPT_LENGTH = 5000;
  public static final int MAX_ADDRESS_LENGTH = 2000;
  public static final int MAX_SELLING_POINTS = 20;
  public static final int MAX_TIERS = 20;

  private RunSheetImport() {
  }

  /** A CSV sheet in UTF-8 (with or without BOM) or GB18030. */
  public static ImportResult fromCsv(byte[] bytes) {
    return CsvSheet.read(SheetText.csv(bytes));
  }

  /** The first sheet of an .xlsx workbook, with the CSV's columns; its rows go through the CSV's reading and rules. */
  public static ImportResult fromXlsx(byte[] bytes) {
    Problems problems = new Problems();
    return CsvSheet.read(XlsxRecords.parse(bytes, problems), SheetFormat.XLSX, problems);
  }

  /** A JSON sheet in UTF-8 (with or without BOM). */
  public static ImportResult fromJson(byte[] bytes) {
    return JsonSheet.read(SheetText.json(bytes));
  }
}
