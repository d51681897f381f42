package io.livedesk.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.livedesk.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The bench's findings: printed as a table as they come, and written as JSON at the end. */
final class Results {

  record Row(String scenario, String setup, String figure, double value, String unit, String target) {}

  private final List<Row> rows = new ArrayList<>();
  private final ObjectNode meta = Json.object();

  ObjectNode meta() {
    return meta;
  }

  /**
   * A scenario's conditions: prints {@code said} with the load average before the run (the machine is
   * shared unless it says otherwise) and keeps it under {@code key} in results.json, whose node is
   * answered for the scenario's own figures.
   */
  ObjectNode conditions(String key, String said) throws IOException {
    String load = ProcStats.loadAverage();
    System.out.println("  (" + said + "; load average before: " + load + ")");
    return meta.putObject(key).put("loadAverageBefore", load);
  }

  void add(String scenario, String setup, String figure, double value, String unit, String target) {
    Row row = new Row(scenario, setup, figure, value, unit, target);
    rows.add(row);
    System.out.println(format(row));
    System.out.flush();
  }

  static String header() {
    return String.format(Locale.ROOT, "%-13s %-22s %-38s %14s %-8s %s", "scenario", "setup", "figure", "value", "unit",
        "target");
  }

  private static String format(Row row) {
    return String.format(Locale.ROOT, "%-13s %-22s %-38s %14s %-8s %s", row.scenario(), row.setup(), row.figure(),
        number(row.value()), row.unit(), row.target() == null ? "" : row.target());
  }

  static String number(double value) {
    if (value == Math.rint(value) && Math.abs(value) < 1e12) {
      return String.format(Locale.ROOT, "%,d", (long) value);
    }
    return String.format(Locale.ROOT, Math.abs(value) >= 100 ? "%,.1f" : "%.3f", value);
  }

  void printTable() {
    System.out.println();
    System.out.println(header());
    rows.forEach(row -> System.out.println(format(row)));
  }

  /** A Markdown table of the rows, for docs/benchmarks.md. */
  String markdown() {
    StringBuilder out = new StringBuilder("| scenario | setup | figure | value | unit | target |\n|---|---|---|---:|---|---|\n");
    for (Row row : rows) {
      out.append("| ").append(row.scenario()).append(" | ").append(row.setup()).append(" | ").append(row.figure())
          .append(" | ").append(number(row.value())).append(" | ").append(row.unit()).append(" | ")
          .append(row.target() == null ? "" : row.target()).append(" |\n");
    }
    return out.toString();
  }

  void write(Path dir) throws IOException {
    Files.createDirectories(dir);
    ObjectNode root = Json.object();
    root.set("meta", meta);
    ArrayNode out = root.putArray("results");
    rows.forEach(row -> out.add(Json.tree(row)));
    Files.write(dir.resolve("results.json"), Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
    Files.writeString(dir.resolve("results.md"), markdown());
  }
}
