package io.livedesk.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

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
}
