package io.livedesk.testing;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Stops and starts the machine's own PostgreSQL and Redis, for fault tests. Everyone's tests share them:
 * whoever stops one starts it again in a finally block, and keeps the outage short.
 */
public final class LocalServices {

  private LocalServices() {
  }

  public static void stopRedis() throws Exception {
    run(List.of("redis-cli", "-h", "127.0.0.1", "-p", "6379", "shutdown", "nosave"));
    awaitState(List.of("redis-cli", "-h", "127.0.0.1", "-p", "6379", "ping"), false);
  }

  public static void startRedis() throws Exception {
    run(List.of("redis-server", "--daemonize", "yes", "--bind", "127.0.0.1", "-::1", "--port", "6379",
        "--save", "", "--appendonly", "no", "--dir", "/var/lib/redis"));
    awaitState(List.of("redis-cli", "-h", "127.0.0.1", "-p", "6379", "ping"), true);
  }

  public static void stopPostgres() throws Exception {
    run(List.of("pg_ctlcluster", "--skip-systemctl-redirect", "15", "main", "stop"));
    awaitState(List.of("pg_isready", "-q", "-h", "127.0.0.1", "-p", "5432"), false);
  }

  public static void startPostgres() throws Exception {
    run(List.of("pg_ctlcluster", "--skip-systemctl-redirect", "15", "main", "start"));
    awaitState(List.of("pg_isready", "-q", "-h", "127.0.0.1", "-p", "5432"), true);
  }

  private static int run(List<String> command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .start();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException(String.join(" ", command) + " did not finish");
    }
    return process.exitValue();
  }

  /** Waits until the probe succeeds ({@code up}) or fails (not {@code up}), for at most 30 seconds. */
  private static void awaitState(List<String> probe, boolean up) throws Exception {
    long deadline = System.currentTimeMillis() + 30_000;
    while (System.currentTimeMillis() < deadline) {
      Process process = new ProcessBuilder(probe).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes()).strip();
      boolean answering = process.waitFor() == 0 && (!probe.contains("ping") || output.equals("PONG"));
      if (answering == up) {
        return;
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException(String.join(" ", probe) + " did not become " + (up ? "ready" : "unavailable"));
  }
}
