package io.livedesk.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.livedesk.json.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Livedesk server in a JVM of its own ({@code io.livedesk.Main} on the test classpath), for tests of
 * several nodes: it can be stopped as an operator would (SIGTERM) or killed outright (SIGKILL).
 */
public final class NodeProcess implements AutoCloseable {

  private static final Pattern LISTENING = Pattern.compile("livedesk listening on (http://\\S+)");

  private final String nodeId;
  private final Process process;
  private final Path dataDir;
  private final Path log;
  private final String baseUrl;

  private NodeProcess(String nodeId, Process process, Path dataDir, Path log, String baseUrl) {
    this.nodeId = nodeId;
    this.process = process;
    this.dataDir = dataDir;
    this.log = log;
    this.baseUrl = baseUrl;
  }

  /** A cluster configuration: the redis engine and postgres store, in the given schema and key prefix. */
  public static ObjectNode clusterConfig(String schema, String prefix, long leaseMillis) {
    ObjectNode config = Json.object();
    config.put("engine", "redis");
    config.put("store", "postgres");
    config.putObject("postgres").put("uri", SharedServices.PG_URI).put("schema", schema).put("poolSize", 4);
    config.putObject("redis").put("uri", SharedServices.REDIS_URI).put("keyPrefix", prefix)
        .put("leaseMillis", leaseMillis).put("streamMaxLen", 10_000);
    config.putObject("viewers").put("commandsPerSecond", 1000).put("commandBurst", 1000);
    return config;
  }

  /** Starts {@code io.livedesk.Main --config} with the configuration and waits for its listening line. */
  public static NodeProcess start(String nodeId, ObjectNode config) throws Exception {
    Path dataDir = Files.createTempDirectory("livedesk-" + nodeId);
    Path configFile = dataDir.resolve("config.json");
    Files.write(configFile, Json.bytes(config));
    Path log = dataDir.resolve("node.log");
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx512m", "-cp", classpath(), "io.livedesk.Main", "--config", configFile.toString()));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("LIVEDESK_PORT", "0");
    builder.environment().put("LIVEDESK_NODE_ID", nodeId);
    builder.environment().put("LIVEDESK_DATA_DIR", dataDir.toString());
    builder.environment().put("LIVEDESK_ADMIN_TOKEN", TestServer.ADMIN_TOKEN);
    Process process = builder.start();
    CompletableFuture<String> listening = new CompletableFuture<>();
    Thread pump = new Thread(() -> pump(process, log, listening), "node-" + nodeId + "-output");
    pump.setDaemon(true);
    pump.start();
    String baseUrl;
    try {
      baseUrl = listening.get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      process.destroyForcibly();
      throw new IllegalStateException("node " + nodeId + " did not start; its output:\n" + Files.readString(log), e);
    }
    return new NodeProcess(nodeId, process, dataDir, log, baseUrl);
  }

  /** The test classpath: what surefire gives the test JVM, so the node runs exactly the code under test. */
  private static String classpath() {
    String surefire = System.getProperty("surefire.test.class.path");
    return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
  }

  /** Copies the node's output to its log file and reports the address it listens on. */
  private static void pump(Process process, Path log, CompletableFuture<String> listening) {
    try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
         var writer = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
      String line;
      while ((line = out.readLine()) != null) {
        writer.write(line);
        writer.newLine();
        writer.flush();
        Matcher matcher = LISTENING.matcher(line);
        if (matcher.find()) {
          listening.complete(matcher.group(1));
        }
      }
    } catch (IOException e) {
      listening.completeExceptionally(e);
    }
    listening.completeExceptionally(new IllegalStateException("the node exited"));
  }

  public String nodeId() {
    return nodeId;
  }

  public String baseUrl() {
    return baseUrl;
  }

  public String wsUrl(String showId) {
    return baseUrl.replace("http://", "ws://") + "/ws/shows/" + showId;
  }

  public Api api() {
    return new Api(baseUrl);
  }

  public String output() throws IOException {
    return Files.readString(log);
  }

  /** SIGKILL: the node dies at once, mid-whatever, as on a crash. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
  }

  /** SIGTERM: the node drains and exits. */
  public void stop() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Override
  public void close() throws Exception {
    if (process.isAlive()) {
      stop();
    }
    TestServer.deleteRecursively(dataDir);
  }
}
