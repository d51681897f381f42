package io.livedesk.engine.local;

import static io.livedesk.testing.Futures.await;

import io.livedesk.engine.Engine;
import io.livedesk.engine.EngineContract;
import io.livedesk.engine.Fanout;
import io.livedesk.engine.ShowMetrics;
import io.livedesk.store.file.FileEventStore;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class MemoryEngineTest extends EngineContract {

  @TempDir
  Path dataDir;

  @Override
  protected Engine start(Vertx vertx) throws Exception {
    FileEventStore store = await(FileEventStore.open(vertx, dataDir, null));
    return await(MemoryEngine.start(vertx, store, DECIDER, LOTTERY, System::currentTimeMillis, Fanout.window(1000), ShowMetrics.NONE));
  }
}
