package io.livedesk.bench;

import io.livedesk.testing.ServerProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The Node baseline's script, with its one npm dependency installed from the committed lockfile. */
final class NodeBaseline {

  static final Path DIR = Path.of("src/test/node/ws-baseline");

  private NodeBaseline() {
  }

  static Path prepare() throws IOException, InterruptedException {
    if (!Files.isDirectory(DIR.resolve("node_modules/ws"))) {
      Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(DIR.toFile()).inheritIO().start();
      if (npm.waitFor() != 0) {
        throw new IOException("npm ci failed in " + DIR);
      }
    }
    return DIR.resolve("server.js").toAbsolutePath();
  }

  /** Runs the script on a free port, its output under {@code logs}, ready once it prints where it listens. */
  static ServerProcess start(Path script, Path logs) throws IOException {
    return ServerProcess.launch(List.of("node", script.toString(), "0"), Map.of(), logs, Duration.ofSeconds(30));
  }
}
