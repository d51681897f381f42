package io.livedesk.engine.local;

import io.livedesk.engine.Engine;
import io.livedesk.engine.EngineContract;
import io.livedesk.engine.Fanout;
import io.livedesk.engine.ShowMetrics;
import io.livedesk.store.file.FileEventStore;
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
  public void startEngine() throws Exception {
    dataDir = Files.createTempDirectory("livedesk-engine");
    super.startEngine();
  }

  @AfterEach
  @Override
  public void stopEngine() throws Exception {
    try {
      super.stopEngine();
    } finally {
      try (Stream<Path> paths = Files.walk(dataDir)) {
        paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      }
    }
  }

  @Override
  protected Engine start(Vertx vertx) throws Exception {
    FileEventStore store = await(FileEventStore.open(vertx, dataDir, null));
    return await(MemoryEngine.start(vertx, store, DECIDER, LOTTERY, System::currentTimeMillis, Fanout.window(1000), ShowMetrics.NONE));
  }
}
