package io.livedesk.runsheet;

import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 records, each with the physical line it starts on: a quoted cell may hold commas, doubled
 * quotes and line breaks, so a record and a line are not the same thing.
 */
final class CsvRecords {

  /** One record: the physical line (1-based) of its first character and its cells, unquoted. */
  record Record(int line, List<String> cells) {

    Record {
      cells = List.copyOf(cells);
    }

    boolean isBlank() {
      return cells.stream().allMatch(String::isBlank);
    }
  }

  private final String text;
  private final Problems problems;
  private final List<Record> records = new ArrayList<>();
  private final List<String> cells = new ArrayList<>();
  private final StringBuilder cell = new StringBuilder();
  private int line = 1;
  private int recordLine = 1;
  private boolean cellWasQuoted;
  private boolean strayTextReported;

  private CsvRecords(String text, Problems problems) {
    this.text = text;
    this.problems = problems;
  }

  /** The records of the text; a quote left open or text after a closing quote is reported, not guessed at. */
  static List<Record> parse(String text, Problems problems) {
    return new CsvRecords(text, problems).parse();
  }

  private List<Record> parse() {
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '"' && cell.length() == 0 && !cellWasQuoted) {
        i = quoted(i + 1);
      } else if (c == ',') {
        endCell();
        i++;
      } else if (c == '\r' || c == '\n') {
        endRecord();
        i += breakLength(i);
        line++;
        recordLine = line;
      } else {
        if (cellWasQuoted && !strayTextReported) {
          problems.add(recordLine, null,
              "text after a closing quote; quote the whole cell and double the quotes inside it");
          strayTextReported = true;
        }
        cell.append(c);
        i++;
      }
    }
    if (!cells.isEmpty() || cell.length() > 0 || cellWasQuoted) {
      endRecord();
    }
    return records;
  }

  /** Reads a quoted cell from just after its opening quote; returns the index after its closing quote. */
  private int quoted(int start) {
    cellWasQuoted = true;
    int i = start;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '"') {
        if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
          cell.append('"');
          i += 2;
          continue;
        }
        return i + 1;
      }
      if (c == '\n' || (c == '\r' && breakLength(i) == 1)) {
        line++;
      }
      cell.append(c);
      i++;
    }
    problems.add(recordLine, null, "a quoted cell that starts on this line is never closed");
    return i;
  }

  /** 2 for CRLF, 1 for a lone CR or LF. */
  private int breakLength(int i) {
    return text.charAt(i) == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n' ? 2 : 1;
  }

  private void endCell() {
    cells.add(cell.toString());
    cell.setLength(0);
    cellWasQuoted = false;
  }

  private void endRecord() {
    endCell();
    records.add(new Record(recordLine, cells));
    cells.clear();
    strayTextReported = false;
  }
}
