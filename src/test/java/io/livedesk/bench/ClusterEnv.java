package io.livedesk.bench;

import java.util.Map;

/** Environment for a server of a setup: nothing for memory+file; shared PostgreSQL and Redis for a cluster. */
final class ClusterEnv {

  private ClusterEnv() {
  }

  /** Removes what a cluster run left: its PostgreSQL schema and its Redis keys. */
  static void dropNamespace(String namespace) {
    run("psql", "-q", "-h", "127.0.0.1", "-U", "postgres", "-d", "postgres", "-c",
        "DROP SCHEMA IF EXISTS " + namespace + " CASCADE");
    run("sh", "-c", "redis-cli -h 127.0.0.1 --scan --pattern '" + namespace + ":*' | xargs -r redis-cli -h 127.0.0.1 del"
        + " > /dev/null");
  }

  private static void run(String... command) {
    try {
      new ProcessBuilder(command).inheritIO().start().waitFor();
    } catch (Exception e) {
      System.out.println("  (could not clean up: " + e.getMessage() + ")");
    }
  }

  static Map<String, String> forSetup(String setup) {
    if (!setup.startsWith("redis")) {
      return Map.of();
    }
    return Map.of(
        "LIVEDESK_PG_URI", System.getProperty("bench.pg", "postgresql://postgres@127.0.0.1:5432/postgres"),
        "LIVEDESK_REDIS_URI", System.getProperty("bench.redis", "redis://127.0.0.1:6379"));
  }
}
