package io.livedesk.bench;

import io.livedesk.json.Json;
import io.livedesk.testing.ServerProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Live heap per connected viewer socket, and where it goes: one server (memory engine, file store), a
 * class histogram after a full collection before and after {@code viewers} sockets connect from other
 * processes, and the classes that grew most per socket. Arguments (key=value): {@code viewers=5000},
 * {@code heap=1g}, {@code gc=Z} (the default collector, G1, otherwise), {@code top=40},
 * {@code java=/usr/lib/jvm/…/bin/java} (the server's JVM, whose {@code jcmd} takes the histograms; this
 * JVM's otherwise) and {@code serverJvm="…"} (further options of the server's JVM, space-separated, e.g.
 * {@code -XX:+UseCompactObjectHeaders}).
 */
final class ViewerHeap {

  private static final Pattern ROW = Pattern.compile("(?m)^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)");

  public static void main(String[] argv) throws Exception {
    Map<String, String> args = new HashMap<>();
    for (String arg : argv) {
      int eq = arg.indexOf('=');
      args.put(arg.substring(0, eq), arg.substring(eq + 1));
    }
    int viewers = Integer.parseInt(args.getOrDefault("viewers", "5000"));
    Path work = Files.createTempDirectory("livedesk-heap");
    Path data = work.resolve("data");
    Files.createDirectories(data);
    Map<String, String> env = new HashMap<>();
    env.put("LIVEDESK_PORT", "0");
    env.put("LIVEDESK_DATA_DIR", data.toString());
    env.put("LIVEDESK_ADMIN_TOKEN", BenchShow.ADMIN_TOKEN);
    env.put("LIVEDESK_NODE_ID", "heap-0");
    env.put("LIVEDESK_ENGINE", "memory");
    env.put("LIVEDESK_STORE", "file");
    Path config = data.resolve("bench.json");
    Files.write(config, Json.bytes(Json.object()));
    String heap = args.getOrDefault("heap", "1g");
    List<String> jvm = new ArrayList<>(List.of("-Xms" + heap, "-Xmx" + heap));
    if (args.containsKey("gc")) {
      jvm.add("-XX:+Use" + args.get("gc") + "GC");
    }
    if (args.containsKey("serverJvm")) {
      jvm.addAll(List.of(args.get("serverJvm").split(" ")));
    }
    List<String> command = new ArrayList<>(ServerProcess.livedesk(jvm, List.of("--config", config.toString())));
    String java = args.getOrDefault("java", ServerProcess.javaBin());
    command.set(0, java);
    String jcmd = Path.of(java).resolveSibling("jcmd").toString();
    try (ServerProcess server = ServerProcess.launch(command, env, work.resolve("logs"), Duration.ofSeconds(120))) {
      BenchShow show = BenchShow.live(server.port(), "heap");
      System.out.println(java + " " + String.join(" ", jvm));
      Map<String, long[]> before = histogram(jcmd, server.pid());
      List<LoadProcess> generators = new ArrayList<>();
      int processes = (viewers + Bench.SOCKETS_PER_GENERATOR - 1) / Bench.SOCKETS_PER_GENERATOR;
      for (int p = 0; p < processes; p++) {
        Map<String, String> gen = new HashMap<>();
        gen.put("mode", "fanout");
        gen.put("host", "127.0.0.1");
        gen.put("port", String.valueOf(server.port()));
        gen.put("path", "/ws/shows/" + show.id);
        gen.put("count", String.valueOf(viewers / processes + (p < viewers % processes ? 1 : 0)));
        gen.put("addresses", "127.0.0." + (2 + 2 * p) + ",127.0.0." + (3 + 2 * p));
        gen.put("prefix", "v" + p + "-");
        gen.put("protocol", "livedesk");
        generators.add(LoadProcess.start(gen));
      }
      int connected = Bench.readyCount(generators);
      Thread.sleep(2000);
      Map<String, long[]> after = histogram(jcmd, server.pid());
      long total = after.get("Total")[1] - before.get("Total")[1];
      System.out.printf("%d sockets: live heap %.0f bytes per socket%n", connected, total / (double) connected);
      List<Map.Entry<String, long[]>> grown = new ArrayList<>();
      for (Map.Entry<String, long[]> row : after.entrySet()) {
        long[] was = before.getOrDefault(row.getKey(), new long[2]);
        grown.add(Map.entry(row.getKey(), new long[] {row.getValue()[0] - was[0], row.getValue()[1] - was[1]}));
      }
      grown.sort((a, b) -> Long.compare(b.getValue()[1], a.getValue()[1]));
      int top = Integer.parseInt(args.getOrDefault("top", "40"));
      for (Map.Entry<String, long[]> row : grown.subList(0, Math.min(top, grown.size()))) {
        System.out.printf("%8.2f objects %8.0f bytes  %s%n", row.getValue()[0] / (double) connected,
            row.getValue()[1] / (double) connected, row.getKey());
      }
      for (LoadProcess generator : generators) {
        generator.close();
      }
    }
    System.exit(0);
  }

  private static Map<String, long[]> histogram(String jcmdBin, long pid) throws IOException, InterruptedException {
    Process jcmd = new ProcessBuilder(jcmdBin, String.valueOf(pid), "GC.class_histogram").redirectErrorStream(true).start();
    String text = new String(jcmd.getInputStream().readAllBytes());
    jcmd.waitFor();
    Map<String, long[]> rows = new HashMap<>();
    Matcher row = ROW.matcher(text);
    while (row.find()) {
      rows.merge(row.group(3), new long[] {Long.parseLong(row.group(1)), Long.parseLong(row.group(2))},
          (a, b) -> new long[] {a[0] + b[0], a[1] + b[1]});
    }
    Matcher total = Pattern.compile("(?m)^Total\\s+(\\d+)\\s+(\\d+)").matcher(text);
    if (total.find()) {
      rows.put("Total", new long[] {Long.parseLong(total.group(1)), Long.parseLong(total.group(2))});
    }
    return rows;
  }
}
