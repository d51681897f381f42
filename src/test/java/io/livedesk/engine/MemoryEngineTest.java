package io.livedesk.engine;

import io.livedesk.store.FileEventStore;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

class MemoryEngineTest extends EngineContract {

  Path dataDir;

  @BeforeEach
  @Override
  void startEngine() throws Exception {
    dataDir = Files.createTempDirectory("livedesk-engine");
    super.startEngine();
  }

  @AfterEach
  @Override
  void stopEngine() throws Exception {
    try {
      super.stopEngine();
    } finally {
      try (Stream<Path> paths = Files.walk(dataDir)) {
        paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      }
    }
  }

  @Override
  Engine start(Vertx vertx) throws Exception {
    FileEventStore store = await(FileEventStore.open(vertx, dataDir, null));
    return await(MemoryEngine.start(vertx, store, DECIDER, LOTTERY, System::currentTimeMillis, Fanout.window(1000), ShowMetrics.NONE));
  }
}
