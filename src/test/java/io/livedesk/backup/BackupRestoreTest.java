package io.livedesk.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.livedesk.json.Json;
import io.livedesk.testing.Api;
import io.livedesk.testing.ShopSheet;
import io.livedesk.testing.TestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class BackupRestoreTest {

  private static final int ORDERS = 400;
  private static final int CLIENTS = 8;

  /** One clock for every server of a test, standing still: what a report says "as of" is then the same. */
  private final AtomicLong clock = new AtomicLong(System.currentTimeMillis());
  @RegisterExtension
  final TestServer server = TestServer.forEachTest(Json.object(), clock::get);
  @TempDir
  Path scratch;
  private final List<TestServer> others = new ArrayList<>();

  @AfterEach
  void closeOthers() throws Exception {
    for (TestServer other : others) {
      other.close();
    }
  }

  @Test
  @DisplayName("a backup taken while hundreds of orders go on restores to a server with every show exactly at the seq reported")
  void backupUnderLoad() throws Exception {
    Api.Show show = ShopSheet.of().item("GRAPE", 8_800, 100_000, 5).openShow(server.api(), "backed up live");
    Api.Show quiet = ShopSheet.of().item("PEAR", 1_200, 10, 2).openShow(server.api(), "a second show");
    Path backup = scratch.resolve("backup-1");
    CountDownLatch someOrdered = new CountDownLatch(ORDERS / 4);
    AtomicInteger accepted = new AtomicInteger();
    ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
    List<Future<?>> placed = new ArrayList<>();
    for (int i = 0; i < ORDERS; i++) {
      String viewer = "viewer-" + (i % 200);
      placed.add(clients.submit(() -> {
        Api.Response answer = server.api().viewerCommand(viewer, show.id(), "order.place",
            Api.args("itemId", "GRAPE", "qty", 1));
        if (answer.status() == 200) {
          accepted.incrementAndGet();
        }
        someOrdered.countDown();
      }));
    }
    assertThat(someOrdered.await(30, TimeUnit.SECONDS)).isTrue();
    Api.Response answer = backUp(backup.toString());
    for (Future<?> order : placed) {
      order.get(60, TimeUnit.SECONDS);
    }
    clients.shutdown();

    assertThat(answer.status()).as(answer.text()).isEqualTo(200);
    assertThat(accepted.get()).isEqualTo(ORDERS);
    long seq = answer.json().path("shows").path(show.id()).asLong();
    List<JsonNode> all = server.api().events(show);
    assertThat(seq).isBetween(1L, (long) all.size());
    assertThat(answer.json().path("shows").path(quiet.id()).asLong())
        .isEqualTo(server.api().events(quiet).size());
    assertThat(answer.json().path("dir").asText()).isEqualTo(backup.toString());
    assertThat(backup.resolve(BackupManifest.NAME)).isRegularFile();

    TestServer copy = restoredServer(backup);
    assertThat(copy.api().events(show)).isEqualTo(all.subList(0, (int) seq));
    assertThat(copy.api().events(quiet)).isEqualTo(server.api().events(quiet));

    TestServer reference = journalPrefixServer(show, seq);
    assertThat(snapshot(copy, show)).isEqualTo(snapshot(reference, show));
    assertThat(report(copy, show)).isEqualTo(report(reference, show));
    assertThat(report(server, show).path("totals").path("orders").asInt()).isEqualTo(ORDERS);
    assertThat(report(copy, show).path("totals").path("orders").asInt())
        .as("taken mid-load: the copy has the orders up to its seq, the live show has moved on since")
        .isPositive().isLessThan(ORDERS);
  }

  @Test
  @DisplayName("restore refuses a backup whose file no longer matches its checksum, and a data directory that is not empty")
  void restoreRefuses() throws Exception {
    Api.Show show = ShopSheet.of().item("GRAPE", 8_800, 100, 5).openShow(server.api(), "tampered");
    server.api().viewerCommand("v1", show.id(), "order.place", Api.args("itemId", "GRAPE", "qty", 2));
    Path backup = scratch.resolve("backup");
    assertThat(backUp(backup.toString()).status()).isEqualTo(200);

    Path occupied = Files.createDirectories(scratch.resolve("occupied"));
    Files.writeString(occupied.resolve("something"), "x");
    assertThatThrownBy(() -> Restore.restore(backup, occupied)).isInstanceOf(Restore.Refused.class)
        .hasMessageContaining("not empty");

    Path journal = backup.resolve("shows").resolve(show.id()).resolve("journal.jsonl");
    String text = Files.readString(journal, StandardCharsets.UTF_8);
    Files.writeString(journal, text.replace("\"qty\":2", "\"qty\":1"), StandardCharsets.UTF_8);
    Path target = scratch.resolve("restored");
    assertThatThrownBy(() -> Restore.restore(backup, target)).isInstanceOf(Restore.Refused.class)
        .hasMessageContaining("does not match the manifest");
    assertThat(target).doesNotExist();

    Files.delete(backup.resolve(BackupManifest.NAME));
    assertThatThrownBy(() -> Restore.restore(backup, target)).isInstanceOf(Restore.Refused.class)
        .hasMessageContaining("backup.json");
  }

  @Test
  @DisplayName("the backup endpoint answers the admin only, and refuses a relative path, the data directory and a non-empty target")
  void endpointRefuses() throws Exception {
    Api.Response anonymous = server.api().post("/api/admin/backup", Map.of(), Json.object().put("dir", "/tmp/x"));
    assertThat(anonymous.errorCode()).isEqualTo("UNAUTHORIZED");
    assertThat(backUp("relative/dir").errorCode()).isEqualTo("INVALID_ARGUMENT");
    assertThat(backUp("/" + "a".repeat(2000)).errorCode()).isEqualTo("INVALID_ARGUMENT");
    assertThat(backUp(server.dataDir().resolve("inside").toString()).errorCode()).isEqualTo("INVALID_ARGUMENT");
    Path occupied = Files.createDirectories(scratch.resolve("occupied"));
    Files.writeString(occupied.resolve("something"), "x");
    assertThat(backUp(occupied.toString()).errorCode()).isEqualTo("CONFLICT");
    Api.Response noDir = server.api().post("/api/admin/backup", Api.bearer(TestServer.ADMIN_TOKEN), Json.object());
    assertThat(noDir.errorCode()).isEqualTo("INVALID_ARGUMENT");
  }

  private Api.Response backUp(String dir) {
    ObjectNode body = Json.object().put("dir", dir);
    return server.api().post("/api/admin/backup", Api.bearer(TestServer.ADMIN_TOKEN), body);
  }

  /** A second server on a data directory restored from {@code backup}. */
  private TestServer restoredServer(Path backup) throws Exception {
    TestServer copy = TestServer.start(Json.object(), clock::get);
    others.add(copy);
    copy.restart(dir -> {
      deleteRecursively(dir);
      Restore.restore(backup, dir);
    });
    return copy;
  }

  /** A server on the first one's show cut at {@code seq}: its journal's first lines and its record file. */
  private TestServer journalPrefixServer(Api.Show show, long seq) throws Exception {
    TestServer reference = TestServer.start(Json.object(), clock::get);
    others.add(reference);
    Path from = server.dataDir().resolve("shows").resolve(show.id());
    reference.restart(dir -> {
      Path to = Files.createDirectories(dir.resolve("shows").resolve(show.id()));
      Files.copy(from.resolve("show.json"), to.resolve("show.json"));
      List<String> lines = Files.readAllLines(from.resolve("journal.jsonl"), StandardCharsets.UTF_8);
      Files.write(to.resolve("journal.jsonl"), lines.subList(0, (int) seq), StandardCharsets.UTF_8);
    });
    return reference;
  }

  private static JsonNode snapshot(TestServer on, Api.Show show) {
    Api.Response answer = on.api().get("/api/shows/" + show.id(), Api.bearer(show.controlToken()));
    assertThat(answer.status()).as(answer.text()).isEqualTo(200);
    return answer.json();
  }

  private static JsonNode report(TestServer on, Api.Show show) {
    Api.Response answer = on.api().get("/api/shows/" + show.id() + "/report", Api.bearer(show.controlToken()));
    assertThat(answer.status()).as(answer.text()).isEqualTo(200);
    return answer.json();
  }

  private static void deleteRecursively(Path dir) throws Exception {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
