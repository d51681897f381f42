package io.livedesk.store.file;

import static io.livedesk.testing.Futures.await;

import io.livedesk.store.EventStore;
import io.livedesk.store.EventStoreContract;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class FileEventStoreContractTest extends EventStoreContract {

  @TempDir
  static Path dataDir;

  @Override
  protected EventStore open() throws Exception {
    return await(FileEventStore.open(vertx, dataDir, null));
  }
}
