package io.livedesk.testing;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A server in a process of its own, so a test can kill it with SIGKILL or stop it with SIGTERM and start it
 * again on the same data directory, and the benchmark can measure it from outside: Livedesk
 * ({@code io.livedesk.Main} on this build's class path) or any program that prints a {@code listening on}
 * line. Its standard output and error go to files beside it; it is ready once that line is printed.
 */
public final class ServerProcess implements AutoCloseable {

  private static final Pattern LISTENING = Pattern.compile("listening on (https?://[^\\s:/]+:(\\d+))");
  private static final Duration START_PATIENCE = Duration.ofSeconds(60);

  private final Process process;
  private final Path stdout;
  private final Path stderr;
  private final String baseUrl;
  private final int port;
  private final long readyNanos;

  private ServerProcess(Process process, Path stdout, Path stderr, Matcher listening, long readyNanos) {
    this.process = process;
    this.stdout = stdout;
    this.stderr = stderr;
    this.baseUrl = listening.group(1);
    this.port = Integer.parseInt(listening.group(2));
    this.readyNanos = readyNanos;
  }

  /** Livedesk on 127.0.0.1, port 0, with the test admin token and no configuration but the defaults. */
  public static ServerProcess start(Path dataDir) throws IOException {
    return start(dataDir, Map.of("LIVEDESK_ADMIN_TOKEN", TestServer.ADMIN_TOKEN));
  }

  /** Livedesk on 127.0.0.1, port 0, with {@code env} over the defaults; LIVEDESK_ variables of this JVM are not passed on. */
  public static ServerProcess start(Path dataDir, Map<String, String> env) throws IOException {
    Map<String, String> all = new java.util.HashMap<>();
    all.put("LIVEDESK_PORT", "0");
    all.put("LIVEDESK_HOST", "127.0.0.1");
    all.put("LIVEDESK_DATA_DIR", dataDir.toString());
    all.putAll(env);
    Path logs = Files.createDirectories(dataDir.resolveSibling(dataDir.getFileName() + "-logs"));
    return launch(livedesk(List.of("-Xmx256m"), List.of()), all, logs, START_PATIENCE);
  }

  /** The command that runs Livedesk in a JVM with {@code jvmArgs}, passing it {@code mainArgs}. */
  public static List<String> livedesk(List<String> jvmArgs, List<String> mainArgs) {
    return java(jvmArgs, "io.livedesk.Main", mainArgs);
  }

  /** The command running {@code mainClass} of this build's class path in a JVM of its own. */
  public static List<String> java(List<String> jvmArgs, String mainClass, List<String> mainArgs) {
    List<String> command = new ArrayList<>(List.of(javaBin()));
    command.addAll(jvmArgs);
    command.addAll(List.of("-cp", classpath(), mainClass));
    command.addAll(mainArgs);
    return command;
  }

  /**
   * Runs {@code command} with {@code env} (and no LIVEDESK_ variables of this JVM), its output in {@code logs},
   * and waits up to {@code patience} for its {@code listening on} line.
   */
  public static ServerProcess launch(List<String> command, Map<String, String> env, Path logs, Duration patience)
      throws IOException {
    Path stdout = Files.createTempFile(Files.createDirectories(logs), "stdout", ".txt");
    Path stderr = Files.createTempFile(logs, "stderr", ".txt");
    ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
    builder.environment().keySet().removeIf(name -> name.startsWith("LIVEDESK_"));
    // no practice sale after the start unless asked for: tests start servers by the hundred, and what the
    // practice does for a sale is measured in the benchmark (docs/benchmarks.md)
    builder.environment().put("LIVEDESK_WARMUP_ROUNDS", "0");
    builder.environment().putAll(env);
    long started = System.nanoTime();
    Process process = builder.start();
    try {
      Matcher listening = awaitMatch(process, stdout, stderr, LISTENING, started + patience.toNanos());
      if (listening != null) {
        return new ServerProcess(process, stdout, stderr, listening, System.nanoTime() - started);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      throw new InterruptedIOException("interrupted while the server started");
    }
    process.destroyForcibly();
    throw new IOException("the server did not start within " + patience.toSeconds() + " s: " + Files.readString(stderr));
  }

  /**
   * The first line of standard output that {@code pattern} finds, looked for until {@code deadline}
   * (System.nanoTime); null when the time runs out first, an IOException when the server exits first.
   */
  private static Matcher awaitMatch(Process process, Path stdout, Path stderr, Pattern pattern, long deadline)
      throws IOException, InterruptedException {
    while (System.nanoTime() < deadline) {
      for (String line : Files.readAllLines(stdout, StandardCharsets.UTF_8)) {
        Matcher matcher = pattern.matcher(line);
        if (matcher.find()) {
          return matcher;
        }
      }
      if (!process.isAlive()) {
        throw new IOException("the server exited with " + process.exitValue() + ": " + Files.readString(stderr));
      }
      Thread.sleep(10);
    }
    return null;
  }

  public static String javaBin() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** The test class path: what surefire gives the test JVM, so the server runs exactly the code under test. */
  private static String classpath() {
    String surefire = System.getProperty("surefire.test.class.path");
    return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
  }

  public int port() {
    return port;
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

  public long pid() {
    return process.pid();
  }

  /** From the process start to its {@code listening on} line. */
  public double startSeconds() {
    return readyNanos / 1e9;
  }

  /**
   * Waits up to {@code patience} for a line of standard output that starts with {@code prefix}, and gives it;
   * fails when the server exits first or the time runs out.
   */
  public String awaitLine(String prefix, Duration patience) throws IOException {
    try {
      Matcher line = awaitMatch(process, stdout, stderr, Pattern.compile("^" + Pattern.quote(prefix) + ".*"),
          System.nanoTime() + patience.toNanos());
      if (line != null) {
        return line.group();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for \"" + prefix + "\"");
    }
    throw new IOException("no line \"" + prefix + "…\" within " + patience.toSeconds() + " s");
  }


  /** Every line the server printed on standard output so far. */
  public List<String> stdout() throws IOException {
    return Files.readAllLines(stdout, StandardCharsets.UTF_8);
  }

  public String stderr() throws IOException {
    return Files.readString(stderr, StandardCharsets.UTF_8);
  }

  /** Everything printed so far, standard output and then standard error (where the log goes). */
  public List<String> output() throws IOException {
    List<String> lines = new ArrayList<>(stdout());
    lines.addAll(Files.readAllLines(stderr, StandardCharsets.UTF_8));
    return lines;
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

  /** SIGTERM, as an operator stops a server, and SIGKILL if it has not exited within 30 s. */
  public void stop() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      stop();
    }
  }
}
