package io.livedesk.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.livedesk.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A Livedesk cluster node in a JVM of its own ({@link ServerProcess}), for tests of several nodes: it can be
 * stopped as an operator would (SIGTERM) or killed outright (SIGKILL).
 */
public record NodeProcess(String nodeId, ServerProcess process, Path dataDir) implements AutoCloseable {

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
    Map<String, String> env = Map.of("LIVEDESK_PORT", "0", "LIVEDESK_NODE_ID", nodeId,
        "LIVEDESK_DATA_DIR", dataDir.toString(), "LIVEDESK_ADMIN_TOKEN", TestServer.ADMIN_TOKEN);
    ServerProcess process = ServerProcess.launch(
        ServerProcess.livedesk(List.of("-Xmx512m"), List.of("--config", configFile.toString())), env,
        dataDir.resolve("logs"), Duration.ofSeconds(60));
    return new NodeProcess(nodeId, process, dataDir);
  }

  public String baseUrl() {
    return process.baseUrl();
  }

  public String wsUrl(String showId) {
    return process.wsUrl(showId);
  }

  public Api api() {
    return process.api();
  }

  /** SIGKILL: the node dies at once, mid-whatever, as on a crash. */
  public void kill() throws InterruptedException {
    process.kill();
  }

  /** SIGTERM: the node drains and exits. */
  public void stop() throws InterruptedException {
    process.stop();
  }

  @Override
  public void close() throws Exception {
    process.close();
    TestServer.deleteRecursively(dataDir);
  }
}
