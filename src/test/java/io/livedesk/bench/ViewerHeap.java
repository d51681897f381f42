package io.livedesk.bench;

import io.livedesk.json.Json;
import io.livedesk.testing.ServerProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
      ClassHistogram before = ClassHistogram.take(jcmd, server.pid(), null);
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
      ClassHistogram after = ClassHistogram.take(jcmd, server.pid(), null);
      long total = after.bytes() - before.bytes();
      System.out.printf("%d sockets: live heap %.0f bytes per socket%n", connected, total / (double) connected);
      List<ClassHistogram.Growth> grown = after.since(before);
      int top = Integer.parseInt(args.getOrDefault("top", "40"));
      for (ClassHistogram.Growth row : grown.subList(0, Math.min(top, grown.size()))) {
        System.out.printf("%8.2f objects %8.0f bytes  %s%n", row.instances() / (double) connected,
            row.bytes() / (double) connected, row.name());
      }
      for (LoadProcess generator : generators) {
        generator.close();
      }
    }
    System.exit(0);
  }
}
