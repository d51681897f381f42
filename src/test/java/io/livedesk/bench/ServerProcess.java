package io.livedesk.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A server under test in a process of its own: Livedesk, or the baseline broadcast server. */
final class ServerProcess implements AutoCloseable {

  private static final Pattern LISTENING = Pattern.compile("listening on http://([0-9.]+):(\\d+)");

  private final Process process;
  private final int port;
  private final long readyNanos;
  private final List<String> output = new ArrayList<>();

  private ServerProcess(Process process, int port, long readyNanos) {
    this.process = process;
    this.port = port;
    this.readyNanos = readyNanos;
  }

  /** Starts Livedesk from this JVM's classpath and waits for its {@code listening on} line. */
  static ServerProcess livedesk(Map<String, String> env, Path configFile, List<String> jvmArgs) throws IOException {
    List<String> command = new ArrayList<>(List.of(javaBin()));
    command.addAll(jvmArgs);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.livedesk.Main"));
    if (configFile != null) {
      command.add("--config");
      command.add(configFile.toString());
    }
    return start(command, env, 120);
  }

  /** Starts the baseline: a few lines of Node on the {@code ws} package. */
  static ServerProcess node(Path script, int port) throws IOException {
    return start(List.of("node", script.toString(), String.valueOf(port)), Map.of(), 30);
  }

  private static ServerProcess start(List<String> command, Map<String, String> env, int timeoutSeconds)
      throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(env);
    long started = System.nanoTime();
    Process process = builder.start();
    BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    CompletableFuture<Integer> port = new CompletableFuture<>();
    List<String> lines = new ArrayList<>();
    Thread reader = new Thread(() -> {
      try {
        String line;
        while ((line = out.readLine()) != null) {
          synchronized (lines) {
            lines.add(line);
          }
          Matcher matcher = LISTENING.matcher(line);
          if (matcher.find()) {
            port.complete(Integer.parseInt(matcher.group(2)));
          }
        }
      } catch (IOException ignored) {
        // the process ended
      }
      port.completeExceptionally(new IOException("the server exited before listening: " + lines));
    }, "server-output");
    reader.setDaemon(true);
    reader.start();
    try {
      int actual = port.get(timeoutSeconds, TimeUnit.SECONDS);
      ServerProcess server = new ServerProcess(process, actual, System.nanoTime() - started);
      synchronized (lines) {
        server.output.addAll(lines);
      }
      return server;
    } catch (Exception e) {
      process.destroyForcibly();
      throw new IOException("server did not start: " + e.getMessage() + " " + lines, e);
    }
  }

  static String javaBin() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** What the process printed up to its {@code listening on} line. */
  List<String> output() {
    return List.copyOf(output);
  }

  int port() {
    return port;
  }

  long pid() {
    return process.pid();
  }

  /** From process start to its {@code listening on} line. */
  double startSeconds() {
    return readyNanos / 1e9;
  }

  double cpuSeconds() {
    return ProcStats.cpuSeconds(process.pid());
  }

  double systemSeconds() {
    return ProcStats.systemSeconds(process.pid());
  }

  long rssBytes() {
    return ProcStats.rssBytes(process.pid());
  }

  @Override
  public void close() throws Exception {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }
}
