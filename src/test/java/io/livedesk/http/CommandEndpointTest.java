package io.livedesk.http;

import static io.livedesk.testing.Api.args;
import static org.assertj.core.api.Assertions.assertThat;

import io.livedesk.json.Json;
import io.livedesk.testing.Api;
import io.livedesk.testing.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("the command endpoint before the Router: the same answers, only for plain requests")
class CommandEndpointTest {

  @RegisterExtension
  static final TestServer server = TestServer.forClass();
  static final Api api = server.api();

  /** One HTTP/1.1 exchange on a socket of its own: the answer's bytes exactly as the server wrote them. */
  private static byte[] exchange(String head, byte[] body) throws IOException {
    URI base = URI.create(server.baseUrl());
    try (Socket socket = new Socket(base.getHost(), base.getPort())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(head.getBytes(StandardCharsets.ISO_8859_1));
      out.write(body);
      out.flush();
      return readAnswer(socket.getInputStream());
    }
  }

  /** The status line, the headers and the body of one answer framed by its content-length. */
  private static byte[] readAnswer(InputStream in) throws IOException {
    ByteArrayOutputStream answer = new ByteArrayOutputStream();
    while (!answer.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("the connection closed in the head: " + answer);
      }
      answer.write(b);
    }
    String head = answer.toString(StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
    int at = head.indexOf("content-length: ");
    int length = Integer.parseInt(head.substring(at + 16, head.indexOf("\r\n", at)));
    answer.write(in.readNBytes(length));
    return answer.toByteArray();
  }

  /** A show's command endpoint. */
  private static String commands(Api.Show show) {
    return "/api/shows/" + show.id() + "/commands";
  }

  /** A request with the body declared by its length: the endpoint's own kind. */
  private static byte[] plain(String path, String headers, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    return exchange(jsonPost(path, headers + "Content-Length: " + bytes.length + "\r\n"), bytes);
  }

  /** The same request with its body in one chunk: left to the Router and its BodyHandler. */
  private static byte[] chunked(String path, String headers, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    String chunk = Integer.toHexString(bytes.length) + "\r\n" + body + "\r\n0\r\n\r\n";
    return exchange(jsonPost(path, headers + "Transfer-Encoding: chunked\r\n"), chunk.getBytes(StandardCharsets.UTF_8));
  }

  private static String jsonPost(String path, String headers) {
    return "POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n" + headers + "\r\n";
  }

  private static String text(byte[] answer) {
    return new String(answer, StandardCharsets.UTF_8);
  }

  @Test
  @DisplayName("a keyed command answered before the Router and its repeat through the Router are the same bytes")
  void sameAnswerBothWays() throws Exception {
    Api.Show show = api.liveSampleShow("fast path");
    String path = commands(show);
    String staff = "Authorization: Bearer " + show.controlToken() + "\r\nIdempotency-Key: note-1\r\n";
    String note = Json.text(Json.object().put("cmd", "cue.note").set("args", args("text", "on the fast path")));

    byte[] first = plain(path, staff, note);
    byte[] repeat = chunked(path, staff, note);
    byte[] again = plain(path, staff, note);

    assertThat(text(first)).startsWith("HTTP/1.1 200 OK\r\n")
        .contains("X-Content-Type-Options: nosniff\r\n", "content-type: application/json; charset=utf-8\r\n",
            "cache-control: no-store\r\n")
        .contains("\"ok\":true");
    assertThat(text(repeat)).isEqualTo(text(first));
    assertThat(text(again)).isEqualTo(text(first));
  }

  @Test
  @DisplayName("refusals are the same both ways: bad JSON, unknown command, bad arguments, no identity, no right, no show")
  void sameRefusals() throws Exception {
    Api.Show show = api.liveSampleShow("fast refusals");
    String path = commands(show);
    String staff = "Authorization: Bearer " + show.controlToken() + "\r\n";
    List<String[]> cases = List.of(
        new String[] {path, staff, "{\"cmd\":"},
        new String[] {path, staff, "[1,2]"},
        new String[] {path, staff, ""},
        new String[] {path, staff, "{\"cmd\":\"no.such\"}"},
        new String[] {path, staff, "{\"cmd\":\"cue.note\",\"args\":{}}"},
        new String[] {path, "", "{\"cmd\":\"cue.note\",\"args\":{\"text\":\"x\"}}"},
        new String[] {path, "Authorization: Bearer wrong\r\n", "{\"cmd\":\"cue.note\",\"args\":{\"text\":\"x\"}}"},
        new String[] {path, "X-Viewer: v-1\r\n", "{\"cmd\":\"cue.note\",\"args\":{\"text\":\"x\"}}"},
        new String[] {path, "X-Viewer: not ok!\r\n", "{\"cmd\":\"comment.post\",\"args\":{\"text\":\"x\"}}"},
        new String[] {path, staff + "Idempotency-Key: " + "k".repeat(129) + "\r\n",
            "{\"cmd\":\"cue.note\",\"args\":{\"text\":\"x\"}}"},
        new String[] {"/api/shows/noSuchShow/commands", staff, "{\"cmd\":\"cue.note\",\"args\":{\"text\":\"x\"}}"});
    for (String[] c : cases) {
      byte[] fast = plain(c[0], c[1], c[2]);
      assertThat(text(fast)).as(c[2]).doesNotStartWith("HTTP/1.1 200").contains("X-Content-Type-Options: nosniff\r\n")
          .contains("\"error\":{\"code\":");
      assertThat(text(chunked(c[0], c[1], c[2]))).as(c[2]).isEqualTo(text(fast));
    }
  }

  @Test
  @DisplayName("a client that asks for gzip gets a large answer gzipped, the same bytes as through the Router")
  void compressionAsked() throws Exception {
    Api.Show show = api.liveSampleShow("fast gzip");
    String path = commands(show);
    String headers = "Authorization: Bearer " + show.controlToken() + "\r\nAccept-Encoding: gzip\r\n";
    // the refusal names the unknown command: long enough, its answer is larger than COMPRESS_FROM_BYTES
    String unknown = "{\"cmd\":\"no.such." + "long-enough-to-be-worth-compressing.".repeat(40) + "\",\"args\":{}}";

    byte[] fast = plain(path, headers, unknown);

    String answer = text(fast);
    assertThat(answer.toLowerCase(Locale.ROOT)).contains("content-encoding: gzip\r\n");
    byte[] zipped = java.util.Arrays.copyOfRange(fast, answer.indexOf("\r\n\r\n") + 4, fast.length);
    String body = new String(new GZIPInputStream(new java.io.ByteArrayInputStream(zipped)).readAllBytes(),
        StandardCharsets.UTF_8);
    assertThat(body).contains("\"code\":\"INVALID_ARGUMENT\"");
    assertThat(body.length()).isGreaterThan(ApiServer.COMPRESS_FROM_BYTES);
    assertThat(chunked(path, headers, unknown)).isEqualTo(fast);
  }

  @Test
  @DisplayName("only a plain JSON request of a declared length within the limit, at a plain path, is taken")
  void takesOnlyPlainRequests() throws Exception {
    List<String> taken = new ArrayList<>();
    CommandEndpoint endpoint = new CommandEndpoint((request, showId, body) -> {
      taken.add(showId + " " + body.toString(StandardCharsets.UTF_8));
      request.response().end();
    });
    Vertx vertx = Vertx.vertx();
    try {
      HttpServer listening = vertx.createHttpServer().requestHandler(request -> {
        if (!endpoint.take(request)) {
          request.response().setStatusCode(299).end();
        }
      }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      int port = listening.actualPort();
      String body = "{\"cmd\":\"x\"}";
      String json = "Content-Type: application/json\r\n";
      String length = "Content-Length: " + body.length() + "\r\n";

      assertThat(status(port, "POST /api/shows/s-1_A/commands", json + length, body)).isEqualTo(200);
      assertThat(status(port, "POST /api/shows/s2/commands?x=1", "Content-Type: Application/JSON; charset=utf-8\r\n"
          + length, body)).isEqualTo(200);
      assertThat(taken).containsExactly("s-1_A " + body, "s2 " + body);

      // what the Router is to have
      assertThat(status(port, "GET /api/shows/s1/commands", json + length, body)).isEqualTo(299);
      assertThat(status(port, "PUT /api/shows/s1/commands", json + length, body)).isEqualTo(299);
      assertThat(status(port, "POST /api/shows/s1/commands/", json + length, body)).isEqualTo(299);
      assertThat(status(port, "POST /api/shows//commands", json + length, body)).isEqualTo(299);
      assertThat(status(port, "POST /api/shows/s%31/commands", json + length, body)).isEqualTo(299);
      assertThat(status(port, "POST /api/shows/./commands", json + length, body)).isEqualTo(299);
      assertThat(status(port, "POST /api/shows/a/../b/commands", json + length, body)).isEqualTo(299);
      assertThat(status(port, "POST /api/shows/" + "a".repeat(65) + "/commands", json + length, body)).isEqualTo(299);
      assertThat(status(port, "POST /api/shows/s1/commands", length, body)).isEqualTo(299);
      assertThat(status(port, "POST /api/shows/s1/commands", "Content-Type: application/x-www-form-urlencoded\r\n"
          + length, body)).isEqualTo(299);
      assertThat(status(port, "POST /api/shows/s1/commands", "Content-Type: multipart/form-data; boundary=b\r\n"
          + length, body)).isEqualTo(299);
      assertThat(status(port, "POST /api/shows/s1/commands", "Content-Type: application/jsonx\r\n" + length, body))
          .isEqualTo(299);
      assertThat(status(port, "POST /api/shows/s1/commands", json + length + "Expect: 100-continue\r\n", body))
          .isEqualTo(299);
      assertThat(status(port, "POST /api/shows/s1/commands", json + "Content-Length: "
          + (ApiServer.BODY_LIMIT + 1) + "\r\n", "")).isEqualTo(299);
      assertThat(taken).hasSize(2);
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  /** The status of one request on a connection of its own. */
  private static int status(int port, String requestLine, String headers, String body) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write((requestLine + " HTTP/1.1\r\nHost: localhost\r\n" + headers + "\r\n" + body)
          .getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      String answer = new String(readAnswer(socket.getInputStream()), StandardCharsets.ISO_8859_1);
      return Integer.parseInt(answer.substring(9, 12));
    }
  }

  @Test
  @DisplayName("the show id in the endpoint's path is the protocol's: 1 to 64 letters, digits, _ and -")
  void showIds() {
    assertThat(CommandEndpoint.showId("/api/shows/Ab_9-z/commands")).isEqualTo("Ab_9-z");
    assertThat(CommandEndpoint.showId("/api/shows/" + "a".repeat(64) + "/commands")).hasSize(64);
    assertThat(CommandEndpoint.showId("/api/shows/" + "a".repeat(65) + "/commands")).isNull();
    assertThat(CommandEndpoint.showId("/api/shows//commands")).isNull();
    assertThat(CommandEndpoint.showId("/api/shows/commands")).isNull();
    assertThat(CommandEndpoint.showId("/api/shows/a.b/commands")).isNull();
    assertThat(CommandEndpoint.showId("/api/shows/a/b/commands")).isNull();
    assertThat(CommandEndpoint.showId("/api/shows/ä/commands")).isNull();
    assertThat(CommandEndpoint.showId("/api/shows/a/commandsx")).isNull();
  }
}
