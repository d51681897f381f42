package io.livedesk.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.livedesk.json.Json;
import io.livedesk.testing.ServerProcess;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Scenario 9: a soak of a whole show. The sample run-sheet (34 items: 24 main items of five minutes, 6
 * lotteries, 4 backups) runs at ten times real pace, its two hours in {@code soakMinutes} (12), while
 * {@code soakViewers} (5,000) viewers in generator processes of their own ({@link SoakGen}) join, click,
 * order, pay, cancel, comment, enter the lotteries, leave and come back, each counting what the server
 * accepted. The technician, here in the bench's process, drives the show over REST as the console would:
 * every main and lottery item on air in turn (main items listed as they come), price cuts and reverts,
 * stock added, announcements, two flash sales, one backup swapped in, every lottery opened with a
 * countdown and drawn, the closing, then the end.
 *
 * <p>At the end the audience stops (everything in flight answered), the show ends, and the report's
 * figures are set against the audience's own count: joins (PV), distinct viewers (UV), clicks, orders,
 * units, order amounts, paid orders, paid amounts, comments and lottery entries, each pair printed with
 * whether they are equal. The server runs with a heap of {@code soakHeap} (1g), {@code -Xlog:gc} to a
 * file and a collection at least every {@code soakGcSeconds} (5); the heap after each collection over the run is read back from it: the first quarter's average
 * against the last quarter's, and a least-squares slope per minute; class histograms at the show's start,
 * halfway and end say what grew, by class and by owner, and how much beyond the show's own record
 * (docs/benchmarks.md §The soak's heap). Every viewer socket counts whether it was told to resync.
 */
record SoakBench(Bench bench, Results results, Map<String, String> args, Path work) {

  static final String SCENARIO = "9 soak";
  /** A lottery's slot, against a main item's five minutes: it opens, counts down and is drawn in half the time. */
  private static final int LOTTERY_SLOT_SECONDS = 150;
  /** Heap after a collection in a -Xlog:gc line: ZGC's {@code 120M(12%)->40M(4%)}, G1's and Parallel's {@code 64M->5M(245M)}. */
  private static final Pattern AFTER_GC = Pattern.compile("^\\[(\\d+[.,]\\d+)s\\].*? (\\d+)M(?:\\(\\d+%\\))?->(\\d+)M");

  void run(String setup) throws Exception {
    double minutes = Double.parseDouble(args.getOrDefault("soakMinutes", "12"));
    int viewers = Integer.parseInt(args.getOrDefault("soakViewers", "5000"));
    Path gcLog = work.resolve("soak-gc-" + System.nanoTime() + ".log");
    List<ServerProcess> nodes = bench.deploy(setup, "soak", 1, args.getOrDefault("soakHeap", "1g"), gcOptions(gcLog));
    ServerProcess node = nodes.get(0);
    List<LoadProcess> generators = new ArrayList<>();
    try {
      ObjectNode sheet = BenchShow.sampleSheet();
      BenchShow show = BenchShow.started(node.port(), "soak bench", sheet);
      int connected = Bench.startViewers(generators, viewers, (processes, p) -> viewerArgs(node, show, viewers, processes, p));
      int processes = generators.size();
      results.conditions("soak-" + setup, connected + " of " + viewers + " viewers joined from " + processes
          + " generator process(es); the show runs " + minutes + " minutes").put("minutes", minutes)
          .put("viewers", viewers).put("generatorProcesses", processes)
          .put("heap", args.getOrDefault("soakHeap", "1g"));
      results.add(SCENARIO, setup, "viewers joined at the start", connected, "sockets", viewers + "");
      long gcFrom = Files.exists(gcLog) ? Files.size(gcLog) : 0;
      double cpuBefore = ProcStats.cpuSeconds(node.pid());
      long started = System.nanoTime();

      Histograms histograms = new Histograms(node, show, bench.out().resolve("soak-" + setup.replace('+', '-')));
      histograms.takeAt("start");
      histograms.takeLater("middle", (long) (minutes * 30_000));
      Technician technician = new Technician(show);
      technician.run(sheet, minutes * 60_000);
      Map<String, Long> audience = new TreeMap<>();
      Map<String, Long> refusals = new TreeMap<>();
      long resynced = stopAudience(generators, audience, refusals);
      histograms.takeAt("end");
      show.command("show.end", Json.object());
      double seconds = (System.nanoTime() - started) / 1e9;
      double cpu = ProcStats.cpuSeconds(node.pid()) - cpuBefore;
      JsonNode report = show.get("/report");

      System.out.println("  (technician: " + technician.done + "; refused: " + technician.refused + ")");
      System.out.println("  (audience: " + audience + ")");
      System.out.println("  (refused by the server: " + refusals + ")");
      compare(setup, report, audience);
      results.add(SCENARIO, setup, "viewer sockets told to resync", resynced, "sockets", "0");
      results.add(SCENARIO, setup, "commands left unanswered", audience.getOrDefault("unanswered", 0L), "commands",
          "0");
      results.add(SCENARIO, setup, "show run, start to end", seconds, "s", null);
      results.add(SCENARIO, setup, "server CPU over the run", cpu / seconds, "cores", null);
      heap(setup, gcLog, gcFrom);
      histograms.report(setup, audience, connected);
    } finally {
      for (LoadProcess generator : generators) {
        generator.close();
      }
      Bench.stop(nodes);
    }
  }

  /**
   * The collector's log to a file, and a collection at least every {@code soakGcSeconds} (5) with ZGC or G1,
   * so the heap after GC is sampled all along the run even when little is allocated.
   */
  private List<String> gcOptions(Path gcLog) {
    List<String> jvm = new ArrayList<>(List.of("-Xlog:gc:file=" + gcLog + ":uptime"));
    int every = Integer.parseInt(args.getOrDefault("soakGcSeconds", "5"));
    String gc = args.getOrDefault("gc", "ZGC");
    if (gc.startsWith("Z")) {
      jvm.add("-XX:ZCollectionInterval=" + every);
    } else if (gc.startsWith("G1")) {
      jvm.add("-XX:G1PeriodicGCInterval=" + every * 1000);
    }
    return jvm;
  }

  /** Viewers of generator {@code p}: its share of the crowd, from two source addresses of its own. */
  private Map<String, String> viewerArgs(ServerProcess node, BenchShow show, int viewers, int processes, int p) {
    Map<String, String> genArgs = new HashMap<>();
    genArgs.put("mode", "soak");
    genArgs.put("host", "127.0.0.1");
    genArgs.put("port", String.valueOf(node.port()));
    genArgs.put("show", show.id);
    genArgs.put("secret", BenchShow.PAYMENT_SECRET);
    genArgs.put("sockets", String.valueOf(viewers / processes + (p < viewers % processes ? 1 : 0)));
    genArgs.put("prefix", "s" + p + "-");
    genArgs.put("addresses", "127.0.0." + (80 + 2 * p) + ",127.0.0." + (81 + 2 * p));
    genArgs.put("seed", String.valueOf(p + 1));
    for (String key : List.of("clicksPerMinute", "ordersPerMinute", "commentsPerMinute", "leavesPerMinute",
        "paidShare", "cancelledShare", "lotteryShare", "connectPerSecond")) {
      if (args.containsKey("soak." + key)) {
        genArgs.put(key, args.get("soak." + key));
      }
    }
    return genArgs;
  }

  /** The technician: drives the show over REST as the console would, counting its commands done and refused. */
  private static final class Technician {
    private final BenchShow show;
    private final Map<String, Long> done = new TreeMap<>();
    private final Map<String, Long> refused = new TreeMap<>();

    Technician(BenchShow show) {
      this.show = show;
    }

    /**
     * Every main and lottery item of the running order on air in turn, each for its share of {@code millis}
     * (a main item's five minutes against a lottery's two and a half), then the closing.
     */
    void run(ObjectNode sheet, double millis) throws Exception {
      List<JsonNode> order = new ArrayList<>();
      List<JsonNode> backups = new ArrayList<>();
      for (JsonNode item : sheet.get("items")) {
        ("backup".equals(item.path("role").asText()) ? backups : order).add(item);
      }
      double weights = order.stream().mapToDouble(Technician::weight).sum();
      // halfway through, the technician swaps the last main item for the first backup, as when stock runs short
      JsonNode lastMain = order.stream().filter(item -> "main".equals(item.path("role").asText()))
          .reduce((a, b) -> b).orElseThrow();
      long start = System.currentTimeMillis();
      double offset = 0;
      int main = 0;
      for (int i = 0; i < order.size(); i++) {
        JsonNode item = order.get(i);
        long slotStart = start + (long) offset;
        long slot = (long) (weight(item) / weights * millis);
        offset += weight(item) / weights * millis;
        if (i == order.size() / 2 && !backups.isEmpty()) {
          control("runsheet.swap", Json.object().put("itemId", lastMain.get("id").asText())
              .put("backupId", backups.get(0).get("id").asText()));
        }
        if (item == lastMain && !backups.isEmpty()) {
          item = backups.get(0);
        }
        if ("lottery".equals(item.path("role").asText())) {
          lottery(item, slotStart, slot);
        } else {
          mainItem(item, main++, slotStart, slot);
        }
      }
      control("cue.go", Json.object().put("segment", "closing"));
    }

    static double weight(JsonNode item) {
      return "lottery".equals(item.path("role").asText()) ? LOTTERY_SLOT_SECONDS
          : Math.max(LOTTERY_SLOT_SECONDS, item.path("plannedSeconds").asInt(300));
    }

    /** The {@code m}-th main item's slot: on air and listed, and what a technician does while it sells. */
    private void mainItem(JsonNode item, int m, long slotStart, long slot) throws Exception {
      String id = item.get("id").asText();
      control("cue.go", Json.object().put("itemId", id).put("list", true));
      long live = item.path("livePriceCents").asLong();
      long floor = item.path("floorPriceCents").asLong(live);
      if (m % 8 == 0) {
        sleepUntil(slotStart + slot / 10);
        control("announce.publish", Json.object().put("text", "下单后请尽快付款，超时订单自动取消").put("pinned", true));
      }
      if (m == 5 || m == 17) {
        // two flash sales: at the floor price, 100 units, one a viewer, over half the slot (at least the 10 s allowed)
        sleepUntil(slotStart + slot / 5);
        control("flash.schedule", Json.object().put("itemId", id).put("priceCents", floor).put("startInSeconds", 0)
            .put("durationSeconds", Math.max(10, slot / 2000)).put("stock", 100).put("limitPerViewer", 1)
            .put("confirm", true));
      }
      if (m % 3 == 1) {
        sleepUntil(slotStart + slot * 2 / 5);
        long cut = Math.max(floor, (live - (live - floor) / 2) / 10 * 10);
        control("item.set_price", Json.object().put("itemId", id).put("priceCents", cut).put("confirm", true));
      }
      if (m % 4 == 3) {
        sleepUntil(slotStart + slot * 3 / 5);
        control("item.add_stock", Json.object().put("itemId", id).put("delta", 100));
      }
      if (m % 6 == 4) {
        sleepUntil(slotStart + slot * 3 / 4);
        control("item.revert_price", Json.object().put("itemId", id));
      }
      sleepUntil(slotStart + slot);
    }

    /** A lottery item's slot: opened with a countdown of 60% of the slot, drawn once it has closed by itself. */
    private void lottery(JsonNode item, long slotStart, long slot) throws Exception {
      String id = item.get("id").asText();
      control("cue.go", Json.object().put("itemId", id));
      ObjectNode open = Json.object().put("itemId", id).put("winners", Math.max(1, item.path("winners").asInt(1)))
          .put("seconds", Math.max(1, slot * 6 / 10_000));
      open.putObject("rule").put("type", "any");
      JsonNode opened = control("lottery.open", open);
      sleepUntil(slotStart + slot);
      if (opened == null) {
        return;
      }
      String lotteryId = opened.path("result").path("lotteryId").asText();
      long closesAt = opened.path("result").path("closesAt").asLong(0);
      sleepUntil(closesAt + 200);
      control("lottery.draw", Json.object().put("lotteryId", lotteryId));
    }

    /** A control command; a refusal is counted and printed, not thrown: the show goes on. */
    private JsonNode control(String cmd, ObjectNode commandArgs) {
      try {
        JsonNode answer = show.command(cmd, commandArgs);
        done.merge(cmd, 1L, Long::sum);
        return answer;
      } catch (IOException e) {
        refused.merge(cmd, 1L, Long::sum);
        System.out.println("  (technician: " + cmd + " " + Json.text(commandArgs) + " refused: " + e.getMessage() + ")");
        return null;
      }
    }

    private static void sleepUntil(long epochMillis) throws InterruptedException {
      long wait = epochMillis - System.currentTimeMillis();
      if (wait > 0) {
        Thread.sleep(wait);
      }
    }
  }

  // ---- the audience's count against the report ----

  /** Stops every generator, sums their counts into {@code audience} and refusals, and answers the resyncs. */
  private static long stopAudience(List<LoadProcess> generators, Map<String, Long> audience,
      Map<String, Long> refusals) throws IOException {
    for (LoadProcess generator : generators) {
      generator.send(Json.object().put("cmd", "stop"));
    }
    long resynced = 0;
    for (LoadProcess generator : generators) {
      JsonNode report = generator.read();
      report.get("counts").fields().forEachRemaining(e -> audience.merge(e.getKey(), e.getValue().asLong(), Long::sum));
      report.get("refusals").fields().forEachRemaining(e -> refusals.merge(e.getKey(), e.getValue().asLong(), Long::sum));
      resynced += report.path("resynced").asLong();
      audience.merge("connectedAtTheEnd", report.path("connected").asLong(), Long::sum);
      report.path("stillInFlight").fields().forEachRemaining(e -> audience.merge("still in flight: " + e.getKey(),
          e.getValue().asLong(), Long::sum));
    }
    return resynced;
  }

  /** Each figure of the report beside the audience's own count of it, and how many are equal. */
  private void compare(String setup, JsonNode report, Map<String, Long> audience) {
    JsonNode totals = report.get("totals");
    long entrants = 0;
    for (JsonNode lottery : report.path("lotteries")) {
      entrants += lottery.path("entrants").asLong();
    }
    Map<String, long[]> pairs = new LinkedHashMap<>();
    pairs.put("joins (pv)", new long[] {totals.path("pv").asLong(), audience.getOrDefault("joins", 0L)});
    pairs.put("unique viewers (uv)", new long[] {totals.path("uv").asLong(), audience.getOrDefault("viewers", 0L)});
    pairs.put("clicks", new long[] {totals.path("clicks").asLong(), audience.getOrDefault("clicks", 0L)});
    pairs.put("orders", new long[] {totals.path("orders").asLong(), audience.getOrDefault("orders", 0L)});
    pairs.put("units", new long[] {totals.path("units").asLong(), audience.getOrDefault("units", 0L)});
    pairs.put("order amounts, fen (gmvCents)", new long[] {totals.path("gmvCents").asLong(),
        audience.getOrDefault("orderCents", 0L)});
    pairs.put("paid orders", new long[] {totals.path("paidOrders").asLong(), audience.getOrDefault("payments", 0L)});
    // a paid order's due amount is what it paid less what a group-buy tier owes back (design.md §Figures)
    pairs.put("paid amounts, fen (paidGmv + refunds)", new long[] {totals.path("paidGmvCents").asLong()
        + totals.path("refundCents").asLong(), audience.getOrDefault("paidCents", 0L)});
    pairs.put("comments", new long[] {totals.path("comments").asLong(), audience.getOrDefault("comments", 0L)});
    pairs.put("lottery entries", new long[] {entrants, audience.getOrDefault("lotteryEntries", 0L)});
    int equal = 0;
    for (Map.Entry<String, long[]> pair : pairs.entrySet()) {
      long server = pair.getValue()[0];
      long counted = pair.getValue()[1];
      equal += server == counted ? 1 : 0;
      System.out.println(String.format(Locale.ROOT, "  %-40s report %,15d   audience %,15d   %s", pair.getKey(), server,
          counted, server == counted ? "equal" : "DIFFERENT"));
      results.add(SCENARIO, setup, "report: " + pair.getKey(), server, "", "= " + Results.number(counted)
          + " (audience)");
    }
    results.add(SCENARIO, setup, "report figures equal to the audience's", equal, "figures", "all " + pairs.size());
  }

  // ---- what the live heap grew by: class histograms ----

  /**
   * Class histograms of the server ({@code jcmd GC.class_histogram}, which collects in full first) at the
   * show's start, its middle and its end (the audience stopped, still connected), each kept in
   * {@code dir}; the growth from start to end by class, in bytes and instances, and per fact the show
   * recorded meanwhile; from halfway (the replay window full), the growth beyond what the show keeps of
   * the orders and lottery entries its report counts at each histogram.
   */
  private final class Histograms {
    private final ServerProcess node;
    private final Path dir;
    private final String jcmd = Path.of(ServerProcess.javaBin()).resolveSibling("jcmd").toString();
    private final Map<String, ClassHistogram> taken = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, Double> minuteOf = new java.util.concurrent.ConcurrentHashMap<>();
    /** Orders and lottery entries in the show's report when each histogram was taken. */
    private final Map<String, long[]> kept = new java.util.concurrent.ConcurrentHashMap<>();
    private final BenchShow show;
    private final long since = System.nanoTime();
    private Thread later;

    Histograms(ServerProcess node, BenchShow show, Path dir) {
      this.node = node;
      this.show = show;
      this.dir = dir;
    }

    void takeAt(String name) throws IOException {
      if (later != null && "end".equals(name)) {
        later.interrupt();
      }
      double minute = (System.nanoTime() - since) / 60e9;
      taken.put(name, ClassHistogram.take(jcmd, node.pid(), dir.resolve("histogram-" + name + ".txt")));
      minuteOf.put(name, minute);
      JsonNode report = show.get("/report");
      long entries = 0;
      for (JsonNode lottery : report.path("lotteries")) {
        entries += lottery.path("entrants").asLong();
      }
      kept.put(name, new long[] {report.path("totals").path("orders").asLong(), entries});
    }

    /** A histogram {@code millis} from now, on a thread of its own while the show goes on. */
    void takeLater(String name, long millis) {
      later = new Thread(() -> {
        try {
          Thread.sleep(millis);
          takeAt(name);
        } catch (InterruptedException | IOException e) {
          // the show ended first, or jcmd failed: the start and end still say what grew
        }
      }, "soak-histogram");
      later.setDaemon(true);
      later.start();
    }

    void report(String setup, Map<String, Long> audience, int connected) {
      ClassHistogram start = taken.get("start");
      ClassHistogram end = taken.get("end");
      if (start == null || end == null || start.bytes() < 0 || end.bytes() < 0) {
        System.out.println("  (no class histogram: " + jcmd + " did not answer)");
        return;
      }
      double minutes = minuteOf.get("end") - minuteOf.get("start");
      long grown = end.bytes() - start.bytes();
      results.add(SCENARIO, setup, "live heap (class histogram) at the start", start.bytes() / MIB, "MiB", null);
      ClassHistogram middle = taken.get("middle");
      if (middle != null && middle.bytes() > 0) {
        results.add(SCENARIO, setup, "live heap (class histogram) halfway", middle.bytes() / MIB, "MiB", null);
        // by halfway the replay window is full: what grows after it is what the show keeps
        double span = minuteOf.get("end") - minuteOf.get("middle");
        results.add(SCENARIO, setup, "live heap (class histogram), growth a minute from halfway",
            (end.bytes() - middle.bytes()) / MIB / span, "MiB/min", null);
        if (kept.containsKey("middle") && kept.containsKey("end")) {
          long orders = kept.get("end")[0] - kept.get("middle")[0];
          long entries = kept.get("end")[1] - kept.get("middle")[1];
          results.add(SCENARIO, setup, "orders placed from halfway", orders, "orders", null);
          results.add(SCENARIO, setup, "lottery entries from halfway", entries, "entries", null);
          long record = orders * BYTES_AN_ORDER + entries * BYTES_AN_ENTRY;
          results.add(SCENARIO, setup, "live heap growth a minute from halfway beyond the show's record ("
              + BYTES_AN_ORDER + " B an order, " + BYTES_AN_ENTRY + " B an entry)",
              (end.bytes() - middle.bytes() - record) / MIB / span, "MiB/min", "≈ 0");
        }
      }
      results.add(SCENARIO, setup, "live heap (class histogram) at the end", end.bytes() / MIB, "MiB", null);
      results.add(SCENARIO, setup, "live heap (class histogram), start to end", grown / MIB, "MiB", null);
      results.add(SCENARIO, setup, "live heap (class histogram), growth a minute", grown / MIB / minutes, "MiB/min",
          "≈ 0");
      long facts = recordedFacts(audience, connected);
      results.add(SCENARIO, setup, "facts the show recorded, start to end", facts, "facts", null);
      results.add(SCENARIO, setup, "live heap growth per recorded fact", facts == 0 ? 0 : grown / (double) facts,
          "bytes", null);
      // clicks and comments are counted, not kept one by one; orders are (twice: the writer's fold and the replica's)
      long orders = audience.getOrDefault("orders", 0L);
      results.add(SCENARIO, setup, "live heap growth per order placed", orders == 0 ? 0 : grown / (double) orders,
          "bytes", null);
      List<ClassHistogram.Growth> growth = end.since(start);
      Map<String, Long> byGroup = new TreeMap<>();
      growth.forEach(row -> byGroup.merge(group(row.name()), row.bytes(), Long::sum));
      byGroup.forEach((group, bytes) -> results.add(SCENARIO, setup, "live heap growth: " + group, bytes / MIB, "MiB",
          group.startsWith("connections") ? "≈ 0" : null));
      long sessions = end.rows().getOrDefault(SESSION_CLASS, new long[1])[0];
      results.add(SCENARIO, setup, "socket sessions held at the end", sessions, "sessions",
          "= " + audience.getOrDefault("connectedAtTheEnd", 0L) + " (viewers connected)");
      System.out.println("  live heap " + Results.number(start.bytes() / MIB) + " → " + Results.number(end.bytes() / MIB)
          + " MiB over " + Results.number(minutes) + " min; classes by growth (histograms in " + dir + "):");
      printTop(growth, 25);
      System.out.println("  … by instances:");
      List<ClassHistogram.Growth> byInstances = new ArrayList<>(growth);
      byInstances.sort(java.util.Comparator.comparingLong(ClassHistogram.Growth::instances).reversed());
      printTop(byInstances, 15);
    }

    private static void printTop(List<ClassHistogram.Growth> rows, int top) {
      for (ClassHistogram.Growth row : rows.subList(0, Math.min(top, rows.size()))) {
        System.out.println(String.format(Locale.ROOT, "  %,13d bytes %,11d instances  %s", row.bytes(),
            row.instances(), row.name()));
      }
    }
  }

  private static final double MIB = 1024.0 * 1024.0;
  /**
   * What the show keeps of an order and of a lottery entry in its two folds (the writer's and the
   * replica's), measured by class with ZGC on Java 17 (no compressed pointers; smaller under G1):
   * docs/benchmarks.md §The soak's heap.
   */
  private static final long BYTES_AN_ORDER = 770;
  private static final long BYTES_AN_ENTRY = 112;
  private static final String SESSION_CLASS = "io.livedesk.http.SocketSession";
  private static final String FRAMES = "engine and frames (the replay window, their wire bytes)";

  /**
   * Whom a class's growth is charged to. Connections (a socket's Netty, Vert.x, session and metrics
   * objects) must not grow while as many viewers stay connected; the show's state and the engine's
   * frames (the replay window, full after its first {@code fanout.replayWindow} events) are the show's
   * record; strings, arrays, boxes and collection entries belong to any of them.
   */
  static String group(String className) {
    if (className.startsWith("io.netty.buffer.") || className.equals("io.livedesk.vertx.WireFrame")) {
      return FRAMES;
    }
    if (className.startsWith("io.netty.") || className.startsWith("io.vertx.") || className.startsWith("io.micrometer.")
        || className.startsWith("io.livedesk.http.") || className.startsWith("io.livedesk.vertx.")) {
      return "connections (io.netty, io.vertx, io.micrometer, livedesk.http, livedesk.vertx)";
    }
    if (className.startsWith("io.livedesk.show.") || className.startsWith("io.livedesk.report.")) {
      return "show state (livedesk.show, livedesk.report)";
    }
    if (className.startsWith("io.livedesk.")) {
      return FRAMES;
    }
    return "JDK (strings, arrays, boxes, collection entries of any of these)";
  }

  /**
   * What the show recorded between the start's histogram and the end's, as the audience counted it: joins
   * after the first {@code connected}, clicks, orders, payments, cancels, comments and lottery entries.
   */
  static long recordedFacts(Map<String, Long> audience, int connected) {
    long facts = Math.max(0, audience.getOrDefault("joins", 0L) - connected);
    for (String kind : List.of("clicks", "orders", "payments", "cancelled", "comments", "lotteryEntries")) {
      facts += audience.getOrDefault(kind, 0L);
    }
    return facts;
  }

  // ---- heap after each collection ----

  /** The heap after each collection since {@code from} bytes into the log: first and last quarter, slope. */
  private void heap(String setup, Path gcLog, long from) throws IOException {
    List<double[]> points = afterGc(gcLog, from);
    results.add(SCENARIO, setup, "collections over the run", points.size(), "GCs", null);
    if (points.size() < 2) {
      return;
    }
    double first = points.get(0)[0];
    double last = points.get(points.size() - 1)[0];
    double quarter = (last - first) / 4;
    double[] early = points.stream().filter(p -> p[0] <= first + quarter).mapToDouble(p -> p[1]).toArray();
    double[] late = points.stream().filter(p -> p[0] >= last - quarter).mapToDouble(p -> p[1]).toArray();
    results.add(SCENARIO, setup, "heap after GC, first quarter's average", average(early), "MiB", null);
    results.add(SCENARIO, setup, "heap after GC, last quarter's average", average(late), "MiB", "≈ first quarter's");
    results.add(SCENARIO, setup, "heap after GC, slope", slopePerMinute(points), "MiB/min", "≈ 0");
    results.add(SCENARIO, setup, "heap after GC, most", points.stream().mapToDouble(p -> p[1]).max().orElse(0), "MiB",
        null);
  }

  /** (seconds of the server's uptime, MiB after) of each collection logged after {@code from} bytes. */
  static List<double[]> afterGc(Path gcLog, long from) throws IOException {
    List<double[]> points = new ArrayList<>();
    if (!Files.exists(gcLog)) {
      return points;
    }
    try (RandomAccessFile file = new RandomAccessFile(gcLog.toFile(), "r")) {
      file.seek(from);
      byte[] rest = new byte[(int) (file.length() - from)];
      file.readFully(rest);
      for (String line : new String(rest, StandardCharsets.UTF_8).split("\n")) {
        Matcher matcher = AFTER_GC.matcher(line);
        if (matcher.find()) {
          points.add(new double[] {Double.parseDouble(matcher.group(1).replace(',', '.')),
              Double.parseDouble(matcher.group(3))});
        }
      }
    }
    return points;
  }

  private static double average(double[] values) {
    double sum = 0;
    for (double value : values) {
      sum += value;
    }
    return values.length == 0 ? 0 : sum / values.length;
  }

  /** Least-squares slope of MiB after GC against minutes. */
  static double slopePerMinute(List<double[]> points) {
    double n = points.size();
    double meanT = points.stream().mapToDouble(p -> p[0] / 60).sum() / n;
    double meanM = points.stream().mapToDouble(p -> p[1]).sum() / n;
    double covariance = 0;
    double variance = 0;
    for (double[] p : points) {
      covariance += (p[0] / 60 - meanT) * (p[1] - meanM);
      variance += (p[0] / 60 - meanT) * (p[0] / 60 - meanT);
    }
    return variance == 0 ? 0 : covariance / variance;
  }
}
