package io.livedesk.http;

import static io.livedesk.http.ShowsApiTest.assertError;
import static io.livedesk.testing.Api.args;
import static io.livedesk.testing.Api.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.livedesk.json.Json;
import io.livedesk.testing.Api;
import io.livedesk.testing.TestServer;
import io.livedesk.testing.WsClient;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("limits that protect the show: long numbers, idle connections, rehearsals, lottery proofs")
class ShowProtectionTest {

  static final String HUGE = "9".repeat(900_000);
  @RegisterExtension
  static final TestServer server = TestServer.forClass(
      Json.object().set("demo", Json.object().put("maxViewers", 20)), System::currentTimeMillis);
  static final Api api = server.api();

  @Test
  @DisplayName("while a run-sheet with a 900,000-digit stock is posted, /health answers within a second;"
      + " the sheet is refused with its line and field")
  void healthDuringHugeUpload() throws Exception {
    Api.Show show = api.createShow("huge numbers");
    byte[] csv = ("role,id,name,listPriceCents,livePriceCents,stock\nmain,A,Apple,1000,900," + HUGE + "\n")
        .getBytes(StandardCharsets.UTF_8);
    byte[] json = ("{\"items\": [{\"id\": \"A\", \"role\": \"main\", \"name\": \"Apple\", \"listPriceCents\": 1000,"
        + " \"livePriceCents\": 900, \"stock\": \"" + HUGE + "\"}]}").getBytes(StandardCharsets.UTF_8);

    CompletableFuture<Api.Response> csvUpload = CompletableFuture.supplyAsync(
        () -> putSheet(show, show.controlToken(), "text/csv", csv));
    CompletableFuture<Api.Response> jsonUpload = CompletableFuture.supplyAsync(
        () -> putSheet(show, show.controlToken(), "application/json", json));
    long slowest = 0;
    while (!(csvUpload.isDone() && jsonUpload.isDone())) {
      long began = System.nanoTime();
      Api.Response health = api.get("/health", Map.of());
      slowest = Math.max(slowest, (System.nanoTime() - began) / 1_000_000);
      assertThat(health.status()).isEqualTo(200);
    }

    assertThat(slowest).as("slowest /health in ms").isLessThan(1000);
    for (Api.Response refused : new Api.Response[] {csvUpload.get(), jsonUpload.get()}) {
      assertError(refused, 400, "INVALID_ARGUMENT");
      JsonNode detail = refused.json().at("/error/details/0");
      assertThat(detail.get("field").asText()).isEqualTo("stock");
      assertThat(detail.get("message").asText()).hasSizeLessThan(200);
      assertThat(refused.text()).hasSizeLessThan(2000);
    }
    assertThat(csvUpload.get().json().at("/error/details/0/line").asInt()).isEqualTo(2);
    assertThat(jsonUpload.get().json().at("/error/details/0/line").asInt()).isEqualTo(1);
  }

  @Test
  @DisplayName("a long number in a command is INVALID_ARGUMENT over REST and WebSocket; stock past its ceiling too")
  void longNumbersInCommands() throws Exception {
    Api.Show show = api.liveSampleShow("long numbers in commands");
    String itemId = api.get("/api/shows/" + show.id(), bearer(show.controlToken())).json().at("/items/0/id").asText();
    String command = "{\"cmd\":\"item.set_stock\",\"args\":{\"itemId\":\"" + itemId + "\",\"stock\":"
        + "9".repeat(60_000) + "}}";

    Api.Response rest = api.send("POST", "/api/shows/" + show.id() + "/commands",
        Map.of("Authorization", "Bearer " + show.controlToken(), "Content-Type", "application/json"),
        command.getBytes(StandardCharsets.UTF_8));
    assertError(rest, 400, "INVALID_ARGUMENT");
    assertThat(rest.json().at("/error/message").asText()).contains("number");

    Api.Response ceiling = api.command(show.controlToken(), show.id(), "item.set_stock",
        args("itemId", itemId, "stock", 1_000_000_001L));
    assertError(ceiling, 400, "INVALID_ARGUMENT");

    try (WsClient control = server.control(show).welcomed()) {
      control.sendText("{\"type\":\"cmd\",\"id\":\"c1\",\"cmd\":\"item.set_stock\",\"args\":{\"itemId\":\"" + itemId
          + "\",\"stock\":" + "9".repeat(30_000) + "}}");
      JsonNode error = control.await(frame -> frame.path("error").has("code"), 5000);
      assertThat(error.at("/error/code").asText()).isEqualTo("INVALID_ARGUMENT");
    }
  }

  /** A server of its own: a one-second idle timeout would race the shared client's kept-alive connections. */
  private static TestServer quickToIdle() throws Exception {
    ObjectNode config = Json.object();
    config.putObject("http").put("idleSeconds", 1);
    return TestServer.start(config, System::currentTimeMillis);
  }

  @Test
  @DisplayName("a connection that sends half a request head is closed after http.idleSeconds")
  void halfRequestHeadIsClosed() throws Exception {
    try (TestServer quick = quickToIdle(); Socket socket = new Socket("127.0.0.1", quick.port())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      long began = System.nanoTime();
      InputStream in = socket.getInputStream();

      int read = in.read();

      assertThat(read).as("the server closes the connection without an answer").isEqualTo(-1);
      assertThat((System.nanoTime() - began) / 1_000_000).isBetween(500L, 5000L);
    }
  }

  @Test
  @DisplayName("a quiet viewer socket is not idle: it outlives http.idleSeconds and still answers a ping")
  void quietSocketStaysOpen() throws Exception {
    try (TestServer quick = quickToIdle()) {
      Api.Show show = quick.api().liveSampleShow("quiet viewer");
      try (WsClient viewer = quick.viewer(show, "quiet-1").welcomed()) {

        Thread.sleep(3000);
        viewer.sendText("{\"type\":\"ping\",\"t\":1}");

        assertThat(viewer.awaitType("pong").path("t").asLong()).isEqualTo(1);
        assertThat(viewer.closeCode()).isNull();
      }
    }
  }

  @Test
  @DisplayName("rehearsing five times makes one rehearsal, which cannot be rehearsed itself; viewers are capped by demo.maxViewers;"
      + " once it ends, the next call makes a new one")
  void oneRehearsalPerShow() throws Exception {
    Api.Show show = api.createShow("rehearsed once");
    api.loadSampleSheet(show);
    String rehearse = "/api/shows/" + show.id() + "/rehearse";

    assertError(api.post(rehearse, bearer(show.controlToken()), args("viewers", 21)), 400, "INVALID_ARGUMENT");
    assertError(api.post(rehearse, bearer(show.controlToken()), args("viewers", 4_294_967_301L)), 400,
        "INVALID_ARGUMENT");
    CompletableFuture<?>[] calls = new CompletableFuture<?>[5];
    for (int i = 0; i < calls.length; i++) {
      calls[i] = CompletableFuture.supplyAsync(() -> api.post(rehearse, bearer(show.controlToken()), args("viewers", 5)));
    }
    CompletableFuture.allOf(calls).get();
    java.util.Set<String> copies = new java.util.HashSet<>();
    for (CompletableFuture<?> call : calls) {
      Api.Response answer = (Api.Response) call.get();
      assertThat(answer.status()).as(answer.text()).isEqualTo(200);
      copies.add(answer.json().get("id").asText());
    }

    assertThat(copies).hasSize(1);
    long rehearsals = 0;
    for (JsonNode listed : api.get("/api/shows", bearer(TestServer.ADMIN_TOKEN)).json().get("shows")) {
      rehearsals += listed.path("title").asText().startsWith("rehearsed once · ") ? 1 : 0;
    }
    assertThat(rehearsals).isEqualTo(1);

    Api.Response first = (Api.Response) calls[0].get();
    String copyRehearse = "/api/shows/" + first.json().get("id").asText() + "/rehearse";
    assertError(api.post(copyRehearse, bearer(first.json().get("controlToken").asText()), args("viewers", 5)), 400,
        "INVALID_ARGUMENT");
    assertThat(api.command(first.json().get("controlToken").asText(), first.json().get("id").asText(), "show.end",
        args()).status()).isEqualTo(200);
    Api.Response next = api.post(rehearse, bearer(show.controlToken()), args("viewers", 5));
    assertThat(next.status()).as(next.text()).isEqualTo(200);
    assertThat(next.json().get("id").asText()).isNotIn(copies);
  }

  @Test
  @DisplayName("a drawn lottery's proof is the same stored bytes every time, cacheable forever, and survives a restart")
  void storedProof() throws Exception {
    Api.Show show = api.liveSampleShow("proof");
    String lotteryId = api.command(show.controlToken(), show.id(), "lottery.open", args("itemId", "LT-CHERRY-1",
        "winners", 1, "rule", Json.object().put("type", "any"))).json().at("/result/lotteryId").asText();
    String proof = "/api/shows/" + show.id() + "/lotteries/" + lotteryId + "/proof";

    HttpResponse<byte[]> open = get(proof);
    assertThat(open.headers().firstValue("cache-control")).contains("no-store");
    api.command(show.controlToken(), show.id(), "lottery.close", args("lotteryId", lotteryId));
    api.command(show.controlToken(), show.id(), "lottery.draw", args("lotteryId", lotteryId));

    HttpResponse<byte[]> first = get(proof);
    HttpResponse<byte[]> second = get(proof);

    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(first.headers().firstValue("cache-control")).contains("public, max-age=31536000, immutable");
    assertThat(first.headers().firstValue("content-type").orElse("")).startsWith("application/json");
    JsonNode body = Json.parse(first.body());
    assertThat(body.get("seed").asText()).hasSize(64);
    assertThat(body.get("verified").asBoolean()).isTrue();
    assertThat(second.body()).isEqualTo(first.body());
    assertThat(second.headers().firstValue("cache-control")).isEqualTo(first.headers().firstValue("cache-control"));
    assertThat(get("/api/shows/" + show.id() + "/lotteries/nope/proof").statusCode()).isEqualTo(404);

    server.restart();
    assertThat(get(proof).body()).isEqualTo(first.body());
  }

  private static Api.Response putSheet(Api.Show show, String token, String contentType, byte[] body) {
    return api.send("PUT", "/api/shows/" + show.id() + "/runsheet",
        Map.of("Authorization", "Bearer " + token, "Content-Type", contentType), body);
  }

  private static HttpResponse<byte[]> get(String path) throws Exception {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    return client.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path)).timeout(Duration.ofSeconds(30))
        .build(), HttpResponse.BodyHandlers.ofByteArray());
  }
}
