package io.livedesk.runsheet;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.livedesk.json.Json;
import io.livedesk.show.ItemRole;
import io.livedesk.show.ItemSpec;
import io.livedesk.show.RunSheet;
import io.livedesk.show.Tier;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Writes a run-sheet in the two forms docs/protocol.md §Run-sheet describes, as a producer's spreadsheet or
 * script would, so an import can be checked against the sheet it came from. The server has no export.
 */
final class SheetExport {

  private SheetExport() {
  }

  /** The JSON form; optional fields that are absent are left out, {@code plannedSeconds} only when asked. */
  static ObjectNode json(RunSheet sheet, boolean writeDefaults) {
    ObjectNode root = Json.object();
    if (sheet.opening() != null) {
      root.put("opening", sheet.opening());
    }
    if (sheet.closing() != null) {
      root.put("closing", sheet.closing());
    }
    ArrayNode items = root.putArray("items");
    for (ItemSpec item : sheet.items()) {
      ObjectNode node = items.addObject();
      node.put("id", item.id());
      node.put("role", item.role().wire());
      node.put("name", item.name());
      node.put("listPriceCents", item.listPriceCents());
      node.put("livePriceCents", item.livePriceCents());
      if (item.floorPriceCents() != null) {
        node.put("floorPriceCents", item.floorPriceCents());
      }
      node.put("stock", item.stock());
      if (item.limitPerViewer() != null) {
        node.put("limitPerViewer", item.limitPerViewer());
      }
      if (writeDefaults || item.plannedSeconds() != defaultSeconds(item)) {
        node.put("plannedSeconds", item.plannedSeconds());
      }
      if (item.script() != null) {
        node.put("script", item.script());
      }
      if (!item.sellingPoints().isEmpty()) {
        item.sellingPoints().forEach(node.putArray("sellingPoints")::add);
      }
      if (item.link() != null) {
        node.put("link", item.link());
      }
      if (item.imageUrl() != null) {
        node.put("imageUrl", item.imageUrl());
      }
      if (!item.tiers().isEmpty()) {
        ArrayNode tiers = node.putArray("tiers");
        item.tiers().forEach(tier -> tiers.addObject().put("minUnits", tier.minUnits()).put("priceCents", tier.priceCents()));
      }
      if (item.role() == ItemRole.LOTTERY) {
        node.put("winners", item.winners());
      }
    }
    return root;
  }

  /** The CSV text: a header with every column, opening and closing rows around the items, RFC 4180 quoting. */
  static String csv(RunSheet sheet, boolean quoteEveryCell, boolean writeDefaults) {
    List<List<String>> rows = new ArrayList<>();
    rows.add(CsvSheet.COLUMNS);
    if (sheet.opening() != null) {
      rows.add(segmentRow("opening", sheet.opening()));
    }
    for (ItemSpec item : sheet.items()) {
      rows.add(List.of(
          item.role().wire(),
          item.id(),
          item.name(),
          Long.toString(item.listPriceCents()),
          Long.toString(item.livePriceCents()),
          item.floorPriceCents() == null ? "" : item.floorPriceCents().toString(),
          Long.toString(item.stock()),
          item.limitPerViewer() == null ? "" : item.limitPerViewer().toString(),
          writeDefaults || item.plannedSeconds() != defaultSeconds(item) ? Long.toString(item.plannedSeconds()) : "",
          String.join("|", item.sellingPoints()),
          item.script() == null ? "" : item.script(),
          item.tiers().stream().map(SheetExport::tier).collect(Collectors.joining("|")),
          item.role() == ItemRole.LOTTERY ? Integer.toString(item.winners()) : "",
          item.link() == null ? "" : item.link(),
          item.imageUrl() == null ? "" : item.imageUrl()));
    }
    if (sheet.closing() != null) {
      rows.add(segmentRow("closing", sheet.closing()));
    }
    StringBuilder out = new StringBuilder();
    for (List<String> row : rows) {
      out.append(row.stream().map(cell -> cell(cell, quoteEveryCell)).collect(Collectors.joining(","))).append("\r\n");
    }
    return out.toString();
  }

  private static List<String> segmentRow(String role, String script) {
    List<String> row = new ArrayList<>();
    for (String column : CsvSheet.COLUMNS) {
      row.add(column.equals("role") ? role : column.equals("script") ? script : "");
    }
    return row;
  }

  private static String tier(Tier tier) {
    return tier.minUnits() + ":" + tier.priceCents();
  }

  private static String cell(String value, boolean quote) {
    boolean needed = value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0
        || value.indexOf('\r') >= 0;
    return quote && !value.isEmpty() || needed ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
  }

  private static long defaultSeconds(ItemSpec item) {
    return item.role() == ItemRole.MAIN ? ItemSpec.DEFAULT_MAIN_SECONDS : 0;
  }
}
