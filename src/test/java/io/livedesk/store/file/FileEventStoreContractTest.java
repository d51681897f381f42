package io.livedesk.store.file;

import io.livedesk.store.EventStore;
import io.livedesk.store.EventStoreContract;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class FileEventStoreContractTest extends EventStoreContract {

  static Path dataDir;

  @BeforeAll
  static void makeDataDir() throws Exception {
    dataDir = Files.createTempDirectory("livedesk-store");
  }

  @AfterAll
  static void removeDataDir() throws Exception {
    try (Stream<Path> paths = Files.walk(dataDir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    }
  }

  @Override
  protected EventStore open() throws Exception {
    return await(FileEventStore.open(vertx, dataDir, null));
  }
}
