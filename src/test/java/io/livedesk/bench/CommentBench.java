package io.livedesk.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.livedesk.json.Json;
import io.livedesk.testing.ServerProcess;
import io.livedesk.testing.WholeMessages;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Scenario 7: a comment flood in a full room. 15,000 viewer sockets are connected to one node; 2,000 of
 * them post a comment once a second each, 2,000 a second evenly spread, for 10 s (after 2 s of the same,
 * not counted). One staff (control)
 * socket times each {@code comment.posted} from when its post was due (the text carries that instant); every
 * viewer socket counts the {@code comments} frames it gets in each second. The server's comment interval is
 * set to no wait ({@code comments.minIntervalSeconds} 0): the posters keep to once a second themselves, and two
 * posts of one viewer due a second apart may reach the server a millisecond less apart.
 */
record CommentBench(Bench bench, Results results, Map<String, String> args) {

  static final String SCENARIO = "7 comments";
  static final int POSTERS = 2_000;
  static final int PER_SECOND = 2_000;

  void run(String setup) throws Exception {
    int viewers = Integer.parseInt(args.getOrDefault("viewers", "15000"));
    int seconds = Integer.parseInt(args.getOrDefault("commentSeconds", "10"));
    List<ServerProcess> nodes = bench.deploy(setup, "comments", 1);
    ServerProcess node = nodes.get(0);
    List<LoadProcess> generators = new ArrayList<>();
    try {
      BenchShow show = BenchShow.live(node.port(), "comments bench");
      Staff staff = new Staff(node.port(), show);
      int connected = Bench.startViewers(generators, viewers, (processes, p) -> viewerArgs(node, show, viewers, processes, p));
      int processes = generators.size();
      results.conditions("comments-" + setup, connected + " viewers from " + processes + " generator processes, "
          + POSTERS + " of them posting").put("viewers", connected).put("posters", POSTERS)
          .put("perSecond", PER_SECOND).put("seconds", seconds).put("generatorProcesses", processes);
      results.add(SCENARIO, setup, "viewer sockets connected", connected, "sockets", "15,000 on one node");

      // a flood meets a server already taking comments: two seconds of them first, so a fresh server's
      // compilation is not what the flood measures
      Flood warm = flood(generators, 2);
      System.out.println("  (warm-up, not counted: " + warm.outcomes + " of " + warm.posted + " posted)");
      staff.reset();
      double cpuBefore = ProcStats.cpuSeconds(node.pid());
      long cpuFrom = Micros.now();
      Flood flood = flood(generators, seconds);
      double cpu = ProcStats.cpuSeconds(node.pid()) - cpuBefore;
      double cpuWindow = (Micros.now() - cpuFrom) / 1e6;
      Map<String, Long> outcomes = flood.outcomes;
      long posted = flood.posted;
      long frames = flood.frames;
      long resynced = flood.resynced + warm.resynced;
      int maxPerSecond = Math.max(flood.maxPerSecond, warm.maxPerSecond);
      long accepted = outcomes.getOrDefault("OK", 0L);
      System.out.println("  (comment.post answers: " + outcomes + " of " + posted + " posted; server CPU "
          + String.format(Locale.ROOT, "%.2f s", cpu) + ")");
      results.add(SCENARIO, setup, "comments posted", posted, "comments", (long) PER_SECOND * seconds + "");
      results.add(SCENARIO, setup, "comments accepted", accepted, "comments", posted + "");
      results.add(SCENARIO, setup, "comments delivered to staff", staff.received(), "events", accepted + " (accepted)");
      bench.addLatency(SCENARIO, setup, "post → staff screen", staff.latency(), "p99 ≤ 500 ms");
      results.add(SCENARIO, setup, "most comment frames one viewer got in one second", maxPerSecond, "frames", "≤ 5");
      results.add(SCENARIO, setup, "comment frames to viewers", frames, "frames", null);
      results.add(SCENARIO, setup, "viewer sockets told to resync", resynced, "sockets", "0");
      results.add(SCENARIO, setup, "server CPU per accepted comment", accepted == 0 ? 0 : cpu / accepted * 1e6, "µs",
          null);
      results.add(SCENARIO, setup, "server CPU over the flood", cpu / cpuWindow, "cores", null);
    } finally {
      for (LoadProcess generator : generators) {
        generator.close();
      }
      Bench.stop(nodes);
    }
  }

  /** What every generator counted of one flood, since the last. */
  private record Flood(Map<String, Long> outcomes, long posted, long frames, long resynced, int maxPerSecond) {}

  /** Every poster posting once a second for {@code seconds} from half a second on, then 3 s for the last to land. */
  private static Flood flood(List<LoadProcess> generators, int seconds) throws Exception {
    long at = Micros.now() + 500_000;
    for (LoadProcess generator : generators) {
      generator.send(Json.object().put("cmd", "post").put("at", at).put("perSecond", PER_SECOND)
          .put("seconds", seconds));
    }
    Thread.sleep((at - Micros.now()) / 1000 + seconds * 1000L + 3_000);
    Map<String, Long> outcomes = new TreeMap<>();
    long posted = 0;
    long frames = 0;
    long resynced = 0;
    int maxPerSecond = 0;
    for (LoadProcess generator : generators) {
      generator.send(Json.object().put("cmd", "report"));
      JsonNode report = generator.read();
      posted += report.path("posted").asLong();
      report.get("outcomes").fields().forEachRemaining(e -> outcomes.merge(e.getKey(), e.getValue().asLong(), Long::sum));
      frames += report.path("commentFrames").asLong();
      resynced += report.path("resynced").asLong();
      maxPerSecond = Math.max(maxPerSecond, report.path("maxCommentFramesPerSocketSecond").asInt());
    }
    return new Flood(outcomes, posted, frames, resynced, maxPerSecond);
  }

  /** Viewers of generator {@code p}: its share of the crowd and of the posters, from two source addresses of its own. */
  private static Map<String, String> viewerArgs(ServerProcess node, BenchShow show, int viewers, int processes, int p) {
    Map<String, String> genArgs = new HashMap<>();
    genArgs.put("mode", "comments");
    genArgs.put("host", "127.0.0.1");
    genArgs.put("port", String.valueOf(node.port()));
    genArgs.put("show", show.id);
    genArgs.put("sockets", String.valueOf(viewers / processes + (p < viewers % processes ? 1 : 0)));
    genArgs.put("posters", String.valueOf(POSTERS / processes + (p < POSTERS % processes ? 1 : 0)));
    genArgs.put("prefix", "c" + p + "-");
    genArgs.put("addresses", "127.0.0." + (60 + 2 * p) + ",127.0.0." + (61 + 2 * p));
    genArgs.put("slot", String.valueOf(p));
    genArgs.put("slots", String.valueOf(processes));
    return genArgs;
  }

  /** The console's socket: each {@code comment.posted} timed from the instant its text names. */
  private static final class Staff {
    private final Histogram latency = Latency.histogram();
    private long received;

    Staff(int port, BenchShow show) throws Exception {
      WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
          .buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws/shows/" + show.id),
              new WholeMessages(this::frame, code -> { }))
          .get(10, TimeUnit.SECONDS);
      socket.sendText("{\"type\":\"connect\",\"role\":\"control\",\"token\":\"" + show.controlToken + "\"}", true);
      Thread.sleep(500);
    }

    private synchronized void frame(String text) {
      if (!text.contains("\"kind\":\"comment.posted\"")) {
        return;
      }
      long now = Micros.now();
      for (int at = text.indexOf("\"q-"); at >= 0; at = text.indexOf("\"q-", at + 3)) {
        long due = Long.parseLong(text.substring(at + 3, text.indexOf('"', at + 3)));
        latency.recordValue(Math.max(0, now - due));
        received++;
      }
    }

    synchronized void reset() {
      latency.reset();
      received = 0;
    }

    synchronized long received() {
      return received;
    }

    synchronized Histogram latency() {
      return latency.copy();
    }
  }
}
