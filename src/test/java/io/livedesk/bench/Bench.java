package io.livedesk.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.livedesk.json.Json;
import io.livedesk.testing.ServerProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.HdrHistogram.Histogram;

/**
 * The benchmark: starts servers as separate processes on loopback, drives them from load generators in
 * other processes, and prints scenario, figure, value and target as it goes, then a table, and writes
 * {@code results.json} and {@code results.md}. It never fails on a slow machine; it reports.
 *
 * <p>Arguments (key=value): scenarios=fanout,flash,control,lottery,recovery,promo,comments,webhooks,soak,ended
 * viewers=15000 setups=memory+file,redis+postgres out=target/bench sustainSeconds=30 idleSeconds=10 events=1000000
 * gc=ZGC promoWarmupRounds=10 soakMinutes=12 soakViewers=5000 endedShows=500 endedEvents=20000
 * endedLoaded=true serverWarmup=4 (the rounds of the servers' practice sale after their start, waited for
 * before a scenario begins; 0: none; the restart and ended-show scenarios time starts and run none),
 * {@code eventLoops=N} and {@code commitWindowMicros=N} (the servers' settings of those names; theirs when absent).
 * The soak and the ended shows ({@link EndedBench}) run only when named.
 */
public final class Bench {

  static final int SOCKETS_PER_GENERATOR = 7_500;
  static final int PRICE_CHANGES = 100;
  static final long PRICE_INTERVAL_MILLIS = 100;

  private final Map<String, String> args;
  private final Results results = new Results();
  private final Path out;
  final Path work;
  private final List<String> namespaces = new ArrayList<>();

  Bench(Map<String, String> args) throws IOException {
    this.args = args;
    this.out = Path.of(args.getOrDefault("out", "target/bench"));
    this.work = Files.createTempDirectory("livedesk-bench");
  }

  /** Where the results go, and what a scenario keeps beside them. */
  Path out() {
    return out;
  }

  public static void main(String[] argv) throws Exception {
    new Bench(arguments(argv)).run();
    System.exit(0);
  }

  /** Command-line arguments of the form key=value. */
  static Map<String, String> arguments(String[] argv) {
    Map<String, String> args = new HashMap<>();
    for (String arg : argv) {
      int eq = arg.indexOf('=');
      if (eq > 0) {
        args.put(arg.substring(0, eq), arg.substring(eq + 1));
      }
    }
    return args;
  }

  private void run() throws Exception {
    Set<String> scenarios = new LinkedHashSet<>(List.of(args.getOrDefault("scenarios",
        "fanout,flash,control,lottery,recovery,promo,comments,webhooks").split(",")));
    results.meta().put("date", Instant.now().toString());
    results.meta().put("machine", machine());
    results.meta().put("command", "mvn -q -B -Pbench -DskipTests verify -Dbench.args=\"" + String.join(" ", argsAsList()) + "\"");
    results.meta().put("java", System.getProperty("java.version"));
    System.out.println(Results.header());
    for (String setup : args.getOrDefault("setups", "memory+file").split(",")) {
      if (scenarios.contains("fanout") || scenarios.contains("control")) {
        fanout(setup, scenarios.contains("fanout"));
      }
      if (scenarios.contains("flash")) {
        flash(setup);
      }
      if (scenarios.contains("promo")) {
        new PromoBench(this, results, Integer.parseInt(args.getOrDefault("promoWarmupRounds", "10"))).run(setup);
      }
      if (scenarios.contains("comments")) {
        new CommentBench(this, results, args).run(setup);
      }
      if (scenarios.contains("webhooks")) {
        new WebhookBench(this, results, args).run(setup);
      }
      if (scenarios.contains("recovery")) {
        new RecoveryBench(results, work, args, this::restartJvmArgs).run(setup);
      }
      if (scenarios.contains("soak")) {
        new SoakBench(this, results, args, work).run(setup);
      }
      if (scenarios.contains("ended")) {
        new EndedBench(results, work, args, this::restartJvmArgs).run(setup);
      }
    }
    if (scenarios.contains("fanout") && !"false".equals(args.get("baseline"))) {
      baseline();
    }
    if (scenarios.contains("lottery")) {
      new LotteryBench(results, Integer.parseInt(args.getOrDefault("entrants", "1000000"))).run();
    }
    namespaces.forEach(ClusterEnv::dropNamespace);
    try (var paths = Files.walk(work)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    }
    results.printTable();
    results.write(out);
    System.out.println("\nwritten: " + out.resolve("results.json") + " and " + out.resolve("results.md"));
  }

  private List<String> argsAsList() {
    List<String> list = new ArrayList<>();
    args.forEach((k, v) -> list.add(k + "=" + v));
    return list;
  }

  private static String machine() {
    try {
      String cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
          .findFirst().map(l -> l.substring(l.indexOf(':') + 2)).orElse("?");
      return Runtime.getRuntime().availableProcessors() + " cores, " + cpu + ", "
          + Files.readAllLines(Path.of("/proc/meminfo")).get(0).replaceAll("\\s+", " ");
    } catch (IOException e) {
      return Runtime.getRuntime().availableProcessors() + " cores";
    }
  }

  /** The nodes of one setup: one for memory+file; for redis+postgres, {@code count} sharing a fresh schema and key prefix. */
  List<ServerProcess> deploy(String setup, String name, int count) throws IOException {
    return deploy(setup, name, count, args.getOrDefault("heap", setup.startsWith("redis") ? "2g" : "8g"), List.of());
  }

  /** The same, each node with a heap of {@code heap} and {@code jvm} options besides the bench's. */
  List<ServerProcess> deploy(String setup, String name, int count, String heap, List<String> jvm) throws IOException {
    boolean cluster = setup.startsWith("redis");
    String namespace = "bench" + System.nanoTime();
    if (cluster) {
      namespaces.add(namespace);
    }
    List<ServerProcess> nodes = new ArrayList<>();
    try {
      for (int n = 0; n < (cluster ? count : 1); n++) {
        nodes.add(node(setup, name, n, namespace, heap, jvm));
      }
    } catch (IOException e) {
      stop(nodes);
      throw e;
    }
    return nodes;
  }

  private ServerProcess node(String setup, String name, int index, String namespace, String heap, List<String> jvm)
      throws IOException {
    Path data = work.resolve(name + "-" + namespace + "-" + index);
    Files.createDirectories(data);
    Path config = data.resolve("bench.json");
    ObjectNode overrides = Json.object();
    overrides.putObject("viewers").put("commandsPerSecond", 1_000_000).put("commandBurst", 1_000_000);
    // the comment flood's posters keep to once a second themselves (CommentBench)
    overrides.putObject("comments").put("minIntervalSeconds", 0);
    if (args.containsKey("transport")) {
      overrides.put("transport", args.get("transport"));
    }
    if (args.containsKey("commitWindowMicros")) {
      overrides.putObject("shows").put("commitWindowMicros", Integer.parseInt(args.get("commitWindowMicros")));
    }
    if (args.containsKey("eventLoops")) {
      overrides.put("eventLoops", Integer.parseInt(args.get("eventLoops")));
    }
    if (setup.startsWith("redis")) {
      overrides.putObject("postgres").put("schema", namespace);
      overrides.putObject("redis").put("keyPrefix", namespace);
    }
    Files.write(config, Json.bytes(overrides));
    Map<String, String> env = new HashMap<>();
    env.put("LIVEDESK_PORT", "0");
    env.put("LIVEDESK_DATA_DIR", data.toString());
    env.put("LIVEDESK_ADMIN_TOKEN", BenchShow.ADMIN_TOKEN);
    env.put("LIVEDESK_PAYMENT_SECRET", BenchShow.PAYMENT_SECRET);
    env.put("LIVEDESK_NODE_ID", name + "-" + index);
    String[] parts = setup.split("\\+");
    env.put("LIVEDESK_ENGINE", parts[0]);
    env.put("LIVEDESK_STORE", parts[1]);
    env.putAll(ClusterEnv.forSetup(setup));
    int warmupRounds = Integer.parseInt(args.getOrDefault("serverWarmup", String.valueOf(SERVER_WARMUP_ROUNDS)));
    env.put("LIVEDESK_WARMUP_ROUNDS", String.valueOf(warmupRounds));
    List<String> jvmArgs = serverJvmArgs(name + "-" + index, heap);
    jvmArgs.addAll(jvm);
    ServerProcess server = livedesk(work, env, config, jvmArgs);
    if (warmupRounds > 0) {
      // a scenario meets the server as a show would: after its practice sale, not during it
      System.out.println("  (" + name + "-" + index + ": " + server.awaitLine("livedesk warm", Duration.ofSeconds(300))
          + ")");
    }
    return server;
  }

  /** The server's own default (config/default.json {@code warmup.rounds}): servers under load run it first. */
  static final int SERVER_WARMUP_ROUNDS = 4;

  /** Livedesk from this JVM's class path in a process of its own, its output under {@code work}/logs. */
  static ServerProcess livedesk(Path work, Map<String, String> env, Path configFile, List<String> jvmArgs)
      throws IOException {
    List<String> mainArgs = configFile == null ? List.of() : List.of("--config", configFile.toString());
    return ServerProcess.launch(ServerProcess.livedesk(jvmArgs, mainArgs), env, work.resolve("logs"),
        Duration.ofSeconds(120));
  }

  static void stop(List<ServerProcess> nodes) {
    for (ServerProcess node : nodes) {
      try {
        node.close();
      } catch (Exception ignored) {
        // already gone
      }
    }
  }

  /**
   * JVM options for a server under load, as the README recommends for a live show: ZGC ({@code gc=G1}
   * or {@code gc=Parallel} to compare) and a fixed heap touched up front, so resident memory per socket
   * is not blurred by the heap growing; {@code jfr=DIR} records a flight recording of each server, for
   * profiling; {@code serverJvm="…"} adds any other options.
   */
  List<String> serverJvmArgs(String name, String heap) {
    List<String> jvm = new ArrayList<>(List.of("-XX:+AlwaysPreTouch"));
    jvm.addAll(restartJvmArgs(name, heap));
    return jvm;
  }

  /**
   * JVM options for a server whose start is timed: the same fixed heap, not touched up front (that
   * would charge the start with touching every page of it).
   */
  List<String> restartJvmArgs(String name, String heap) {
    String gc = args.getOrDefault("gc", "ZGC");
    List<String> jvm = new ArrayList<>(List.of("-XX:+Use" + gc + (gc.endsWith("GC") ? "" : "GC"),
        "-Xms" + heap, "-Xmx" + heap));
    if (args.containsKey("serverJvm")) {
      jvm.addAll(List.of(args.get("serverJvm").split(" ")));
    }
    if (args.containsKey("jfr")) {
      jvm.add("-XX:StartFlightRecording=filename=" + Path.of(args.get("jfr")).toAbsolutePath().resolve(name + ".jfr")
          + ",settings=profile,dumponexit=true");
    }
    return jvm;
  }

  // ---- fan-out, with the control path measured idle and under it ----

  private void fanout(String setup, boolean measureFanout) throws Exception {
    boolean cluster = setup.startsWith("redis");
    int nodeCount = cluster ? Integer.parseInt(args.getOrDefault("fanoutNodes", "3")) : 1;
    int viewers = Integer.parseInt(args.getOrDefault("viewers", "15000")) * nodeCount;
    List<ServerProcess> nodes = deploy(setup, "fanout", nodeCount);
    try {
      ServerProcess first = nodes.get(0);
      BenchShow show = BenchShow.live(first.port(), "fan-out bench");
      // the prompter watches from the last node: in a cluster the command crosses nodes to reach it
      ControlPath control = new ControlPath(show, nodes.get(nodes.size() - 1).port());
      control.measure(200, 50);
      String setupName = setup + (cluster ? " (" + nodeCount + " nodes)" : "");
      reportControl(setupName, "idle", control);
      if (!measureFanout) {
        return;
      }
      long rssBefore = nodes.stream().mapToLong(node -> ProcStats.rssBytes(node.pid())).sum();
      long heapBefore = nodes.stream().mapToLong(node -> ProcStats.liveHeapBytes(node.pid())).sum();
      List<LoadProcess> generators = new ArrayList<>();
      int offset = 0;
      for (int n = 0; n < nodeCount; n++) {
        int share = viewers / nodeCount + (n < viewers % nodeCount ? 1 : 0);
        generators.addAll(connectViewers("127.0.0.1", nodes.get(n).port(), "/ws/shows/" + show.id, share, false, offset));
        offset += (share + SOCKETS_PER_GENERATOR - 1) / SOCKETS_PER_GENERATOR;
      }
      try {
        int connected = readyCount(generators);
        long rssAfter = nodes.stream().mapToLong(node -> ProcStats.rssBytes(node.pid())).sum();
        long heapAfter = nodes.stream().mapToLong(node -> ProcStats.liveHeapBytes(node.pid())).sum();
        String scenario = "1 fan-out";
        results.add(scenario, setupName, "viewer sockets connected", connected, "sockets",
            cluster ? "45,000 over three nodes" : "15,000 on one node");
        results.add(scenario, setupName, "server memory outside the heap per socket", (rssAfter - rssBefore) / (double) connected, "bytes", null);
        results.add(scenario, setupName, "server live heap per socket", (heapAfter - heapBefore) / (double) connected,
            "bytes", null);
        measureIdle(scenario, setupName, nodes, connected);
        control.reset();
        mark(generators);
        double cpuBefore = nodes.stream().mapToDouble(node -> ProcStats.cpuSeconds(node.pid())).sum();
        double systemBefore = nodes.stream().mapToDouble(node -> ProcStats.systemSeconds(node.pid())).sum();
        long firstSend = Micros.now();
        List<long[]> sends = sendPriceChanges(firstSend, (i, price) -> {
          show.command("item.set_price", Json.object().put("itemId", "SHINE-MUSCAT-2").put("priceCents", price));
          control.sendOne(i);
        });
        Thread.sleep(3_000);
        double cpu = nodes.stream().mapToDouble(node -> ProcStats.cpuSeconds(node.pid())).sum() - cpuBefore;
        double system = nodes.stream().mapToDouble(node -> ProcStats.systemSeconds(node.pid())).sum() - systemBefore;
        FanoutReport report = collect(generators, sends, Micros.now());
        long expected = (long) connected * PRICE_CHANGES;
        results.add(scenario, setupName, "price changes delivered", report.received, "messages", expected + " expected");
        results.add(scenario, setupName, "sockets told to resync (too far behind)", report.resynced, "sockets", "0");
        addLatency(scenario, setupName, "delivery latency", report.histogram, "p99 ≤ 250 ms");
        double seconds = (report.lastReceipt - firstSend) / 1e6;
        results.add(scenario, setupName, "messages delivered per second", report.received / seconds, "msg/s", null);
        results.add(scenario, setupName, "frames received while CPU was measured", report.frames, "frames", null);
        results.add(scenario, setupName, "server CPU per delivered frame", cpu / report.frames * 1e6, "µs",
            "well under Node ws (~18 µs)");
        results.add(scenario, setupName, "  of which in the kernel", system / report.frames * 1e6, "µs", null);
        results.meta().putObject("fanout-" + setup).put("cpuMicrosPerMessage", cpu / report.frames * 1e6)
            .put("p99Ms", Latency.ms(report.histogram.getValueAtPercentile(99)));
        reportControl(setupName, "during fan-out", control);
      } finally {
        for (LoadProcess generator : generators) {
          generator.close();
        }
      }
    } finally {
      stop(nodes);
    }
  }

  /**
   * Server CPU while every viewer is connected and nothing happens (docs/protocol.md §Viewer ticks: a
   * viewer in a quiet room is sent nothing): what an idle crowd costs, in per cent of one core.
   */
  private void measureIdle(String scenario, String setupName, List<ServerProcess> nodes, int connected)
      throws InterruptedException {
    long idleMillis = Long.parseLong(args.getOrDefault("idleSeconds", "10")) * 1000;
    Thread.sleep(2_000); // the welcomes' last writes and the join ticks settle first
    double before = nodes.stream().mapToDouble(node -> ProcStats.cpuSeconds(node.pid())).sum();
    Thread.sleep(idleMillis);
    double cpu = nodes.stream().mapToDouble(node -> ProcStats.cpuSeconds(node.pid())).sum() - before;
    results.add(scenario, setupName, "server CPU idle with " + connected + " viewers connected",
        cpu / (idleMillis / 1000.0) * 100, "% of a core", "≈ the sockets' own pings");
  }

  private void reportControl(String setup, String when, ControlPath control) {
    addLatency("3 control", setup, "console → prompter, " + when, control.histogram(),
        "idle".equals(when) ? "p99 ≤ 20 ms" : null);
  }

  /** The same load against the baseline: Node's ws package broadcasting the same message. */
  private void baseline() throws Exception {
    int viewers = Integer.parseInt(args.getOrDefault("viewers", "15000"));
    Path script = NodeBaseline.prepare();
    try (ServerProcess server = NodeBaseline.start(script, work.resolve("logs"))) {
      List<LoadProcess> generators = connectViewers("127.0.0.1", server.port(), "/", viewers, true, 0);
      try {
        int connected = readyCount(generators);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        mark(generators);
        double cpuBefore = ProcStats.cpuSeconds(server.pid());
        double systemBefore = ProcStats.systemSeconds(server.pid());
        long firstSend = Micros.now();
        List<long[]> sends = sendPriceChanges(firstSend, (i, price) -> {
          String message = "{\"type\":\"event\",\"seq\":" + (i + 1) + ",\"kind\":\"item.price_changed\",\"data\":"
              + "{\"itemId\":\"SHINE-MUSCAT-2\",\"fromCents\":" + (price + 10) + ",\"toCents\":" + price + "}}";
          http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/broadcast"))
              .POST(HttpRequest.BodyPublishers.ofString(message)).build(), HttpResponse.BodyHandlers.discarding());
        });
        Thread.sleep(3_000);
        double cpu = ProcStats.cpuSeconds(server.pid()) - cpuBefore;
        double system = ProcStats.systemSeconds(server.pid()) - systemBefore;
        FanoutReport report = collect(generators, sends, Micros.now());
        String scenario = "1 fan-out";
        String setup = "baseline node ws";
        results.add(scenario, setup, "viewer sockets connected", connected, "sockets", null);
        results.add(scenario, setup, "price changes delivered", report.received, "messages",
            (long) connected * PRICE_CHANGES + " expected");
        addLatency(scenario, setup, "delivery latency", report.histogram, null);
        double micros = cpu / report.frames * 1e6;
        results.add(scenario, setup, "frames received while CPU was measured", report.frames, "frames", null);
        results.add(scenario, setup, "server CPU per delivered frame", micros, "µs", null);
        results.add(scenario, setup, "  of which in the kernel", system / report.frames * 1e6, "µs", null);
        ObjectNode livedesk = (ObjectNode) results.meta().get("fanout-memory+file");
        if (livedesk != null) {
          results.add(scenario, "livedesk / baseline", "CPU per message ratio",
              livedesk.get("cpuMicrosPerMessage").asDouble() / micros, "×", "< 1");
          results.add(scenario, "livedesk / baseline", "p99 delivery latency ratio",
              livedesk.get("p99Ms").asDouble() / Latency.ms(report.histogram.getValueAtPercentile(99)), "×", null);
        }
      } finally {
        for (LoadProcess generator : generators) {
          generator.close();
        }
      }
    }
  }

  /** Viewer sockets spread over generator processes and over source addresses 127.0.0.2, .3, … */
  private List<LoadProcess> connectViewers(String host, int port, String path, int viewers, boolean plain, int offset)
      throws IOException {
    int processes = Math.max(1, (viewers + SOCKETS_PER_GENERATOR - 1) / SOCKETS_PER_GENERATOR);
    List<LoadProcess> generators = new ArrayList<>();
    for (int p = 0; p < processes; p++) {
      int count = viewers / processes + (p < viewers % processes ? 1 : 0);
      Map<String, String> genArgs = new HashMap<>();
      genArgs.put("mode", "fanout");
      genArgs.put("host", host);
      genArgs.put("port", String.valueOf(port));
      genArgs.put("path", path);
      genArgs.put("count", String.valueOf(count));
      int g = offset + p;
      genArgs.put("addresses", "127.0.0." + (2 + 2 * g) + ",127.0.0." + (3 + 2 * g));
      genArgs.put("prefix", "v" + g + "-");
      genArgs.put("protocol", plain ? "plain" : "livedesk");
      generators.add(LoadProcess.start(genArgs));
    }
    return generators;
  }

  /**
   * Viewer generators for {@code viewers} sockets, at most {@link #SOCKETS_PER_GENERATOR} in each process: the
   * {@code p}-th of {@code processes} started with {@code argsOf(processes, p)} into {@code generators} (which
   * the caller closes), then the sockets welcomed in all of them.
   */
  static int startViewers(List<LoadProcess> generators, int viewers,
      java.util.function.BiFunction<Integer, Integer, Map<String, String>> argsOf) throws IOException {
    int processes = Math.max(1, (viewers + SOCKETS_PER_GENERATOR - 1) / SOCKETS_PER_GENERATOR);
    for (int p = 0; p < processes; p++) {
      generators.add(LoadProcess.start(argsOf.apply(processes, p)));
    }
    return readyCount(generators);
  }

  static int readyCount(List<LoadProcess> generators) throws IOException {
    int connected = 0;
    for (LoadProcess generator : generators) {
      JsonNode ready = generator.read();
      connected += ready.path("connected").asInt();
      if (ready.path("failed").asInt() > 0) {
        System.out.println("  (" + ready.path("failed").asInt() + " sockets failed to connect)");
      }
    }
    return connected;
  }

  /** Merged receipts of every generator. */
  private record FanoutReport(long received, long frames, Histogram histogram, long lastReceipt, long resynced) {}

  /** Tells the generators to start counting every frame they receive. */
  private static void mark(List<LoadProcess> generators) throws IOException {
    for (LoadProcess generator : generators) {
      generator.send(Json.object().put("cmd", "mark"));
    }
    for (LoadProcess generator : generators) {
      generator.read();
    }
  }

  /**
   * Every generator's receipts. {@code until} is when the server's CPU was last read: only frames
   * received by then count against that CPU, so frames the generators were slow to read are left out
   * rather than credited to the server.
   */
  private static FanoutReport collect(List<LoadProcess> generators, List<long[]> sends, long until) throws IOException {
    ObjectNode command = Json.object();
    command.put("cmd", "report");
    command.put("until", until);
    ArrayNode pairs = command.putArray("sends");
    sends.forEach(pair -> pairs.addArray().add(pair[0]).add(pair[1]));
    generators.forEach(generator -> {
      try {
        generator.send(command);
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    });
    Histogram merged = Latency.histogram();
    long received = 0;
    long frames = 0;
    long resynced = 0;
    long last = 0;
    for (LoadProcess generator : generators) {
      JsonNode report = generator.read();
      received += report.get("received").asLong();
      frames += report.get("framesInWindow").asLong();
      resynced += report.path("resynced").asLong();
      System.out.println("  (frames by kind at one generator: " + report.path("framesByKind") + ")");
      last = Math.max(last, report.get("lastReceipt").asLong());
      merged.add(Latency.decode(report.get("histogram").asText()));
    }
    return new FanoutReport(received, frames, merged, last, resynced);
  }

  // ---- flash sale ----

  /**
   * The races share one deployment; each sustained phase gets a fresh one, so no phase carries the
   * millions of orders an earlier one left in memory.
   */
  private void flash(String setup) throws Exception {
    int sustain = Integer.parseInt(args.getOrDefault("sustainSeconds", "30"));
    double rate = setup.startsWith("memory") ? 10_000 : Double.parseDouble(args.getOrDefault("clusterRate", "2000"));
    List<ServerProcess> nodes = deploy(setup, "flash", 2);
    String name = setup + (nodes.size() > 1 ? " (" + nodes.size() + " nodes)" : "");
    try {
      BenchShow show = BenchShow.live(nodes.get(0).port(), "flash-sale bench");
      race(name, nodes, show, "REST", BenchShow.RACE_REST);
      race(name, nodes, show, "WebSocket", BenchShow.RACE_WS);
    } finally {
      stop(nodes);
    }
    for (String transport : List.of("REST", "WebSocket")) {
      List<ServerProcess> fresh = deploy(setup, "flow", 2);
      try {
        BenchShow show = BenchShow.live(fresh.get(0).port(), "order-flow bench");
        sustained(name, fresh, show, transport, sustain, rate);
        sustained(name, fresh, show, transport, sustain, 0);
      } finally {
        stop(fresh);
      }
    }
  }

  private void race(String setup, List<ServerProcess> nodes, BenchShow show, String transport, String item)
      throws Exception {
    int buyers = 5_000;
    List<LoadProcess> generators = new ArrayList<>();
    for (int p = 0; p < 2; p++) {
      Map<String, String> genArgs = orderArgs(nodes.get(p % nodes.size()), show, item, p, transport);
      genArgs.put("viewers", String.valueOf(buyers / 2));
      genArgs.put("prefix", "race-" + transport.charAt(0) + p + "-");
      if ("REST".equals(transport)) {
        genArgs.put("concurrency", "250");
      } else {
        genArgs.put("sockets", String.valueOf(buyers / 2));
        genArgs.put("inflight", "1");
        genArgs.put("once", "true");
      }
      generators.add(LoadProcess.start(genArgs));
    }
    OrderOutcome outcome = runOrders(generators, nodes);
    JsonNode sold = itemOf(show.snapshot(), item);
    String scenario = "2 flash sale";
    String name = setup + " " + transport;
    results.add(scenario, name, "race: buyers", buyers, "buyers", null);
    results.add(scenario, name, "race: orders placed", outcome.ok, "orders", "exactly " + BenchShow.RACE_STOCK);
    results.add(scenario, name, "race: sold per server", sold.get("sold").asLong(), "units", "= placed");
    results.add(scenario, name, "race: stock left", sold.get("stock").asLong(), "units", "0");
    results.add(scenario, name, "race: SOLD_OUT answers", outcome.outcomes.getOrDefault("SOLD_OUT", 0L), "answers",
        (buyers - BenchShow.RACE_STOCK) + "");
    addLatency(scenario, name, "race: ack latency", outcome.histogram, null);
  }

  /**
   * Order commands for {@code seconds}: with {@code rate} 0 as fast as answers come back (the most the
   * server takes), else at that rate whatever the answers do, latencies counted from when each was due.
   */
  private void sustained(String setup, List<ServerProcess> nodes, BenchShow show, String transport, int seconds,
      double rate) throws Exception {
    OrderOutcome outcome = runOrders(flowGenerators(nodes, show, transport, seconds, rate, "flow-"), nodes);
    double cpu = outcome.serverCpuSeconds();
    String scenario = "2 flash sale";
    String name = setup + " " + transport;
    String phase = rate > 0 ? String.format(java.util.Locale.ROOT, "at %,.0f/s", rate) : "flat out";
    boolean memory = setup.startsWith("memory");
    results.add(scenario, name, phase + ": orders acknowledged", outcome.ok, "orders", null);
    results.add(scenario, name, phase + ": orders per second", outcome.ok / (outcome.elapsedMillis / 1000.0), "orders/s",
        memory && rate == 0 ? "≥ 10,000" : null);
    addLatency(scenario, name, phase + ": ack latency", outcome.histogram, memory && rate > 0 ? "p99 ≤ 50 ms" : null);
    results.add(scenario, name, phase + ": server CPU per order", cpu / Math.max(1, outcome.ok) * 1e6, "µs", null);
    long errors = outcome.outcomes.entrySet().stream().filter(e -> !"OK".equals(e.getKey()))
        .mapToLong(Map.Entry::getValue).sum();
    results.add(scenario, name, phase + ": errors", errors, "answers", "0");
  }

  /**
   * Two generators of orders of the flow item for {@code seconds}: at {@code rate} in all, or with 0 as fast
   * as answers come back; buyers' ids start with {@code prefix}.
   */
  List<LoadProcess> flowGenerators(List<ServerProcess> nodes, BenchShow show, String transport, int seconds,
      double rate, String prefix) throws IOException {
    List<LoadProcess> generators = new ArrayList<>();
    for (int p = 0; p < 2; p++) {
      Map<String, String> genArgs = orderArgs(nodes.get(p % nodes.size()), show, BenchShow.FLOW, p, transport);
      genArgs.put("durationMs", String.valueOf(seconds * 1000L));
      genArgs.put("viewers", "5000");
      genArgs.put("prefix", prefix + transport.charAt(0) + p + "-");
      if ("REST".equals(transport)) {
        genArgs.put("concurrency", "64");
        genArgs.put("gzip", args.getOrDefault("gzip", "false"));
      } else {
        genArgs.put("sockets", "64");
        genArgs.put("inflight", "4");
      }
      if (rate > 0) {
        genArgs.put("rate", String.valueOf(rate / 2));
      }
      // fresh JVMs compile their hot paths in their first seconds: a fixed rate they cannot meet yet would
      // queue up and be counted against the server, so every generator warms up (and the server with it)
      genArgs.put("warmupMs", args.getOrDefault("warmupMs", "5000"));
      generators.add(LoadProcess.start(genArgs));
    }
    return generators;
  }

  Map<String, String> orderArgs(ServerProcess server, BenchShow show, String item, int p, String transport) {
    // each generator comes from a source address of its own
    Map<String, String> genArgs = new HashMap<>();
    genArgs.put("mode", "REST".equals(transport) ? "orders-rest" : "orders-ws");
    genArgs.put("host", "127.0.0.1");
    genArgs.put("port", String.valueOf(server.port()));
    genArgs.put("show", show.id);
    genArgs.put("item", item);
    genArgs.put("address", "127.0.0." + (20 + p));
    return genArgs;
  }

  record OrderOutcome(long ok, Map<String, Long> outcomes, Histogram histogram, long elapsedMillis,
      double serverCpuSeconds, double serverSystemSeconds, double loopSeconds, Map<String, Double> threadSeconds,
      long voluntarySwitches) {}

  /** The threads an order runs on: the event loops and the journal's writer. */
  private static final String[] ORDER_THREADS = {"vert.x-eventlo", "livedesk-journ"};

  /** Runs the generators once all are ready (warmed up); the server CPU is what it spent meanwhile. */
  static OrderOutcome runOrders(List<LoadProcess> generators, List<ServerProcess> nodes) throws Exception {
    for (LoadProcess generator : generators) {
      generator.read();
    }
    double cpuBefore = nodes.stream().mapToDouble(node -> ProcStats.cpuSeconds(node.pid())).sum();
    double systemBefore = nodes.stream().mapToDouble(node -> ProcStats.systemSeconds(node.pid())).sum();
    double loopsBefore = nodes.stream().mapToDouble(node -> ProcStats.threadSeconds(node.pid(), ORDER_THREADS)).sum();
    Map<String, Double> threadsBefore = threadGroupSeconds(nodes);
    long switchesBefore = nodes.stream().mapToLong(node -> ProcStats.voluntarySwitches(node.pid())).sum();
    for (LoadProcess generator : generators) {
      generator.send(Json.object().put("cmd", "go"));
    }
    Map<String, Long> outcomes = new HashMap<>();
    Histogram histogram = Latency.histogram();
    long elapsed = 0;
    List<String> worst = new ArrayList<>();
    for (LoadProcess generator : generators) {
      JsonNode done = generator.read();
      done.get("outcomes").fields().forEachRemaining(e -> outcomes.merge(e.getKey(), e.getValue().asLong(), Long::sum));
      histogram.add(Latency.decode(done.get("histogram").asText()));
      elapsed = Math.max(elapsed, done.get("elapsedMs").asLong());
      worst.add(done.path("worstMsBySecond").toString());
    }
    double cpu = nodes.stream().mapToDouble(node -> ProcStats.cpuSeconds(node.pid())).sum() - cpuBefore;
    double system = nodes.stream().mapToDouble(node -> ProcStats.systemSeconds(node.pid())).sum() - systemBefore;
    double loops = nodes.stream().mapToDouble(node -> ProcStats.threadSeconds(node.pid(), ORDER_THREADS)).sum()
        - loopsBefore;
    Map<String, Double> threads = threadSecondsSince(threadsBefore, nodes);
    long switches = nodes.stream().mapToLong(node -> ProcStats.voluntarySwitches(node.pid())).sum() - switchesBefore;
    for (LoadProcess generator : generators) {
      generator.close();
    }
    System.out.println("  (worst ack latency of each second, ms, per generator: " + String.join(" / ", worst) + ")");
    return new OrderOutcome(outcomes.getOrDefault("OK", 0L), outcomes, histogram, Math.max(1, elapsed), cpu, system, loops,
        threads, switches);
  }

  /** CPU seconds per kind of thread, summed over the nodes. */
  static Map<String, Double> threadGroupSeconds(List<ServerProcess> nodes) {
    Map<String, Double> groups = new java.util.TreeMap<>();
    for (ServerProcess node : nodes) {
      ProcStats.threadGroupSeconds(node.pid()).forEach((group, seconds) -> groups.merge(group, seconds, Double::sum));
    }
    return groups;
  }

  /** CPU seconds per kind of thread spent between two readings of {@link #threadGroupSeconds}. */
  static Map<String, Double> threadSecondsSince(Map<String, Double> before, List<ServerProcess> nodes) {
    Map<String, Double> spent = threadGroupSeconds(nodes);
    before.forEach((group, seconds) -> spent.merge(group, -seconds, Double::sum));
    return spent;
  }

  /** CPU per kind of thread in µs per command, largest first, leaving out what is under 0.05 µs. */
  static String microsByThread(Map<String, Double> seconds, long commands) {
    long per = Math.max(1, commands);
    return seconds.entrySet().stream()
        .filter(e -> e.getValue() / per * 1e6 >= 0.05)
        .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
        .map(e -> String.format(java.util.Locale.ROOT, "%s %.1f", e.getKey(), e.getValue() / per * 1e6))
        .collect(java.util.stream.Collectors.joining(", "));
  }

  private static JsonNode itemOf(JsonNode snapshot, String itemId) {
    for (JsonNode item : snapshot.get("items")) {
      if (item.get("id").asText().equals(itemId)) {
        return item;
      }
    }
    throw new IllegalStateException("no item " + itemId);
  }

  void addLatency(String scenario, String setup, String figure, Histogram histogram, String target) {
    results.add(scenario, setup, figure + " p50", Latency.ms(histogram.getValueAtPercentile(50)), "ms", null);
    results.add(scenario, setup, figure + " p99", Latency.ms(histogram.getValueAtPercentile(99)), "ms", target);
    results.add(scenario, setup, figure + " p99.9", Latency.ms(histogram.getValueAtPercentile(99.9)), "ms", null);
    results.add(scenario, setup, figure + " max", Latency.ms(histogram.getMaxValue()), "ms", null);
  }

  /** One price change of the fan-out: the {@code i}-th, to {@code price}. */
  private interface PriceSend {
    void send(int i, long price) throws Exception;
  }

  /**
   * Sends the fan-out's price changes one every {@link #PRICE_INTERVAL_MILLIS} from {@code firstSend}; each is
   * noted with its price and the instant it went out, as the delivery latency is measured from it.
   */
  private static List<long[]> sendPriceChanges(long firstSend, PriceSend send) throws Exception {
    List<long[]> sends = new ArrayList<>();
    for (int i = 0; i < PRICE_CHANGES; i++) {
      long price = 8790 - i * 10L;
      sleepUntil(firstSend + i * PRICE_INTERVAL_MILLIS * 1000);
      sends.add(new long[] {price, Micros.now()});
      send.send(i, price);
    }
    return sends;
  }

  private static void sleepUntil(long micros) throws InterruptedException {
    long wait = (micros - Micros.now()) / 1000;
    if (wait > 0) {
      Thread.sleep(wait);
    }
  }
}
