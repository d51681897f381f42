package io.livedesk.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A server's class histogram ({@code jcmd PID GC.class_histogram}): instances and bytes of every class
 * still reachable, after the full collection the command forces first. Two of them, taken some time
 * apart, say which classes the live heap grew by.
 */
record ClassHistogram(Map<String, long[]> rows, long instances, long bytes) {

  private static final Pattern ROW = Pattern.compile("(?m)^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)");
  private static final Pattern TOTAL = Pattern.compile("(?m)^Total\\s+(\\d+)\\s+(\\d+)");

  /** One class's change between two histograms: instances and bytes, either may be negative. */
  record Growth(String name, long instances, long bytes) {}

  /** The histogram of process {@code pid}, asked with {@code jcmd}; its text is kept in {@code saveTo} when not null. */
  static ClassHistogram take(String jcmd, long pid, Path saveTo) throws IOException {
    Process process = new ProcessBuilder(jcmd, String.valueOf(pid), "GC.class_histogram").redirectErrorStream(true)
        .start();
    String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
    if (saveTo != null) {
      Files.createDirectories(saveTo.toAbsolutePath().getParent());
      Files.writeString(saveTo, text);
    }
    return parse(text);
  }

  /** The rows of a histogram's text; a class listed twice (by two class loaders) is summed. */
  static ClassHistogram parse(String text) {
    Map<String, long[]> rows = new HashMap<>();
    Matcher row = ROW.matcher(text);
    while (row.find()) {
      rows.merge(row.group(3), new long[] {Long.parseLong(row.group(1)), Long.parseLong(row.group(2))},
          (a, b) -> new long[] {a[0] + b[0], a[1] + b[1]});
    }
    Matcher total = TOTAL.matcher(text);
    return total.find() ? new ClassHistogram(rows, Long.parseLong(total.group(1)), Long.parseLong(total.group(2)))
        : new ClassHistogram(rows, -1, -1);
  }

  /** Every class's change from {@code before} to this one, the largest growth in bytes first. */
  List<Growth> since(ClassHistogram before) {
    Map<String, long[]> names = new HashMap<>(before.rows);
    names.putAll(rows);
    List<Growth> grown = new ArrayList<>();
    for (String name : names.keySet()) {
      long[] was = before.rows.getOrDefault(name, new long[2]);
      long[] now = rows.getOrDefault(name, new long[2]);
      grown.add(new Growth(name, now[0] - was[0], now[1] - was[1]));
    }
    grown.sort(Comparator.comparingLong(Growth::bytes).reversed().thenComparing(Growth::name));
    return grown;
  }
}
