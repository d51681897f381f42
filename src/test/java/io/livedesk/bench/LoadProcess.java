package io.livedesk.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.livedesk.json.Json;
import io.livedesk.testing.ServerProcess;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A {@link LoadGen} in a process of its own, spoken to one JSON line at a time. */
final class LoadProcess implements AutoCloseable {

  private final Process process;
  private final BufferedReader out;
  private final Writer in;

  private LoadProcess(Process process) {
    this.process = process;
    this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    this.in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
  }

  static LoadProcess start(Map<String, String> args) throws IOException {
    List<String> command = new ArrayList<>(List.of(ServerProcess.javaBin(), "-Xmx1g", "-XX:+UseParallelGC",
        "-cp", System.getProperty("java.class.path"), LoadGen.class.getName()));
    args.forEach((key, value) -> command.add(key + "=" + value));
    Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    return new LoadProcess(process);
  }

  /** The next message from the generator (blocking). */
  JsonNode read() throws IOException {
    String line;
    while ((line = out.readLine()) != null) {
      if (line.startsWith("{")) {
        return Json.parse(line);
      }
    }
    throw new IOException("the load generator exited");
  }

  void send(Object message) throws IOException {
    in.write(Json.text(message));
    in.write('\n');
    in.flush();
  }

  @Override
  public void close() throws Exception {
    try {
      send(Json.object().put("cmd", "exit"));
    } catch (IOException ignored) {
      // already gone
    }
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
