package io.livedesk.bench;

import static io.livedesk.testing.Futures.await;

import io.livedesk.http.Tokens;
import io.livedesk.json.Json;
import io.livedesk.show.ShowMeta;
import io.livedesk.store.ShowRecord;
import io.livedesk.store.file.FileEventStore;
import io.livedesk.testing.ServerProcess;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Scenario {@code ended}: a server holding many ended shows (docs/design.md §Resting shows). Writes
 * {@code endedShows} (500) ended shows of {@code endedEvents} (20,000) events each with the file store, then
 * measures a server on that data against one with none: process start to listening, idle CPU over
 * {@code idleSeconds} (10), live heap after a full collection, and the first and second report of one
 * resting show. With {@code endedLoaded=true} (the default) it measures once more with
 * {@code shows.restAfterSeconds} 0, every show replayed and kept, as before shows rested.
 */
final class EndedBench {

  private static final Duration HISTORY_PATIENCE = Duration.ofMinutes(10);
  private static final String SCENARIO = "ended shows";

  private final Results results;
  private final Path work;
  private final Map<String, String> args;
  private final BiFunction<String, String, List<String>> jvmArgs;

  EndedBench(Results results, Path work, Map<String, String> args, BiFunction<String, String, List<String>> jvmArgs) {
    this.results = results;
    this.work = work;
    this.args = args;
    this.jvmArgs = jvmArgs;
  }

  void run(String setup) throws Exception {
    if (setup.startsWith("redis")) {
      // the cluster engine loads a show when first asked for and keeps it: nothing is replayed at start
      System.out.println("  (scenario ended: memory engine only, " + setup + " skipped)");
      return;
    }
    int shows = Integer.parseInt(args.getOrDefault("endedShows", "500"));
    long events = Long.parseLong(args.getOrDefault("endedEvents", "20000"));
    String heap = args.getOrDefault("heap", "8g");
    Path empty = work.resolve("ended-empty");
    Files.createDirectories(empty);
    measure(setup, "no show", empty, 0, null, null, heap);

    Path data = work.resolve("ended-" + System.nanoTime());
    String[] first = writeShows(data, shows, events);
    String label = shows + " ended × " + events + " events";
    measure(setup, label + ", resting", data, shows, first, null, heap);
    if (!"false".equals(args.get("endedLoaded"))) {
      Path config = data.resolve("bench-loaded.json");
      Files.write(config, Json.bytes(Json.object().set("shows", Json.object().put("restAfterSeconds", 0))));
      measure(setup, label + ", all loaded (restAfterSeconds 0)", data, shows, first, config, heap);
    }
  }

  /** Writes the ended shows; answers the id and control token of the first. */
  private static String[] writeShows(Path data, int shows, long events) throws Exception {
    long started = System.nanoTime();
    String[] first = new String[2];
    Vertx vertx = Vertx.vertx();
    try {
      FileEventStore store = await(FileEventStore.open(vertx, data, null), HISTORY_PATIENCE);
      for (int i = 0; i < shows; i++) {
        String controlToken = Tokens.newToken();
        ShowMeta meta = new ShowMeta(Tokens.newShowId(), "ended bench " + i, null, 120, true,
            System.currentTimeMillis());
        await(store.createShow(new ShowRecord(meta, Tokens.hash(controlToken), Tokens.hash(Tokens.newToken()))),
            HISTORY_PATIENCE);
        new HistoryGenerator(meta).generateEnded(events, 10_000, batch -> {
          try {
            await(store.append(meta.id(), batch), HISTORY_PATIENCE);
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        });
        if (i == 0) {
          first[0] = meta.id();
          first[1] = controlToken;
        }
      }
      await(store.close(), HISTORY_PATIENCE);
    } finally {
      await(vertx.close(), HISTORY_PATIENCE);
    }
    System.out.printf("  (%,d ended shows of %,d events written in %.1f s)%n", shows, events,
        (System.nanoTime() - started) / 1e9);
    return first;
  }

  private void measure(String setup, String label, Path data, int shows, String[] first, Path config, String heap)
      throws Exception {
    Map<String, String> env = new HashMap<>();
    env.put("LIVEDESK_PORT", "0");
    env.put("LIVEDESK_DATA_DIR", data.toString());
    env.put("LIVEDESK_ADMIN_TOKEN", BenchShow.ADMIN_TOKEN);
    try (ServerProcess server = Bench.livedesk(work, env, config, jvmArgs.apply("ended-" + shows, heap))) {
      results.add(SCENARIO, setup, label + ": process start → listening", server.startSeconds(), "s", null);
      // the port opens before the shows loaded at start are rebuilt; /health answers once they are
      long waitFrom = System.nanoTime();
      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      int health;
      do {
        try {
          health = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/health"))
              .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (java.net.http.HttpTimeoutException busy) {
          health = 503; // loops busy rebuilding answer late: still starting, ask again
        }
        if (health == 503) {
          Thread.sleep(100); // STARTING: shows loaded at start are still being rebuilt
        }
      } while (health == 503 && System.nanoTime() - waitFrom < HISTORY_PATIENCE.toNanos());
      results.add(SCENARIO, setup, label + ": process start → every show loaded at start rebuilt (/health "
          + health + ")", server.startSeconds() + (System.nanoTime() - waitFrom) / 1e9, "s", null);
      long replayed = server.output().stream().filter(line -> line.contains(" rebuilt: ")).count();
      results.add(SCENARIO, setup, label + ": shows replayed at start", replayed, "shows", null);
      double idleSeconds = Double.parseDouble(args.getOrDefault("idleSeconds", "10"));
      double cpuBefore = ProcStats.cpuSeconds(server.pid());
      Thread.sleep((long) (idleSeconds * 1000));
      double cpu = ProcStats.cpuSeconds(server.pid()) - cpuBefore;
      results.add(SCENARIO, setup, label + ": idle CPU", cpu / idleSeconds * 100, "% of a core", null);
      results.add(SCENARIO, setup, label + ": live heap after a full GC", ProcStats.liveHeapBytes(server.pid()) / 1e6,
          "MB", null);
      if (first == null) {
        return;
      }
      String[] figures = {"first report of one show", "its report again"};
      for (String figure : figures) {
        long start = System.nanoTime();
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/shows/"
            + first[0] + "/report")).timeout(Duration.ofMinutes(5)).header("Authorization", "Bearer " + first[1])
            .build(), HttpResponse.BodyHandlers.ofByteArray());
        double seconds = (System.nanoTime() - start) / 1e9;
        results.add(SCENARIO, setup, label + ": " + figure + (response.statusCode() == 200 ? ""
            : " failed with " + response.statusCode()), seconds * 1000, "ms", null);
      }
    }
  }
}
