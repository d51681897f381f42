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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("body and frame limits, the connect deadline, ping and pong")
class LimitsAndSocketTest {

  static final int KIB = 1024;
  @RegisterExtension
  static final TestServer server = TestServer.forClass();
  static final Api api = server.api();

  /** A JSON body of exactly {@code size} bytes: a command whose text is padded with spaces after the object. */
  private static byte[] paddedCommand(int size) {
    byte[] command = "{\"cmd\":\"cue.note\",\"args\":{\"text\":\"padded\"}}".getBytes(StandardCharsets.UTF_8);
    byte[] body = Arrays.copyOf(command, size);
    Arrays.fill(body, command.length, size, (byte) ' ');
    return body;
  }

  /** The sample JSON run-sheet padded with trailing spaces to exactly {@code size} bytes. */
  private static byte[] paddedSheet(int size) throws Exception {
    byte[] sheet = Files.readAllBytes(Path.of("src/test/resources/runsheets/sample-runsheet.json"));
    byte[] body = Arrays.copyOf(sheet, size);
    Arrays.fill(body, sheet.length, size, (byte) ' ');
    return body;
  }

  private static Api.Response postCommand(Api.Show show, byte[] body) {
    return api.send("POST", "/api/shows/" + show.id() + "/commands",
        Map.of("Authorization", "Bearer " + show.controlToken(), "Content-Type", "application/json"), body);
  }

  private static long seq(Api.Show show) {
    return api.get("/api/shows/" + show.id(), bearer(show.controlToken())).json().get("seq").asLong();
  }

  @Test
  @DisplayName("a command body up to 64 KiB is taken; over it is 413 PAYLOAD_TOO_LARGE with the error body")
  void commandBodyLimit() {
    Api.Show show = api.liveSampleShow("command limit");

    Api.Response atLimit = postCommand(show, paddedCommand(64 * KIB));
    Api.Response over = postCommand(show, paddedCommand(64 * KIB + 1));

    assertThat(atLimit.status()).as(atLimit.text()).isEqualTo(200);
    assertError(over, 413, "PAYLOAD_TOO_LARGE");
    assertThat(seq(show)).isEqualTo(4);
    assertError(api.send("POST", "/api/shows", Map.of("Authorization", "Bearer " + TestServer.ADMIN_TOKEN,
        "Content-Type", "application/json"), paddedCommand(64 * KIB + 1)), 413, "PAYLOAD_TOO_LARGE");
  }

  @Test
  @DisplayName("a run-sheet up to 1 MiB is taken; over it is 413 PAYLOAD_TOO_LARGE and nothing is loaded")
  void runSheetBodyLimit() throws Exception {
    Api.Show show = api.createShow("sheet limit");
    Map<String, String> headers = Map.of("Authorization", "Bearer " + show.controlToken(), "Content-Type", "application/json");

    Api.Response over = api.send("PUT", "/api/shows/" + show.id() + "/runsheet", headers, paddedSheet(1024 * KIB + 1));
    assertError(over, 413, "PAYLOAD_TOO_LARGE");
    assertThat(seq(show)).isZero();

    Api.Response atLimit = api.send("PUT", "/api/shows/" + show.id() + "/runsheet", headers, paddedSheet(1024 * KIB));
    assertThat(atLimit.status()).as(atLimit.text()).isEqualTo(200);
    assertThat(atLimit.json().get("items").asInt()).isEqualTo(34);
  }

  @Test
  @DisplayName("a WebSocket frame over 64 KiB is answered PAYLOAD_TOO_LARGE and not executed; the socket stays usable")
  void frameLimit() throws Exception {
    Api.Show show = api.liveSampleShow("frame limit");
    try (WsClient control = server.control(show).welcomed()) {
      ObjectNode big = Json.object().put("type", "cmd").put("id", "big").put("cmd", "cue.note");
      big.set("args", args("text", "x".repeat(70 * KIB)));

      control.send(big);
      JsonNode refused = control.await(f -> f.has("error"), 10_000);

      assertThat(refused.get("error").get("code").asText()).isEqualTo("PAYLOAD_TOO_LARGE");
      assertThat(refused.get("ok").asBoolean(true)).isFalse();
      assertThat(control.command("cue.note", args("text", "small")).get("ok").asBoolean()).isTrue();
      assertThat(seq(show)).isEqualTo(4);
    }
  }

  @Test
  @DisplayName("a socket that sends no connect within 5 seconds is told why and closed")
  void connectDeadline() throws Exception {
    Api.Show show = api.createShow("silent socket");
    try (WsClient silent = WsClient.open(server.wsUrl(show.id()))) {
      JsonNode error = silent.awaitType("error");

      assertThat(error.get("error").get("code").asText()).isEqualTo("UNAUTHORIZED");
      assertThat(error.get("error").get("message").asText()).contains("5 seconds");
      assertThat(silent.awaitClosed(5000)).isTrue();
      assertThat(silent.closeCode()).isEqualTo(4401);
    }
  }

  @Test
  @DisplayName("a socket whose first frame is garbage or not a connect gets an error frame and is closed")
  void garbageFirst() throws Exception {
    Api.Show show = api.createShow("garbage socket");
    try (WsClient garbage = WsClient.open(server.wsUrl(show.id()));
         WsClient notConnect = WsClient.open(server.wsUrl(show.id()))) {
      garbage.sendText("hello?");
      notConnect.send(Json.object().put("type", "cmd").put("cmd", "show.start"));

      assertThat(garbage.awaitType("error").get("error").get("code").asText()).isEqualTo("INVALID_ARGUMENT");
      assertThat(notConnect.awaitType("error").get("error").get("code").asText()).isEqualTo("UNAUTHORIZED");
      assertThat(garbage.awaitClosed(5000)).isTrue();
      assertThat(notConnect.awaitClosed(5000)).isTrue();
      // 4400 is the refusal of what was sent; the connect deadline would have closed with 4401
      assertThat(garbage.closeCode()).isEqualTo(4400);
      assertThat(notConnect.closeCode()).isEqualTo(4401);
    }
  }

  @Test
  @DisplayName("ping is answered with pong, the client's t and the server's time")
  void pingPong() throws Exception {
    Api.Show show = api.createShow("ping");
    try (WsClient prompter = server.prompter(show).welcomed()) {
      long before = System.currentTimeMillis();

      prompter.send(Json.object().put("type", "ping").put("t", 12345));
      JsonNode pong = prompter.awaitType("pong");

      assertThat(pong.get("t").asLong()).isEqualTo(12345);
      assertThat(pong.get("serverTime").asLong()).isBetween(before - 1000, System.currentTimeMillis() + 1000);
    }
  }
}
