package io.livedesk.runsheet;

import io.livedesk.show.ItemRole;
import io.livedesk.show.ItemSpec;
import io.livedesk.show.ItemState;
import io.livedesk.show.RunSheet;
import io.livedesk.show.ShowState;
import io.livedesk.show.Tier;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/**
 * A run-sheet as an .xlsx workbook with the CSV's columns (docs/protocol.md §Run-sheet): a header row, the
 * opening, the items in running order, the closing. Ids and texts are text cells, money (in fen) and counts are
 * numbers, and every field is written out, so that the workbook imports back to the same run-sheet.
 */
public final class RunSheetXlsx {

  private RunSheetXlsx() {
  }

  /** The run-sheet as the show now runs it: the loaded one in running order, swapped roles and slots included. */
  public static RunSheet running(ShowState state) {
    return new RunSheet(state.sheet().opening(), state.sheet().closing(),
        state.running().stream().map(ItemState::spec).toList());
  }

  public static byte[] of(RunSheet sheet) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
    try {
      Workbook workbook = new Workbook(out, "Livedesk", "1.0");
      Worksheet rows = workbook.newWorksheet("run-sheet");
      List<String> columns = CsvSheet.COLUMNS;
      for (int c = 0; c < columns.size(); c++) {
        rows.value(0, c, columns.get(c));
        rows.style(0, c).bold().set();
      }
      rows.freezePane(0, 1);
      int row = 1;
      if (sheet.opening() != null) {
        segment(rows, row++, "opening", sheet.opening());
      }
      for (ItemSpec item : sheet.items()) {
        List<Object> cells = cells(item);
        for (int c = 0; c < cells.size(); c++) {
          value(rows, row, c, cells.get(c));
        }
        row++;
      }
      if (sheet.closing() != null) {
        segment(rows, row, "closing", sheet.closing());
      }
      workbook.finish();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** The item's cells in the order of the CSV's columns; null leaves a cell empty. */
  private static List<Object> cells(ItemSpec item) {
    List<Object> cells = new ArrayList<>(CsvSheet.COLUMNS.size());
    cells.add(item.role().wire());
    cells.add(item.id());
    cells.add(item.name());
    cells.add(item.listPriceCents());
    cells.add(item.livePriceCents());
    cells.add(item.floorPriceCents());
    cells.add(item.stock());
    cells.add(item.limitPerViewer());
    cells.add(item.plannedSeconds());
    cells.add(item.sellingPoints().isEmpty() ? null : String.join("|", item.sellingPoints()));
    cells.add(item.script());
    cells.add(item.tiers().isEmpty() ? null
        : item.tiers().stream().map(RunSheetXlsx::tier).collect(Collectors.joining("|")));
    cells.add(item.role() == ItemRole.LOTTERY ? (Object) item.winners() : null);
    cells.add(item.link());
    cells.add(item.imageUrl());
    cells.add(item.faq() == null ? null : item.faq().stream()
        .map(faq -> String.join("/", faq.keywords()) + "=" + faq.answer()).collect(Collectors.joining("|")));
    return cells;
  }

  private static void segment(Worksheet rows, int row, String role, String script) {
    rows.value(row, CsvSheet.COLUMNS.indexOf("role"), role);
    rows.value(row, CsvSheet.COLUMNS.indexOf("script"), script);
  }

  private static void value(Worksheet rows, int row, int column, Object value) {
    if (value instanceof Number number) {
      rows.value(row, column, number);
    } else if (value != null) {
      rows.value(row, column, value.toString());
    }
  }

  private static String tier(Tier tier) {
    return tier.minUnits() + ":" + tier.priceCents();
  }
}
