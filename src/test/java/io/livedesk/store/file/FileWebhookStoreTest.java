package io.livedesk.store.file;

import static io.livedesk.testing.Futures.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.livedesk.store.WebhookRecord;
import io.livedesk.store.WebhookStore;
import io.livedesk.store.WebhookStoreContract;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileWebhookStoreTest extends WebhookStoreContract {

  @TempDir
  Path dataDir;

  @Override
  protected WebhookStore open() {
    return new FileWebhookStore(vertx, dataDir);
  }

  @Test
  @DisplayName("a cursor is a file of its own, replaced whole, with no temporary file left behind")
  void cursorFile() throws Exception {
    WebhookStore store = open();
    await(store.save(new WebhookRecord("wh_1", "http://x/", List.of("*"), List.of(), "s", null, null, 1)));
    await(store.saveCursor("wh_1", "show-1", 42));
    Path cursors = dataDir.resolve("webhooks/wh_1/cursors");
    assertThat(Files.readString(cursors.resolve("show-1.seq")).strip()).isEqualTo("42");
    try (var files = Files.list(cursors)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("show-1.seq");
    }
  }
}
