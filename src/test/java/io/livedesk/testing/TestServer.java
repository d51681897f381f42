package io.livedesk.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.livedesk.Config;
import io.livedesk.Livedesk;
import io.livedesk.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/** A Livedesk server in this JVM on a free port and a data directory of its own, for integration tests. */
public final class TestServer implements AutoCloseable {

  public static final String ADMIN_TOKEN = "test-admin-token";

  private final Path dataDir;
  private final ObjectNode overrides;
  private final LongSupplier clock;
  private Livedesk app;
  private int stoppedPort;

  private TestServer(Path dataDir, ObjectNode overrides, LongSupplier clock) {
    this.dataDir = dataDir;
    this.overrides = overrides;
    this.clock = clock;
  }

  public static TestServer start() throws Exception {
    return start(Json.object(), System::currentTimeMillis);
  }

  /** Starts with configuration overrides (merged over config/default.json) and a clock. */
  public static TestServer start(ObjectNode overrides, LongSupplier clock) throws Exception {
    Path dataDir = Files.createTempDirectory("livedesk-test");
    TestServer server = new TestServer(dataDir, overrides, clock);
    server.boot(0);
    return server;
  }

  private void boot(int port) throws Exception {
    ObjectNode config = overrides.deepCopy();
    config.put("dataDir", dataDir.toString());
    config.putObject("auth").put("adminToken", ADMIN_TOKEN);
    ObjectNode http = config.has("http") ? (ObjectNode) config.get("http") : config.putObject("http");
    http.put("port", port);
    app = Livedesk.start(Config.of(config), clock).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  /** Drains and starts again on the same data directory, as an operator's restart would. */
  public void restart() throws Exception {
    restart(dir -> { });
  }

  /** Drains, lets {@code whileDown} change the data directory (as damage or an operator might), starts again. */
  public void restart(DataDirChange whileDown) throws Exception {
    stopApp();
    whileDown.apply(dataDir);
    boot(0);
  }

  /** Stops the server, keeping its data directory, until {@link #startOnSamePort()}: clients see it go away. */
  public void stop() throws Exception {
    stoppedPort = app.port();
    stopApp();
  }

  /** Starts a stopped server again on the port it had, so open pages can find it without a reload. */
  public void startOnSamePort() throws Exception {
    if (app != null || stoppedPort == 0) {
      throw new IllegalStateException("stop() the server first");
    }
    boot(stoppedPort);
  }

  /** Something done to the data directory while the server is down. */
  public interface DataDirChange {
    void apply(Path dataDir) throws Exception;
  }

  public String baseUrl() {
    return app.baseUrl();
  }

  public String wsUrl(String showId) {
    return "ws://127.0.0.1:" + app.port() + "/ws/shows/" + showId;
  }

  public int port() {
    return app.port();
  }

  public Path dataDir() {
    return dataDir;
  }

  public Livedesk app() {
    return app;
  }

  public Api api() {
    return new Api(baseUrl());
  }

  private void stopApp() throws Exception {
    if (app != null) {
      app.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      app = null;
    }
  }

  @Override
  public void close() throws Exception {
    stopApp();
    deleteRecursively(dataDir);
  }

  static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    }
  }
}
