package io.livedesk.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real server as a separate JVM ({@code io.livedesk.Main} on this build's class path), so tests can
 * kill it with SIGKILL or stop it with SIGTERM and start it again on the same data directory.
 */
public final class ServerProcess implements AutoCloseable {

  public static final Pattern LISTENING = Pattern.compile("livedesk listening on http://127\\.0\\.0\\.1:(\\d+)");
  private static final long START_MILLIS = 60_000;

  private final Process process;
  private final Path stdout;
  private final Path stderr;
  private final int port;

  private ServerProcess(Process process, Path stdout, Path stderr, int port) {
    this.process = process;
    this.stdout = stdout;
    this.stderr = stderr;
    this.port = port;
  }

  /** Starts on port 0 with the test admin token and waits for the {@code listening on} line. */
  public static ServerProcess start(Path dataDir) throws Exception {
    return start(dataDir, Map.of("LIVEDESK_ADMIN_TOKEN", TestServer.ADMIN_TOKEN));
  }

  public static ServerProcess start(Path dataDir, Map<String, String> env) throws Exception {
    Path logs = Files.createDirectories(dataDir.resolveSibling(dataDir.getFileName() + "-logs"));
    Path stdout = Files.createTempFile(logs, "stdout", ".txt");
    Path stderr = Files.createTempFile(logs, "stderr", ".txt");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx256m");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("io.livedesk.Main");
    ProcessBuilder builder = new ProcessBuilder(command)
        .redirectOutput(stdout.toFile())
        .redirectError(stderr.toFile());
    builder.environment().keySet().removeIf(name -> name.startsWith("LIVEDESK_"));
    builder.environment().put("LIVEDESK_PORT", "0");
    builder.environment().put("LIVEDESK_HOST", "127.0.0.1");
    builder.environment().put("LIVEDESK_DATA_DIR", dataDir.toString());
    builder.environment().putAll(env);
    Process process = builder.start();
    long deadline = System.currentTimeMillis() + START_MILLIS;
    while (System.currentTimeMillis() < deadline) {
      for (String line : Files.readAllLines(stdout, StandardCharsets.UTF_8)) {
        Matcher matcher = LISTENING.matcher(line);
        if (matcher.matches()) {
          return new ServerProcess(process, stdout, stderr, Integer.parseInt(matcher.group(1)));
        }
      }
      if (!process.isAlive()) {
        throw new IllegalStateException("the server exited with " + process.exitValue() + ": " + Files.readString(stderr));
      }
      Thread.sleep(50);
    }
    process.destroyForcibly();
    throw new IllegalStateException("the server did not start within a minute: " + Files.readString(stderr));
  }

  public int port() {
    return port;
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  public String wsUrl(String showId) {
    return "ws://127.0.0.1:" + port + "/ws/shows/" + showId;
  }

  public Api api() {
    return new Api(baseUrl());
  }

  /** Every line the server printed on standard output so far. */
  public List<String> stdout() throws IOException {
    return Files.readAllLines(stdout, StandardCharsets.UTF_8);
  }

  public String stderr() throws IOException {
    return Files.readString(stderr, StandardCharsets.UTF_8);
  }

  /** SIGKILL, as {@code kill -9}: no drain, no flush, nothing but what is already on disk survives. */
  public int kill() throws InterruptedException {
    process.destroyForcibly();
    return waitFor();
  }

  /** SIGTERM: the server drains and exits on its own. Returns the exit code. */
  public int terminate() throws InterruptedException {
    process.destroy();
    return waitFor();
  }

  private int waitFor() throws InterruptedException {
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("the server did not exit within a minute");
    }
    return process.exitValue();
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      kill();
    }
  }
}
