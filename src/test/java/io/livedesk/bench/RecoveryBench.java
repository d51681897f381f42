package io.livedesk.bench;

import io.livedesk.http.Tokens;
import io.livedesk.show.ShowMeta;
import io.livedesk.store.FileEventStore;
import io.livedesk.store.ShowRecord;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Scenario 5: a show with a long history, a cold restart to ready, and its report. */
final class RecoveryBench {

  private static final Pattern REBUILT = Pattern.compile("rebuilt: (\\d+) events in (\\d+) ms");

  private final Results results;
  private final Path work;
  private final Map<String, String> args;

  RecoveryBench(Results results, Path work, Map<String, String> args) {
    this.results = results;
    this.work = work;
    this.args = args;
  }

  void run(String setup) throws Exception {
    if (!"memory+file".equals(setup)) {
      results.add("5 recovery", setup, "not measured for this setup", 0, "", null);
      return;
    }
    long events = Long.parseLong(args.getOrDefault("events", "1000000"));
    Path data = work.resolve("recovery-" + System.nanoTime());
    String controlToken = Tokens.newToken();
    ShowMeta meta = new ShowMeta("srecovery", "recovery bench", null, 120, true, System.currentTimeMillis());
    long generateStart = System.nanoTime();
    Vertx vertx = Vertx.vertx();
    try {
      FileEventStore store = FileEventStore.open(vertx, data, null).toCompletionStage().toCompletableFuture()
          .get(60, TimeUnit.SECONDS);
      store.createShow(new ShowRecord(meta, Tokens.hash(controlToken), Tokens.hash(Tokens.newToken())))
          .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
      new HistoryGenerator(meta).generate(events, 10_000, batch -> {
        try {
          store.append(meta.id(), batch).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      store.close().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
    System.out.printf("  (history of %,d events written in %.1f s, journal %,d bytes)%n", events,
        (System.nanoTime() - generateStart) / 1e9, Files.size(data.resolve("shows/srecovery/journal.jsonl")));
    Map<String, String> env = new HashMap<>();
    env.put("LIVEDESK_PORT", "0");
    env.put("LIVEDESK_DATA_DIR", data.toString());
    env.put("LIVEDESK_ADMIN_TOKEN", BenchShow.ADMIN_TOKEN);
    try (ServerProcess server = ServerProcess.livedesk(env, null, args.getOrDefault("heap", "3g"), List.of())) {
      String scenario = "5 recovery";
      results.add(scenario, setup, "history", events, "events", "1,000,000");
      results.add(scenario, setup, "cold restart to ready (process start → listening)", server.startSeconds(), "s",
          "≤ 5 s");
      for (String line : server.output()) {
        Matcher matcher = REBUILT.matcher(line);
        if (matcher.find()) {
          results.add(scenario, setup, "replay of the history", Long.parseLong(matcher.group(2)) / 1000.0, "s", null);
        }
      }
      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      for (String path : new String[] {"/report", ""}) {
        long start = System.nanoTime();
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                + "/api/shows/srecovery" + path)).header("Authorization", "Bearer " + controlToken).build(),
            HttpResponse.BodyHandlers.ofByteArray());
        double seconds = (System.nanoTime() - start) / 1e9;
        String figure = path.isEmpty() ? "snapshot (first request)" : "report build (first request)";
        if (response.statusCode() == 200) {
          results.add(scenario, setup, figure, seconds, "s", path.isEmpty() ? null : "≤ 1 s");
        } else {
          results.add(scenario, setup, figure + " failed with " + response.statusCode(), seconds, "s", null);
        }
      }
    }
  }
}
