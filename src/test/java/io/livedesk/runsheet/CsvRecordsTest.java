package io.livedesk.runsheet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.livedesk.runsheet.CsvRecords.Record;
import io.livedesk.show.ShowError.Detail;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CsvRecordsTest {

  private final Problems problems = new Problems();

  private List<Record> parse(String text) {
    return CsvRecords.parse(text, problems);
  }

  @Test
  @DisplayName("plain rows split on commas, with LF or CRLF endings and no record for the final line break")
  void plainRows() {
    assertThat(parse("a,b,c\r\n1,2,3\n4,,6\n"))
        .extracting(Record::line, Record::cells)
        .containsExactly(
            tuple(1, List.of("a", "b", "c")),
            tuple(2, List.of("1", "2", "3")),
            tuple(3, List.of("4", "", "6")));
    assertThat(problems.size()).isZero();
  }

  @Test
  @DisplayName("a quoted cell keeps commas, doubled quotes and line breaks exactly")
  void quotedCells() {
    List<Record> records = parse("x,\"a, \"\"b\"\"\r\nc\nd\"\r\ny,\"\"\r\n");
    assertThat(records).extracting(Record::cells).containsExactly(
        List.of("x", "a, \"b\"\r\nc\nd"),
        List.of("y", ""));
  }

  @Test
  @DisplayName("a record after a cell with line breaks starts on the physical line where it begins")
  void physicalLines() {
    List<Record> records = parse("h\r\n\"one\r\ntwo\nthree\rfour\"\r\nnext\r\n\r\nlast");
    assertThat(records).extracting(Record::line).containsExactly(1, 2, 6, 7, 8);
    assertThat(records.get(3).isBlank()).isTrue();
  }

  @Test
  @DisplayName("a quote that never closes is reported on the line the record starts")
  void unclosedQuote() {
    List<Record> records = parse("h\n\"open,\nstill open\n");
    assertThat(records).extracting(Record::line).containsExactly(1, 2);
    assertThat(problems.error().details())
        .containsExactly(new Detail(2, null, "a quoted cell that starts on this line is never closed"));
  }

  @Test
  @DisplayName("text after a closing quote is reported once per record rather than guessed at")
  void textAfterClosingQuote() {
    parse("h\n\"a\"b,\"c\"d\n");
    assertThat(problems.error().details()).extracting(Detail::line).containsExactly(2);
  }

  @Test
  @DisplayName("a quote inside an unquoted cell is an ordinary character")
  void quoteInsideUnquotedCell() {
    assertThat(parse("5\"屏幕,b")).extracting(Record::cells).containsExactly(List.of("5\"屏幕", "b"));
    assertThat(problems.size()).isZero();
  }
}
