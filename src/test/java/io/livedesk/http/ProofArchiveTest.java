package io.livedesk.http;

import static io.livedesk.testing.Futures.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.livedesk.json.Json;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("a drawn lottery's proof is built once, off the show, and then served without asking the show")
class ProofArchiveTest {

  private Vertx vertx;
  @TempDir
  Path dataDir;
  private BackOffice backOffice;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    backOffice = new BackOffice(vertx);
  }

  @AfterEach
  void stop() throws Exception {
    await(vertx.close());
  }

  private static ProofArchive.Drawn drawn() {
    return new ProofArchive.Drawn("L1", "PRIZE", "c0ffee", 1, "00".repeat(32), "feed", List.of("v1", "v2"),
        List.of("v2"));
  }

  @Test
  @DisplayName("twenty requests, at once and after, ask the show once and get the same file")
  void asksTheShowOnce() throws Exception {
    ProofArchive archive = new ProofArchive(vertx, backOffice, dataDir);
    AtomicInteger asked = new AtomicInteger();
    List<Future<ProofArchive.Proof>> requests = new ArrayList<>();

    for (int i = 0; i < 10; i++) {
      requests.add(archive.proof("S1", "L1", () -> {
        asked.incrementAndGet();
        return Future.succeededFuture(drawn());
      }));
    }
    await(Future.all(requests));
    for (int i = 0; i < 10; i++) {
      requests.add(archive.proof("S1", "L1", () -> {
        asked.incrementAndGet();
        return Future.succeededFuture(drawn());
      }));
    }
    await(Future.all(requests));

    assertThat(asked.get()).isEqualTo(1);
    Path file = ((ProofArchive.Stored) requests.get(0).result()).file();
    assertThat(requests).allSatisfy(request -> assertThat(request.result()).isEqualTo(new ProofArchive.Stored(file)));
    assertThat(Json.parse(Files.readAllBytes(file)).get("winners").get(0).asText()).isEqualTo("v2");
  }

  @Test
  @DisplayName("a proof stored before a restart is served from disk without asking the show")
  void servedFromDiskAfterRestart() throws Exception {
    await(new ProofArchive(vertx, backOffice, dataDir).proof("S1", "L1", () -> Future.succeededFuture(drawn())));
    AtomicInteger asked = new AtomicInteger();

    ProofArchive.Proof proof = await(new ProofArchive(vertx, backOffice, dataDir).proof("S1", "L1", () -> {
      asked.incrementAndGet();
      return Future.succeededFuture(drawn());
    }));

    assertThat(proof).isInstanceOf(ProofArchive.Stored.class);
    assertThat(asked.get()).isZero();
  }

  @Test
  @DisplayName("a lottery not drawn yet is asked every time and nothing is stored")
  void notDrawnIsNotStored() throws Exception {
    ProofArchive archive = new ProofArchive(vertx, backOffice, dataDir);
    AtomicInteger asked = new AtomicInteger();

    for (int i = 0; i < 3; i++) {
      ProofArchive.Proof proof = await(archive.proof("S1", "L1", () -> {
        asked.incrementAndGet();
        return Future.succeededFuture(Json.object().put("phase", "open"));
      }));
      assertThat(proof).isInstanceOf(ProofArchive.SoFar.class);
    }

    assertThat(asked.get()).isEqualTo(3);
    assertThat(dataDir.resolve("proofs/S1/L1.json")).doesNotExist();
  }
}
