package io.livedesk.engine;

import static io.livedesk.testing.Api.args;
import static io.livedesk.testing.Api.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.livedesk.json.Json;
import io.livedesk.testing.Api;
import io.livedesk.testing.ServerProcess;
import io.livedesk.testing.WsClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("the server process: listening line, kill -9 and SIGTERM lose nothing acknowledged")
class CrashRecoveryTest {

  /** Holds the data directory and, beside it, the server's output. */
  @TempDir
  Path workDir;
  Path dataDir;

  /** A command the server acknowledged: what was sent and what it answered. */
  record Acked(String cmd, ObjectNode args, long seq, JsonNode result) {}

  @BeforeEach
  void dataDir() throws Exception {
    dataDir = Files.createDirectories(workDir.resolve("data"));
  }

  private static JsonNode snapshot(Api api, Api.Show show) {
    return api.get("/api/shows/" + show.id(), bearer(show.controlToken())).json();
  }

  private static JsonNode history(Api api, Api.Show show) {
    return api.get("/api/shows/" + show.id() + "/events?limit=10000", bearer(show.controlToken())).json().get("events");
  }

  /** Commands sent by several clients at once until told to stop or the server goes away. */
  private static final class Traffic {
    final ConcurrentLinkedQueue<Acked> acked = new ConcurrentLinkedQueue<>();
    final AtomicBoolean stop = new AtomicBoolean();
    final AtomicInteger sent = new AtomicInteger();
    final List<Thread> threads = new ArrayList<>();

    Traffic(Api api, Api.Show show, int clients) {
      for (int c = 0; c < clients; c++) {
        int client = c;
        Thread thread = new Thread(() -> {
          int n = 0;
          while (!stop.get()) {
            n++;
            String cmd = n % 2 == 0 ? "announce.publish" : "item.add_stock";
            ObjectNode args = n % 2 == 0 ? args("text", "client " + client + " message " + n)
                : args("itemId", "BANANA-5", "delta", 1);
            Api.Response response;
            try {
              sent.incrementAndGet();
              response = api.command(show.controlToken(), show.id(), cmd, args);
            } catch (IllegalStateException gone) {
              return;
            }
            if (response.status() == 200) {
              acked.add(new Acked(cmd, args, response.json().get("seq").asLong(), response.json().get("result")));
            } else if (response.status() == 503) {
              return;
            }
          }
        }, "traffic-" + client);
        thread.start();
        threads.add(thread);
      }
    }

    void awaitAcked(int count) throws InterruptedException {
      long deadline = System.currentTimeMillis() + 30_000;
      while (acked.size() < count && System.currentTimeMillis() < deadline) {
        Thread.sleep(5);
      }
      assertThat(acked.size()).isGreaterThanOrEqualTo(count);
    }

    void join() throws InterruptedException {
      stop.set(true);
      for (Thread thread : threads) {
        thread.join(60_000);
      }
    }
  }

  /** Every acknowledged command is in the history at its seq, as it was sent. */
  private static void assertAllPresent(List<Acked> acked, JsonNode history) {
    assertThat(acked).isNotEmpty();
    for (Acked ack : acked) {
      assertThat(ack.seq()).isLessThanOrEqualTo(history.size());
      JsonNode event = history.get((int) ack.seq() - 1);
      assertThat(event.get("seq").asLong()).isEqualTo(ack.seq());
      if (ack.cmd().equals("announce.publish")) {
        assertThat(event.get("kind").asText()).isEqualTo("announce.published");
        assertThat(event.get("data").get("text").asText()).isEqualTo(ack.args().get("text").asText());
        assertThat(event.get("data").get("announcementId").asText()).isEqualTo(ack.result().get("announcementId").asText());
      } else {
        assertThat(event.get("kind").asText()).isEqualTo("item.stock_changed");
        assertThat(event.get("data").get("stock").asLong()).isEqualTo(ack.result().get("stock").asLong());
      }
    }
  }

  private static void assertGapless(JsonNode history) {
    for (int i = 0; i < history.size(); i++) {
      assertThat(history.get(i).get("seq").asLong()).isEqualTo(i + 1);
    }
  }

  @Test
  @DisplayName("on port 0 it prints exactly one 'livedesk listening on http://HOST:PORT' line with the real port")
  void listeningLine() throws Exception {
    try (ServerProcess server = ServerProcess.start(dataDir, Map.of())) {
      List<String> lines = server.stdout();

      assertThat(server.port()).isPositive();
      assertThat(lines).filteredOn(line -> line.startsWith("livedesk listening on"))
          .containsExactly("livedesk listening on http://127.0.0.1:" + server.port());
      String tokenLine = lines.stream().filter(line -> line.startsWith("livedesk admin token")).findFirst().orElseThrow();
      String adminToken = tokenLine.substring(tokenLine.lastIndexOf(' ') + 1);
      assertThat(server.api().get("/api/shows", bearer(adminToken)).status()).isEqualTo(200);
      assertThat(server.api().get("/health", Map.of()).json().get("status").asText()).isEqualTo("UP");
      assertThat(server.terminate()).isZero();
    }
    try (ServerProcess again = ServerProcess.start(dataDir, Map.of())) {
      assertThat(again.stdout()).noneMatch(line -> line.startsWith("livedesk admin token"));
      assertThat(again.terminate()).isZero();
    }
  }

  @Test
  @DisplayName("kill -9 and a start on the same data: snapshot and history identical, every acknowledged command there")
  void killNine() throws Exception {
    Api.Show show;
    JsonNode snapshotBefore;
    JsonNode historyBefore;
    List<Acked> acked;
    try (ServerProcess server = ServerProcess.start(dataDir)) {
      Api api = server.api();
      show = api.liveSampleShow("kill -9");
      api.command(show.controlToken(), show.id(), "cue.go", args("itemId", "BANANA-5", "list", true));
      api.command(show.controlToken(), show.id(), "item.set_price", args("itemId", "BANANA-5", "priceCents", 990, "confirm", true));
      Traffic traffic = new Traffic(api, show, 4);
      traffic.awaitAcked(200);
      traffic.join();
      acked = List.copyOf(traffic.acked);
      try (WsClient viewer = WsClient.connect(server.wsUrl(show.id()), "viewer", null, "viewer-1", null).welcomed()) {
        snapshotBefore = snapshot(api, show);
        historyBefore = history(api, show);
        assertThat(snapshotBefore.get("figures").get("online").asInt()).isEqualTo(1);

        assertThat(server.kill()).isEqualTo(137);
      }
    }

    try (ServerProcess server = ServerProcess.start(dataDir)) {
      Api api = server.api();
      JsonNode historyAfter = history(api, show);
      JsonNode snapshotAfter = snapshot(api, show);

      assertThat(historyAfter.size()).isEqualTo(historyBefore.size() + 1);
      for (int i = 0; i < historyBefore.size(); i++) {
        assertThat(historyAfter.get(i)).isEqualTo(historyBefore.get(i));
      }
      JsonNode dropped = historyAfter.get(historyBefore.size());
      assertThat(dropped.get("kind").asText()).isEqualTo("viewer.left");
      assertThat(dropped.get("actor").get("role").asText()).isEqualTo("system");
      ObjectNode expected = RestartTest.withoutClock(snapshotBefore);
      ObjectNode actual = RestartTest.withoutClock(snapshotAfter);
      expected.remove("seq");
      actual.remove("seq");
      assertThat((JsonNode) actual).isEqualTo(expected);
      assertThat(snapshotAfter.get("figures").get("online").asInt()).isZero();
      assertAllPresent(acked, historyAfter);
      assertGapless(historyAfter);
      assertThat(api.command(show.controlToken(), show.id(), "cue.next", Json.object()).status()).isEqualTo(200);
    }
  }

  @Test
  @DisplayName("kill -9 in the middle of a stream of commands: every acknowledged one survives, history stays gapless")
  void killNineUnderLoad() throws Exception {
    Interrupted run = streamUntil("kill -9 under load", ServerProcess::kill);

    try (ServerProcess server = ServerProcess.start(dataDir)) {
      Api api = server.api();
      JsonNode history = history(api, run.show());
      assertAllPresent(run.acked(), history);
      assertGapless(history);
      long added = 0;
      for (JsonNode event : history) {
        if (event.get("kind").asText().equals("item.stock_changed")) {
          added += event.get("data").get("delta").asLong();
        }
      }
      JsonNode banana = snapshot(api, run.show()).get("items").get(3);
      assertThat(banana.get("id").asText()).isEqualTo("BANANA-5");
      assertThat(banana.get("stock").asLong()).isEqualTo(2000 + added);
    }
  }

  @Test
  @DisplayName("SIGTERM while commands stream in: exit code 0 and nothing acknowledged lost")
  void sigterm() throws Exception {
    Interrupted run = streamUntil("sigterm", ServerProcess::terminate);
    assertThat(run.exit()).as(run.stderr()).isZero();

    try (ServerProcess server = ServerProcess.start(dataDir)) {
      JsonNode history = history(server.api(), run.show());
      assertAllPresent(run.acked(), history);
      assertGapless(history);
      assertThat(server.terminate()).isZero();
    }
  }

  /** What a stream of commands left when its server was stopped under it: the show, every acknowledged command, the exit. */
  private record Interrupted(Api.Show show, List<Acked> acked, int exit, String stderr) {}

  /** How a test stops a server: SIGKILL or SIGTERM, answering the exit code. */
  private interface Stop {
    int apply(ServerProcess server) throws InterruptedException;
  }

  /** Starts a server on the data directory, streams commands at a live show until 300 are acknowledged, then stops it. */
  private Interrupted streamUntil(String title, Stop stop) throws Exception {
    try (ServerProcess server = ServerProcess.start(dataDir)) {
      Api api = server.api();
      Api.Show show = api.liveSampleShow(title);
      Traffic traffic = new Traffic(api, show, 8);
      traffic.awaitAcked(300);

      int exit = stop.apply(server);
      traffic.join();
      return new Interrupted(show, List.copyOf(traffic.acked), exit, server.stderr());
    }
  }
}
