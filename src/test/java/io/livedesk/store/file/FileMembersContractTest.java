package io.livedesk.store.file;

import static io.livedesk.testing.Futures.await;

import io.livedesk.people.MemberStore;
import io.livedesk.people.MemberStoreContract;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class FileMembersContractTest extends MemberStoreContract {

  @TempDir
  static Path dataDir;

  @Override
  protected MemberStore open() throws Exception {
    return await(FileMembers.open(vertx, dataDir));
  }

  @Override
  protected void close() {
    // every change is on disk when its future completes: nothing to flush
  }

  @Override
  protected String storedText() throws Exception {
    return Files.readString(dataDir.resolve(FileMembers.FILE));
  }
}
