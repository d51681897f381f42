package io.livedesk.runsheet;

import io.livedesk.runsheet.CsvRecords.Record;
import io.livedesk.runsheet.XlsxStyles.Shown;
import io.livedesk.show.ShowError;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The first sheet of an .xlsx as the rows a CSV of it would hold, each numbered by the row Excel shows, every
 * cell as the text the CSV reader would have found: shared and inline strings (rich text joined), formulas'
 * cached values, numbers exactly as stored (never through a double), dates as ISO dates, and a number shown
 * as yuan (¥12.90) as its fen (1290). What follows is the CSV's: the same header, columns and rules.
 */
final class XlsxRecords {

  /** Enough for the header, the opening, the closing and one item past the most a sheet may hold. */
  static final int MAX_ROWS = RunSheetImport.MAX_ITEMS + 4;
  /** Column CV: far past the sheet's 15 columns, and a bound on the cells a row can make. */
  static final int MAX_COLUMNS = 100;
  /** A number with more digits than this before or after its point is passed on as written, to be refused. */
  private static final int MAX_PLAIN_DIGITS = 40;
  /** More distinct texts than a run-sheet of the most rows and columns could hold. */
  static final int MAX_SHARED_STRINGS = MAX_ROWS * MAX_COLUMNS;
  private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
  /** The last day Excel can show, 9999-12-31. */
  private static final long MAX_SERIAL = 2_958_465;

  private final XlsxPackage workbook;
  private final Problems problems;
  private List<String> sharedStrings = List.of();
  private XlsxStyles styles = XlsxStyles.NONE;
  private boolean date1904;

  private XlsxRecords(XlsxPackage workbook, Problems problems) {
    this.workbook = workbook;
    this.problems = problems;
  }

  /** The rows of the first sheet; cells the reader cannot use are reported to {@code problems} by row. */
  static List<Record> parse(byte[] bytes, Problems problems) {
    XlsxRecords reader = new XlsxRecords(XlsxPackage.unpack(bytes), problems);
    try {
      return reader.read();
    } catch (ShowError e) {
      throw e;
    } catch (XMLStreamException | RuntimeException e) {
      throw XlsxPackage.refused("the workbook's XML cannot be read (" + e.getMessage()
          + "); save it again as Excel 2007-365 .xlsx");
    }
  }

  private List<Record> read() throws XMLStreamException {
    byte[] book = required("xl/workbook.xml");
    String firstSheetId = firstSheet(book);
    Map<String, String> targets = new HashMap<>();
    Map<String, String> byType = new HashMap<>();
    relationships(required("xl/_rels/workbook.xml.rels"), targets, byType);
    String sheetPath = firstSheetId == null ? null : targets.get(firstSheetId);
    if (sheetPath == null || workbook.part(sheetPath) == null) {
      throw XlsxPackage.refused("the workbook has no sheet to read; the run-sheet goes on its first sheet");
    }
    sharedStrings = sharedStrings(workbook.part(byType.getOrDefault("sharedStrings", "xl/sharedStrings.xml")));
    styles = XlsxStyles.parse(workbook.part(byType.getOrDefault("styles", "xl/styles.xml")));
    return rows(workbook.part(sheetPath));
  }

  private byte[] required(String name) {
    byte[] part = workbook.part(name);
    if (part == null) {
      throw XlsxPackage.refused("the file is not an .xlsx workbook (it has no " + name
          + "); save it as Excel 2007-365 .xlsx");
    }
    return part;
  }

  /** The relationship id of the first sheet in the workbook's tab order; notes whether dates count from 1904. */
  private String firstSheet(byte[] book) throws XMLStreamException {
    XMLStreamReader xml = XlsxXml.reader(book);
    while (xml.hasNext()) {
      if (xml.next() != XMLStreamReader.START_ELEMENT) {
        continue;
      }
      if (xml.getLocalName().equals("workbookPr")) {
        String flag = XlsxXml.attribute(xml, "date1904");
        date1904 = "1".equals(flag) || "true".equalsIgnoreCase(flag);
      } else if (xml.getLocalName().equals("sheet")) {
        return XlsxXml.attribute(xml, "id");
      }
    }
    return null;
  }

  /** Targets of the workbook's relationships by id, and by the last word of their type (sharedStrings, styles). */
  private static void relationships(byte[] rels, Map<String, String> targets, Map<String, String> byType)
      throws XMLStreamException {
    XMLStreamReader xml = XlsxXml.reader(rels);
    while (xml.hasNext()) {
      if (xml.next() != XMLStreamReader.START_ELEMENT || !xml.getLocalName().equals("Relationship")) {
        continue;
      }
      String id = XlsxXml.attribute(xml, "Id");
      String target = XlsxXml.attribute(xml, "Target");
      String type = XlsxXml.attribute(xml, "Type");
      if (id == null || target == null) {
        continue;
      }
      String path = target.startsWith("/") ? target.substring(1) : "xl/" + target;
      targets.put(id, path);
      if (type != null) {
        byType.putIfAbsent(type.substring(type.lastIndexOf('/') + 1), path);
      }
    }
  }

  private static List<String> sharedStrings(byte[] part) throws XMLStreamException {
    if (part == null) {
      return List.of();
    }
    List<String> strings = new ArrayList<>();
    XMLStreamReader xml = XlsxXml.reader(part);
    while (xml.hasNext()) {
      if (xml.next() == XMLStreamReader.START_ELEMENT && xml.getLocalName().equals("si")) {
        if (strings.size() == MAX_SHARED_STRINGS) {
          throw XlsxPackage.refused("the workbook holds more than " + MAX_SHARED_STRINGS
              + " different texts; put the run-sheet in a workbook of its own");
        }
        strings.add(XlsxXml.richText(xml));
      }
    }
    return strings;
  }

  private List<Record> rows(byte[] sheet) throws XMLStreamException {
    List<Record> rows = new ArrayList<>();
    XMLStreamReader xml = XlsxXml.reader(sheet);
    int rowNumber = 0;
    int nonBlank = 0;
    while (xml.hasNext() && nonBlank < MAX_ROWS) {
      if (xml.next() != XMLStreamReader.START_ELEMENT || !xml.getLocalName().equals("row")) {
        continue;
      }
      Integer written = positive(XlsxXml.attribute(xml, "r"));
      rowNumber = written == null ? rowNumber + 1 : written;
      Record row = new Record(rowNumber, cells(xml, rowNumber));
      rows.add(row);
      if (!row.isBlank()) {
        nonBlank++;
      }
    }
    return rows;
  }

  /** The cells of the row the reader is on, by column; leaves the reader on the row's end. */
  private List<String> cells(XMLStreamReader xml, int rowNumber) throws XMLStreamException {
    List<String> cells = new ArrayList<>();
    int column = -1;
    boolean tooWide = false;
    while (true) {
      int event = xml.next();
      if (event == XMLStreamReader.END_ELEMENT && xml.getLocalName().equals("row")) {
        return cells;
      }
      if (event != XMLStreamReader.START_ELEMENT || !xml.getLocalName().equals("c")) {
        continue;
      }
      String reference = XlsxXml.attribute(xml, "r");
      Integer at = reference == null ? null : column(reference);
      column = at == null ? column + 1 : at;
      String text = cell(xml, rowNumber, reference);
      if (column >= MAX_COLUMNS) {
        if (!tooWide && !text.isBlank()) {
          problems.add(rowNumber, null, "cell " + reference + " is past column CV; a run-sheet has at most "
              + MAX_COLUMNS + " columns");
          tooWide = true;
        }
        continue;
      }
      while (cells.size() < column) {
        cells.add("");
      }
      if (cells.size() == column) {
        cells.add(text);
      } else {
        cells.set(column, text);
      }
    }
  }

  /** The text of the cell the reader is on; leaves the reader on the cell's end. */
  private String cell(XMLStreamReader xml, int rowNumber, String reference) throws XMLStreamException {
    String type = XlsxXml.attribute(xml, "t");
    String style = XlsxXml.attribute(xml, "s");
    String value = null;
    String inline = null;
    while (true) {
      int event = xml.next();
      if (event == XMLStreamReader.END_ELEMENT && xml.getLocalName().equals("c")) {
        break;
      }
      if (event != XMLStreamReader.START_ELEMENT) {
        continue;
      }
      if (xml.getLocalName().equals("v")) {
        value = xml.getElementText();
      } else if (xml.getLocalName().equals("is")) {
        inline = XlsxXml.richText(xml);
      }
    }
    if ("inlineStr".equals(type)) {
      return inline == null ? "" : inline;
    }
    if (value == null) {
      // a formula never calculated, or a cell with only a style
      return "";
    }
    return switch (type == null ? "n" : type) {
      case "s" -> shared(value, rowNumber, reference);
      case "str", "e", "d" -> XlsxXml.unescaped(value);
      case "b" -> "1".equals(value.trim()) ? "TRUE" : "FALSE";
      default -> number(value.trim(), styles.shown(style));
    };
  }

  private String shared(String value, int rowNumber, String reference) {
    Integer index = positiveOrZero(value);
    if (index == null || index >= sharedStrings.size()) {
      problems.add(rowNumber, null, "cell " + reference + " refers to shared string " + ItemRules.quoted(value.trim())
          + ", which the workbook does not have; save it again from the spreadsheet program");
      return "";
    }
    return sharedStrings.get(index);
  }

  /** The number as stored, written out without exponent; a date as an ISO date; yuan as whole fen. */
  private String number(String stored, Shown shown) {
    BigDecimal number;
    try {
      number = new BigDecimal(stored);
    } catch (NumberFormatException e) {
      return stored;
    }
    if (Math.abs(number.precision() - number.scale()) > MAX_PLAIN_DIGITS || Math.abs(number.scale()) > MAX_PLAIN_DIGITS) {
      return stored;
    }
    if (shown == Shown.YUAN) {
      number = number.movePointRight(2);
    } else if (shown == Shown.DATE && number.signum() >= 0 && number.compareTo(BigDecimal.valueOf(MAX_SERIAL)) <= 0) {
      return date(number);
    }
    return plain(number);
  }

  /** 1290.00 → "1290", 12.90 → "12.9", 6.9E+12 → "6900000000000". */
  private static String plain(BigDecimal number) {
    if (number.signum() == 0) {
      return "0";
    }
    return number.stripTrailingZeros().toPlainString();
  }

  /** A date serial as the spreadsheet shows it, to the second: a whole day as yyyy-MM-dd, less than a day as a time. */
  private String date(BigDecimal serial) {
    long seconds = serial.multiply(BigDecimal.valueOf(86_400)).setScale(0, RoundingMode.HALF_UP).longValueExact();
    long days = seconds / 86_400;
    // 1900-based serials count a 29 February 1900 that never was, so days before it start a day later
    LocalDate epoch = date1904 ? LocalDate.of(1904, 1, 1) : days < 60 ? LocalDate.of(1899, 12, 31)
        : LocalDate.of(1899, 12, 30);
    LocalDateTime at = epoch.atStartOfDay().plusSeconds(seconds);
    if (seconds % 86_400 == 0) {
      return at.toLocalDate().toString();
    }
    return days == 0 ? at.format(TIME) : at.format(DATE_TIME);
  }

  /** "AB12" → 27; null when the reference is not letters then digits. */
  static Integer column(String reference) {
    int column = 0;
    int i = 0;
    while (i < reference.length() && Character.isLetter(reference.charAt(i))) {
      char c = Character.toUpperCase(reference.charAt(i));
      if (c < 'A' || c > 'Z' || i >= 3) {
        return null;
      }
      column = column * 26 + (c - 'A' + 1);
      i++;
    }
    return i == 0 ? null : column - 1;
  }

  private static Integer positive(String text) {
    Integer number = positiveOrZero(text);
    return number == null || number == 0 ? null : number;
  }

  private static Integer positiveOrZero(String text) {
    if (text == null || text.isBlank() || text.trim().length() > 9) {
      return null;
    }
    try {
      int number = Integer.parseInt(text.trim());
      return number < 0 ? null : number;
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
