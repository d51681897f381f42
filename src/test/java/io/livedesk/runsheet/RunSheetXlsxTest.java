package io.livedesk.runsheet;

import static org.assertj.core.api.Assertions.assertThat;

import io.livedesk.show.RunSheet;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import org.dhatim.fastexcel.reader.CellType;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The run-sheet written as .xlsx: it imports back to itself, and another reader sees text and numbers in place. */
class RunSheetXlsxTest {

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"xlsx/sample-runsheet.xlsx", "xlsx/mixed-cells.xlsx"})
  @DisplayName("a run-sheet written as .xlsx imports back to the same run-sheet")
  void roundTrip(String fixture) {
    RunSheet sheet = RunSheetImport.fromXlsx(Sheets.bytes(fixture)).sheet();

    assertThat(RunSheetImport.fromXlsx(RunSheetXlsx.of(sheet)).sheet()).isEqualTo(sheet);
  }

  @Test
  @DisplayName("ids are text even when all digits, money in fen and counts are numbers, a script keeps its line breaks")
  void cellsAsAnotherReaderSeesThem() throws IOException {
    RunSheet sheet = RunSheetImport.fromXlsx(Sheets.bytes("xlsx/mixed-cells.xlsx")).sheet();

    try (ReadableWorkbook book = new ReadableWorkbook(new ByteArrayInputStream(RunSheetXlsx.of(sheet)))) {
      List<Row> rows = book.getFirstSheet().read();
      assertThat(rows.get(0).stream().map(cell -> cell.getRawValue()).toList()).isEqualTo(CsvSheet.COLUMNS);
      assertThat(rows.get(1).getCell(0).getRawValue()).isEqualTo("opening");
      Row phoneCase = rows.get(2);
      assertThat(phoneCase.getCell(1).getType()).isEqualTo(CellType.STRING);
      assertThat(phoneCase.getCell(1).getRawValue()).isEqualTo("6901234567890");
      assertThat(phoneCase.getCell(3).getType()).isEqualTo(CellType.NUMBER);
      assertThat(phoneCase.getCell(3).asNumber()).isEqualByComparingTo("1290");
      assertThat(phoneCase.getCell(10).getRawValue()).isEqualTo(sheet.items().get(0).script()).contains("\n\n");
      assertThat(rows).hasSize(1 + 1 + 3);
    }
  }
}
