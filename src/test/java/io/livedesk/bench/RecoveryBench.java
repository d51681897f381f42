package io.livedesk.bench;

import static io.livedesk.testing.Futures.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.livedesk.http.Tokens;
import io.livedesk.json.Json;
import io.livedesk.engine.ShowMetrics;
import io.livedesk.engine.ShowSnapshotter;
import io.livedesk.engine.SnapshotWorker;
import io.livedesk.engine.Snapshots;
import io.livedesk.lottery.VerifiableDraw;
import io.livedesk.report.ShowFigures;
import io.livedesk.show.Recorded;
import io.livedesk.show.ShowMeta;
import io.livedesk.show.ShowState;
import io.livedesk.store.EventStore;
import io.livedesk.store.ShowRecord;
import io.livedesk.store.file.FileEventStore;
import io.livedesk.store.postgres.PostgresEventStore;
import io.livedesk.testing.ServerProcess;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Scenario 5: a show with a long history, a cold restart to ready, and its report. */
final class RecoveryBench {

  private static final Pattern REBUILT = Pattern.compile("rebuilt: (\\d+) events in (\\d+) ms");
  /** Writing a long history takes far longer than a test's step: each store call gets ten minutes. */
  private static final Duration HISTORY_PATIENCE = Duration.ofMinutes(10);

  private final Results results;
  private final Path work;
  private final Map<String, String> args;
  private final BiFunction<String, String, List<String>> jvmArgs;

  RecoveryBench(Results results, Path work, Map<String, String> args,
      BiFunction<String, String, List<String>> jvmArgs) {
    this.results = results;
    this.work = work;
    this.args = args;
    this.jvmArgs = jvmArgs;
  }

  void run(String setup) throws Exception {
    long events = Long.parseLong(args.getOrDefault("events", "1000000"));
    boolean cluster = setup.startsWith("redis");
    String namespace = "benchrecovery" + System.nanoTime();
    // history=DIR keeps the written history for the next run, which restarts from it without writing it again
    Path kept = args.containsKey("history") && !cluster ? Path.of(args.get("history")).toAbsolutePath() : null;
    Path data = kept != null ? kept : work.resolve(namespace);
    Path tokenFile = data.resolve("bench-control-token");
    if (kept != null && Files.exists(tokenFile)) {
      // a restart writes to the history (the sessions it closes, the first command): each run starts from a copy
      Path copy = work.resolve(namespace);
      copyTree(data, copy);
      System.out.printf("  (restarting from a copy of the history kept in %s)%n", data);
      restart(setup, copy, Files.readString(tokenFile).strip(), events, -1, namespace);
      return;
    }
    String controlToken = Tokens.newToken();
    ShowMeta meta = new ShowMeta("srecovery", "recovery bench", null, 120, true, System.currentTimeMillis());
    long generateStart = System.nanoTime();
    double[] jobSeconds = {-1};
    Vertx vertx = Vertx.vertx();
    try {
      EventStore store = cluster
          ? await(PostgresEventStore.open(vertx, new PostgresEventStore.Settings(
              System.getProperty("bench.pg", "postgresql://postgres@127.0.0.1:5432/postgres"), namespace, 4)),
              HISTORY_PATIENCE)
          : await(FileEventStore.open(vertx, data, null), HISTORY_PATIENCE);
      await(store.createShow(new ShowRecord(meta, Tokens.hash(controlToken), Tokens.hash(Tokens.newToken()))),
          HISTORY_PATIENCE);
      // as a running server would have: a snapshot of the fold a tail before the end (docs/design.md §Snapshots)
      long tail = Long.parseLong(args.getOrDefault("snapshotTail", "20000"));
      ShowState state = new ShowState(meta, new VerifiableDraw());
      ShowFigures figures = new ShowFigures();
      byte[][] snapshot = new byte[1][];
      new HistoryGenerator(meta).generate(events, 10_000, batch -> {
        try {
          await(store.append(meta.id(), batch), HISTORY_PATIENCE);
          if (tail >= 0 && snapshot[0] == null) {
            for (Recorded recorded : batch) {
              state.evolve(recorded);
              figures.apply(recorded, state);
            }
            if (state.seq() >= events - tail) {
              snapshot[0] = Snapshots.write(meta.id(), new Snapshots.Folded(state, figures));
              await(store.saveSnapshot(meta.id(), state.seq(), snapshot[0]), HISTORY_PATIENCE);
              System.out.printf("  (snapshot at seq %,d: %,d bytes)%n", state.seq(), snapshot[0].length);
            }
          }
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      if (tail >= 0 && !cluster && snapshot[0] != null) {
        // what a running server's snapshot job costs, off the show's loop: the previous snapshot read back,
        // the tail folded from the store, the whole fold written and saved; then the one a tail before the
        // end is put back, for the restart measured below
        SnapshotWorker worker = new SnapshotWorker(vertx);
        ShowSnapshotter snapshotter = new ShowSnapshotter(store, meta, new VerifiableDraw(), 1, worker,
            ShowMetrics.NONE, () -> true);
        long jobStart = System.nanoTime();
        await(snapshotter.write(events), HISTORY_PATIENCE);
        jobSeconds[0] = (System.nanoTime() - jobStart) / 1e9;
        await(worker.close(), HISTORY_PATIENCE);
        await(store.saveSnapshot(meta.id(), Snapshots.seqOf(snapshot[0]), snapshot[0]), HISTORY_PATIENCE);
      }
      await(store.close(), HISTORY_PATIENCE);
    } finally {
      await(vertx.close(), HISTORY_PATIENCE);
    }
    System.out.printf("  (history of %,d events written in %.1f s)%n", events, (System.nanoTime() - generateStart) / 1e9);
    Files.createDirectories(data);
    if (kept != null) {
      Files.writeString(tokenFile, controlToken);
      Path copy = work.resolve(namespace);
      copyTree(data, copy);
      data = copy;
    }
    restart(setup, data, controlToken, events, jobSeconds[0], namespace);
  }

  /** Starts a server on the written history, killed as a crash leaves it, and times it to its show's answers. */
  private void restart(String setup, Path data, String controlToken, long events, double jobSeconds, String namespace)
      throws Exception {
    boolean cluster = setup.startsWith("redis");
    Map<String, String> env = new HashMap<>();
    env.put("LIVEDESK_PORT", "0");
    env.put("LIVEDESK_DATA_DIR", data.toString());
    env.put("LIVEDESK_ADMIN_TOKEN", BenchShow.ADMIN_TOKEN);
    Path config = null;
    if (cluster) {
      env.put("LIVEDESK_ENGINE", "redis");
      env.put("LIVEDESK_STORE", "postgres");
      env.put("LIVEDESK_NODE_ID", "recovery-0");
      env.putAll(ClusterEnv.forSetup(setup));
      ObjectNode overrides = Json.object();
      overrides.putObject("postgres").put("schema", namespace);
      overrides.putObject("redis").put("keyPrefix", namespace);
      config = data.resolve("bench.json");
      Files.write(config, Json.bytes(overrides));
    }
    String scenario = "5 recovery";
    if (!cluster) {
      // what the history costs is measured against a server with nothing to replay
      Map<String, String> emptyEnv = new HashMap<>(env);
      Path empty = work.resolve(namespace + "-empty");
      Files.createDirectories(empty);
      emptyEnv.put("LIVEDESK_DATA_DIR", empty.toString());
      try (ServerProcess bare = launch(emptyEnv, null,
          jvmArgs.apply("recovery-empty-" + setup, args.getOrDefault("heap", "8g")))) {
        results.add(scenario, setup, "empty server: process start → listening", bare.startSeconds(), "s", null);
      }
    }
    try (ServerProcess server = launch(env, config,
        jvmArgs.apply("recovery-" + setup, args.getOrDefault("heap", "8g")))) {
      results.add(scenario, setup, "history", events, "events", "1,000,000");
      results.add(scenario, setup, "process start → listening", server.startSeconds(), "s", cluster ? null : "≤ 5 s");
      results.add(scenario, setup, "events after the snapshot", Math.min(events,
          Long.parseLong(args.getOrDefault("snapshotTail", "20000"))), "events", null);
      if (jobSeconds >= 0) {
        results.add(scenario, setup, "snapshot job off the loop (read previous, fold tail from the store, write)",
            jobSeconds, "s", null);
      }
      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      // a cluster node rebuilds a show when it is first asked for it: that first answer is its reload
      String[] figures = {cluster ? "first snapshot (rebuild from PostgreSQL)" : "first snapshot", "report build",
          "report build, again"};
      String[] paths = {"", "/report", "/report"};
      for (int i = 0; i < paths.length; i++) {
        String path = paths[i];
        long start = System.nanoTime();
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                + "/api/shows/srecovery" + path)).timeout(java.time.Duration.ofMinutes(5))
                .header("Authorization", "Bearer " + controlToken).build(), HttpResponse.BodyHandlers.ofByteArray());
        double seconds = (System.nanoTime() - start) / 1e9;
        String figure = figures[i];
        String target = path.isEmpty() ? (cluster ? "≤ 5 s" : null) : "≤ 1 s";
        if (response.statusCode() == 200) {
          results.add(scenario, setup, figure, seconds, "s", target);
          if (i == 0) {
            // listening may come before the show's rebuild ends: its first answer waits for it
            results.add(scenario, setup, "process start → first answer about the show", server.startSeconds() + seconds,
                "s", null);
          }
        } else {
          results.add(scenario, setup, figure + " failed with " + response.statusCode(), seconds, "s", null);
        }
      }
      // the rebuild may end after listening: its line is there once the show has answered
      for (String line : server.output()) {
        Matcher matcher = REBUILT.matcher(line);
        if (line.contains("show srecovery")) {
          System.out.println("  (server: " + line.replaceFirst("^.*show srecovery", "show srecovery") + ")");
        }
        if (matcher.find()) {
          results.add(scenario, setup, "replay of the history", Long.parseLong(matcher.group(2)) / 1000.0, "s", null);
        }
      }
      // the first command needs the show's writer: on a cluster node that is the takeover of the writer lease
      long start = System.nanoTime();
      ObjectNode note = Json.object().put("cmd", "cue.note");
      note.putObject("args").put("text", "back on air");
      // an answer other than 2xx throws: the figure is only recorded for a command that was taken
      BenchShow.call("http://127.0.0.1:" + server.port(), "POST", "/api/shows/srecovery/commands", controlToken, note);
      results.add(scenario, setup, cluster ? "first command (takes over the writer)" : "first command",
          (System.nanoTime() - start) / 1e9, "s", null);
    } finally {
      if (cluster) {
        ClusterEnv.dropNamespace(namespace);
      }
    }
  }

  /** The server, in the JVM that {@code java=} names (this one's by default). */
  private ServerProcess launch(Map<String, String> env, Path configFile, List<String> jvm) throws IOException {
    List<String> mainArgs = configFile == null ? List.of() : List.of("--config", configFile.toString());
    List<String> command = new ArrayList<>(ServerProcess.livedesk(jvm, mainArgs));
    if (args.containsKey("java")) {
      command.set(0, args.get("java"));
    }
    return ServerProcess.launch(command, env, work.resolve("logs"), Duration.ofSeconds(120));
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path path : (Iterable<Path>) paths::iterator) {
        Path target = to.resolve(from.relativize(path).toString());
        if (Files.isDirectory(path)) {
          Files.createDirectories(target);
        } else {
          Files.copy(path, target);
        }
      }
    }
  }
}
