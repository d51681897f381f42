package io.livedesk.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.livedesk.testing.ServerProcess;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The floor server answers the bench's generators as Livedesk does, with answers of Livedesk's sizes. */
class OrderFloorTest {

  private static ServerProcess floor;

  @BeforeAll
  static void start() throws Exception {
    Path logs = Files.createTempDirectory("order-floor");
    floor = ServerProcess.launch(ServerProcess.java(List.of("-Xmx128m"), OrderFloor.class.getName(), List.of()),
        Map.of(), logs, Duration.ofSeconds(60));
  }

  @AfterAll
  static void stop() throws Exception {
    floor.close();
  }

  @Test
  @DisplayName("a REST order is answered OK, with an answer of Livedesk's size")
  void restOrder() throws Exception {
    HttpResponse<String> answer = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
        HttpRequest.newBuilder(URI.create(floor.baseUrl() + "/api/shows/floor/commands"))
            .header("X-Viewer", "v1").header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"cmd\":\"order.place\",\"args\":{\"itemId\":\"A\",\"qty\":1}}"))
            .build(), HttpResponse.BodyHandlers.ofString());

    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(LoadGen.outcome(answer.body())).isEqualTo("OK");
    assertThat(answer.body().getBytes(StandardCharsets.UTF_8)).hasSize(OrderFloor.REST_ANSWER_BYTES);
  }

  @Test
  @DisplayName("a socket is welcomed, then each command gets the buyer's frame and its own reply, of Livedesk's sizes")
  void socketOrder() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions());
      List<String> frames = new CopyOnWriteArrayList<>();
      Promise<Void> ready = Promise.promise();
      LoadGen.viewerSocket(client, Map.of("host", "127.0.0.1", "port", String.valueOf(floor.port()), "show", "floor"),
          "v1", ready, frames::add).onSuccess(ws -> ready.future().onSuccess(v -> ws.writeTextMessage(
              "{\"type\":\"cmd\",\"id\":\"41\",\"cmd\":\"order.place\",\"args\":{\"itemId\":\"A\",\"qty\":1}}")));
      ready.future().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (frames.size() < 2 && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }

      assertThat(frames).hasSize(2);
      assertThat(frames.get(0)).contains("\"kind\":\"order.placed\"");
      assertThat(frames.get(0).getBytes(StandardCharsets.UTF_8)).hasSize(OrderFloor.WS_PLACED_BYTES);
      assertThat(frames.get(1)).contains("\"type\":\"reply\"", "\"id\":\"41\"");
      assertThat(LoadGen.outcome(frames.get(1))).isEqualTo("OK");
      assertThat(frames.get(1).getBytes(StandardCharsets.UTF_8)).hasSize(OrderFloor.WS_REPLY_BYTES);
    } finally {
      vertx.close().await();
    }
  }
}
