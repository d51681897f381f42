package io.livedesk.bench;

import java.util.Map;

/** Environment for a server of a setup: nothing for memory+file; shared PostgreSQL and Redis for a cluster. */
final class ClusterEnv {

  private ClusterEnv() {
  }

  static Map<String, String> forSetup(String setup, String name) {
    if (!setup.startsWith("redis")) {
      return Map.of();
    }
    return Map.of(
        "LIVEDESK_PG_URI", System.getProperty("bench.pg", "postgresql://postgres@127.0.0.1:5432/postgres"),
        "LIVEDESK_REDIS_URI", System.getProperty("bench.redis", "redis://127.0.0.1:6379"));
  }
}
