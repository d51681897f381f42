package io.livedesk;

import io.livedesk.http.Tokens;
import io.livedesk.json.Json;
import io.livedesk.show.ShowStatus;
import io.livedesk.store.ShowListing;
import io.livedesk.warmup.PracticeSale;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The warm-up at start (docs/design.md §Warm-up at start): a practice sale of {@code warmup.rounds} rounds
 * against a private server started in this process for it — the memory engine, a journal in a temporary
 * directory, loopback on a port of its own, its own event loops — then that server stopped and its
 * directory deleted. The real server shares nothing with it but the code, which the practice leaves
 * compiled: a fresh JVM otherwise compiles the sale's paths during the first real sale, on the same two
 * cores that serve it.
 */
public final class StartWarmup {

  /** What the practice did: its answers by code, and how long it took from start to stop. */
  public record Outcome(Map<String, Long> answers, long millis) {

    public long commands() {
      return answers.values().stream().mapToLong(Long::longValue).sum();
    }
  }

  /** At most this long for the practice itself; one that takes longer is given up and its server stopped. */
  static final long PRACTICE_SECONDS = 300;
  static final long START_SECONDS = 60;
  static final long STOP_SECONDS = 30;

  private StartWarmup() {
  }

  /**
   * Runs the practice on its own threads and waits for it: {@code rounds} rounds on a server with the
   * transport, event loops and commit window of {@code like}. Never touches {@code like}'s data directory.
   */
  public static Outcome run(Config like, int rounds) throws Exception {
    long started = System.nanoTime();
    Path dir = Files.createTempDirectory("livedesk-warmup");
    // a server stopped while it practises (SIGTERM in the first seconds) leaves no directory behind either
    Thread removeOnExit = new Thread(() -> {
      try {
        deleteTree(dir);
      } catch (IOException e) {
        // the process is ending: nothing left to tell
      }
    }, "livedesk-warmup-cleanup");
    Runtime.getRuntime().addShutdownHook(removeOnExit);
    try {
      String adminToken = Tokens.newToken();
      String paymentSecret = Tokens.newToken();
      Config config = Config.load(writeConfig(dir, like, adminToken, paymentSecret), Map.of());
      Livedesk server = await(Livedesk.start(config), START_SECONDS);
      // the buyers' side on event loops of its own, reporting nowhere
      Vertx buyers = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
      try {
        Map<String, Long> answers = await(new PracticeSale(buyers, server.port(), adminToken, paymentSecret, rounds)
            .run(), PRACTICE_SECONDS);
        return new Outcome(answers, (System.nanoTime() - started) / 1_000_000);
      } finally {
        try {
          await(buyers.close(), STOP_SECONDS);
        } finally {
          await(server.stop(), STOP_SECONDS);
        }
      }
    } finally {
      deleteTree(dir);
      try {
        Runtime.getRuntime().removeShutdownHook(removeOnExit);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running or has run: the directory is gone either way
      }
    }
  }

  /**
   * A show on air when the server started, if any (rehearsals aside): after a restart in the middle of a
   * show, its own orders compile the code, and a practice would take the cores the show runs on.
   */
  public static Optional<String> showOnAir(Livedesk app) throws Exception {
    return await(app.engine().listShows(), START_SECONDS).stream()
        .filter(show -> show.status() == ShowStatus.LIVE && !show.rehearsal())
        .map(ShowListing::id)
        .findFirst();
  }

  /** Waits on this thread, which is none of the servers' own: their contexts are gone once they stop. */
  private static <T> T await(Future<T> future, long seconds) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(seconds, TimeUnit.SECONDS);
  }

  /** The private server's configuration: everything it needs set, nothing taken from the environment. */
  private static Path writeConfig(Path dir, Config like, String adminToken, String paymentSecret) throws IOException {
    var root = Json.object();
    root.putObject("http").put("host", "127.0.0.1").put("port", 0);
    root.put("dataDir", dir.resolve("data").toString());
    root.putObject("auth").put("adminToken", adminToken);
    root.put("engine", "memory");
    root.put("store", "file");
    // the practice's buyers send as fast as they are answered
    root.putObject("viewers").put("commandsPerSecond", 1_000_000).put("commandBurst", 1_000_000);
    root.putObject("payments").put("webhookSecret", paymentSecret);
    root.put("transport", like.transport().spelling());
    root.put("eventLoops", like.eventLoops());
    root.putObject("shows").put("commitWindowMicros", like.shows().commitWindowMicros());
    root.putObject("warmup").put("rounds", 0);
    Path file = dir.resolve("warmup.json");
    Files.write(file, Json.bytes(root));
    return file;
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
