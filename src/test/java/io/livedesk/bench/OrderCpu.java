package io.livedesk.bench;

import io.livedesk.testing.ServerProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The server's CPU per order at a fixed rate, and nothing else: a fresh server (memory engine, file
 * journal) for each run, two order generators in processes of their own, the server process's CPU time
 * (user + kernel, GC and compiler threads included) over the measured phase divided by the orders
 * acknowledged. Cheaper than the flash scenario (no races, no flat-out phase), so runs can be repeated
 * before and after a change in the same conditions.
 *
 * <pre>
 * mvn -q -B dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt &amp;&amp; mvn -q -B test-compile
 * java -cp target/test-classes:target/classes:$(cat /tmp/cp.txt) io.livedesk.bench.OrderCpu runs=3
 * </pre>
 *
 * <p>Arguments (key=value): runs=3 transports=REST,WebSocket rate=10000 seconds=10 warmupMs=20000 heap=2g
 * gc=ZGC, {@code commitWindowMicros=N} (the server's {@code shows.commitWindowMicros}; its default when absent),
 * {@code gzip=true} (the REST generators ask for compressed answers, as browsers do),
 * {@code floor=true} (instead of Livedesk, {@link OrderFloor}: a bare server that only answers, the floor under
 * an order's CPU on this machine),
 * and {@code jfr=DIR} as for {@link Bench}. Each run also prints the events per append and per journal fsync
 * (from the server's /metrics, over the whole run with its warm-up), and over the measured phase the CPU per
 * order by kind of thread and the server's voluntary context switches per order.
 */
public final class OrderCpu {

  private OrderCpu() {
  }

  public static void main(String[] argv) throws Exception {
    Map<String, String> args = Bench.arguments(argv);
    args.putIfAbsent("heap", "2g");
    // a fresh server still compiles its order paths for seconds after its practice sale: measured at 5 s, the
    // compilers took 19-47 µs an order of the phase that followed (docs/benchmarks.md §Issue 19, sixth evening)
    args.putIfAbsent("warmupMs", "20000");
    Bench bench = new Bench(args);
    int runs = Integer.parseInt(args.getOrDefault("runs", "3"));
    double rate = Double.parseDouble(args.getOrDefault("rate", "10000"));
    int seconds = Integer.parseInt(args.getOrDefault("seconds", "10"));
    boolean floor = Boolean.parseBoolean(args.getOrDefault("floor", "false"));
    Map<String, List<Double>> micros = new HashMap<>();
    for (int run = 1; run <= runs; run++) {
      for (String transport : args.getOrDefault("transports", "REST,WebSocket").split(",")) {
        String name = "cpu-" + transport + "-" + run;
        List<ServerProcess> nodes = floor ? List.of(floor(bench, name, args.get("heap")))
            : bench.deploy("memory+file", name, 1);
        try {
          BenchShow show = floor ? BenchShow.floor(nodes.get(0).port()) : BenchShow.live(nodes.get(0).port(), "order cpu");
          List<LoadProcess> generators = bench.flowGenerators(nodes, show, transport, seconds, rate, "cpu-");
          double[] before = floor ? new double[3] : appends(nodes.get(0).port());
          Bench.OrderOutcome outcome = Bench.runOrders(generators, nodes);
          double[] after = floor ? new double[3] : appends(nodes.get(0).port());
          double perOrder = outcome.serverCpuSeconds() / Math.max(1, outcome.ok()) * 1e6;
          micros.computeIfAbsent(transport, t -> new ArrayList<>()).add(perOrder);
          String byThread = Bench.microsByThread(outcome.threadSeconds(), outcome.ok());
          System.out.printf(Locale.ROOT,
              "run %d %-9s %,d orders in %,d ms, %d not OK: %.1f µs/order (%.1f in the kernel, %.1f on the event loops"
                  + " and the journal), p50 %.2f p99 %.1f ms, %.1f events/append, %.1f events/fsync%n",
              run, transport, outcome.ok(), outcome.elapsedMillis(),
              outcome.outcomes().entrySet().stream().filter(e -> !"OK".equals(e.getKey()))
                  .mapToLong(Map.Entry::getValue).sum(),
              perOrder, outcome.serverSystemSeconds() / Math.max(1, outcome.ok()) * 1e6,
              outcome.loopSeconds() / Math.max(1, outcome.ok()) * 1e6, outcome.histogram().getValueAtPercentile(50) / 1000.0,
              outcome.histogram().getValueAtPercentile(99) / 1000.0,
              (after[1] - before[1]) / Math.max(1, after[0] - before[0]),
              (after[1] - before[1]) / Math.max(1, after[2] - before[2]));
          System.out.println("  µs/order by thread: " + byThread);
          System.out.printf(Locale.ROOT, "  voluntary context switches per order: %.2f%n",
              outcome.voluntarySwitches() / (double) Math.max(1, outcome.ok()));
        } finally {
          Bench.stop(nodes);
        }
      }
    }
    micros.forEach((transport, values) -> System.out.printf(Locale.ROOT, "%-9s µs/order: %s%n", transport,
        values.stream().map(v -> String.format(Locale.ROOT, "%.1f", v)).toList()));
    System.exit(0);
  }

  /** {@link OrderFloor} in a process of its own, with the JVM options a bench server gets. */
  private static ServerProcess floor(Bench bench, String name, String heap) throws IOException {
    return ServerProcess.launch(ServerProcess.java(bench.serverJvmArgs(name, heap), OrderFloor.class.getName(), List.of()),
        Map.of(), bench.work.resolve("logs"), Duration.ofSeconds(120));
  }

  /** Appends, events appended and journal fsyncs so far, from the server's /metrics. */
  private static double[] appends(int port) throws IOException, InterruptedException {
    // HTTP/1.1 as the bench's other calls: no upgrade attempt on a server that answers plain HTTP/1.1
    String text = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
        .build(), HttpResponse.BodyHandlers.ofString()).body();
    return new double[] {sum(text, "livedesk_append_batch_size_count"), sum(text, "livedesk_append_batch_size_sum"),
        sum(text, "livedesk_journal_fsync_seconds_count")};
  }

  private static double sum(String text, String name) {
    return text.lines().filter(line -> line.startsWith(name + " ") || line.startsWith(name + "{"))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
  }
}
