package io.livedesk.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.livedesk.Config;
import io.livedesk.Livedesk;
import io.livedesk.demo.DemoShow;
import io.livedesk.engine.Engine;
import io.livedesk.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A Livedesk server in this JVM on a free port and a data directory of its own, for integration tests.
 *
 * <p>A test class gets one with {@code @RegisterExtension static final TestServer server = TestServer.forClass();}
 * (started before its first test, closed after its last) or a fresh one for every test with
 * {@code @RegisterExtension final TestServer server = TestServer.forEachTest(overrides, clock);}. Its
 * {@link #api()} may be taken before the server starts and follows it across restarts.
 */
public final class TestServer implements AutoCloseable, BeforeAllCallback, BeforeEachCallback {

  public static final String ADMIN_TOKEN = "test-admin-token";

  /** How long a server started as an extension lives. */
  private enum Span { CALLER, CLASS, TEST }

  private final ObjectNode overrides;
  private final LongSupplier clock;
  private final Span span;
  private Path dataDir;
  private Livedesk app;
  private volatile String baseUrl;
  private int stoppedPort;

  private TestServer(ObjectNode overrides, LongSupplier clock, Span span) {
    this.overrides = overrides;
    this.clock = clock;
    this.span = span;
  }

  public static TestServer start() throws Exception {
    return start(Json.object(), System::currentTimeMillis);
  }

  /** Starts with configuration overrides (merged over config/default.json) and a clock. */
  public static TestServer start(ObjectNode overrides, LongSupplier clock) throws Exception {
    TestServer server = new TestServer(overrides, clock, Span.CALLER);
    server.open();
    return server;
  }

  /** One server for a whole test class, registered on a static field; started before the first test. */
  public static TestServer forClass() {
    return forClass(Json.object(), System::currentTimeMillis);
  }

  public static TestServer forClass(ObjectNode overrides, LongSupplier clock) {
    return new TestServer(overrides, clock, Span.CLASS);
  }

  /** One server for the test class, on the system clock, with the configuration {@code overrides} writes. */
  public static TestServer forClass(Consumer<ObjectNode> overrides) {
    return forClass(config(overrides), System::currentTimeMillis);
  }

  /** Configuration overrides as {@code overrides} writes them, e.g. {@code c -> c.putObject("orders").put("holdSeconds", 60)}. */
  public static ObjectNode config(Consumer<ObjectNode> overrides) {
    ObjectNode config = Json.object();
    overrides.accept(config);
    return config;
  }

  /** A fresh server for every test, on the default configuration and the system clock. */
  public static TestServer forEachTest() {
    return forEachTest(Json.object(), System::currentTimeMillis);
  }

  /** A fresh server for every test, registered on an instance field; started before the test's own set-up. */
  public static TestServer forEachTest(ObjectNode overrides, LongSupplier clock) {
    return new TestServer(overrides, clock, Span.TEST);
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    openFor(context, Span.CLASS);
  }

  @Override
  public void beforeEach(ExtensionContext context) throws Exception {
    openFor(context, Span.TEST);
  }

  /** Starts the server when the span begins; JUnit closes it when that class or test is done. */
  private void openFor(ExtensionContext context, Span begun) throws Exception {
    if (span == begun) {
      open();
      context.getStore(ExtensionContext.Namespace.create(TestServer.class))
          .put(this, (ExtensionContext.Store.CloseableResource) this::close);
    }
  }

  private void open() throws Exception {
    dataDir = Files.createTempDirectory("livedesk-test");
    boot(0);
  }

  private void boot(int port) throws Exception {
    ObjectNode config = overrides.deepCopy();
    config.put("dataDir", dataDir.toString());
    ObjectNode auth = config.has("auth") ? (ObjectNode) config.get("auth") : config.putObject("auth");
    auth.put("adminToken", ADMIN_TOKEN);
    ObjectNode http = config.has("http") ? (ObjectNode) config.get("http") : config.putObject("http");
    http.put("port", port);
    app = Futures.await(Livedesk.start(Config.of(config), clock));
    baseUrl = app.baseUrl();
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

  /** A socket connected as the show's prompter; the test awaits its welcome. */
  public WsClient prompter(Api.Show show) throws Exception {
    return WsClient.connect(wsUrl(show.id()), "prompter", show.prompterToken(), null, null);
  }

  /** A socket connected as the show's control room; the test awaits its welcome. */
  public WsClient control(Api.Show show) throws Exception {
    return WsClient.connect(wsUrl(show.id()), "control", show.controlToken(), null, null);
  }

  /** A socket connected in {@code role} with a staff member's session token; the test awaits its welcome or refusal. */
  public WsClient staff(Api.Show show, String role, String sessionToken) throws Exception {
    return WsClient.connect(wsUrl(show.id()), role, sessionToken, null, null);
  }

  /** A socket connected as a viewer of the show; the test awaits its welcome. */
  public WsClient viewer(Api.Show show, String viewerId) throws Exception {
    return WsClient.connect(wsUrl(show.id()), "viewer", null, viewerId, null);
  }

  public int port() {
    return app.port();
  }

  public Path dataDir() {
    return dataDir;
  }

  /** Opens (or reuses) the sample show of {@code --demo} on this server, live with its audience, and waits for it. */
  public DemoShow.Addresses openDemo() throws Exception {
    return Futures.await(app.openDemo());
  }

  /** The engine of the server running now. */
  public Engine engine() {
    return app.engine();
  }

  /** A client of this server wherever it listens now: taken before the start or a restart, it still finds it. */
  public Api api() {
    return new Api(() -> baseUrl);
  }

  private void stopApp() throws Exception {
    if (app != null) {
      Futures.await(app.stop());
      app = null;
    }
  }

  @Override
  public void close() throws Exception {
    stopApp();
    if (dataDir != null) {
      deleteRecursively(dataDir);
    }
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
