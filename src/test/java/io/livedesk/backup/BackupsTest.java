package io.livedesk.backup;

import static io.livedesk.testing.Futures.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.livedesk.show.ErrorCode;
import io.livedesk.show.ShowError;
import io.livedesk.store.file.FileEventStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupsTest {

  private final Vertx vertx = Vertx.vertx();
  @TempDir
  Path scratch;

  @AfterEach
  void close() throws Exception {
    await(vertx.close());
  }

  @Test
  @DisplayName("one backup at a time: a second asked while the first runs is CONFLICT, and the first completes")
  void oneAtATime() throws Exception {
    Path dataDir = Files.createDirectories(scratch.resolve("data"));
    FileEventStore store = await(FileEventStore.open(vertx, dataDir, null));
    try {
      Backups backups = new Backups(vertx, store, dataDir, () -> 1L);
      Future<?> first = backups.backUp(scratch.resolve("first"));
      Future<?> second = backups.backUp(scratch.resolve("second"));

      assertThatThrownBy(() -> await(second)).isInstanceOfSatisfying(ShowError.class,
          e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT));
      await(first);
      assertThat(scratch.resolve("first").resolve(BackupManifest.NAME)).isRegularFile();
      await(backups.backUp(scratch.resolve("third")));
    } finally {
      await(store.close());
    }
  }

  @Test
  @DisplayName("a server whose history is in PostgreSQL answers UNAVAILABLE pointing to pg_dump")
  void postgresPointsToPgDump() {
    Backups backups = new Backups(vertx, null, scratch, () -> 1L);

    assertThatThrownBy(() -> await(backups.backUp(scratch.resolve("b")))).isInstanceOfSatisfying(ShowError.class,
        e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE);
          assertThat(e.getMessage()).contains("pg_dump");
        });
  }
}
