package io.livedesk.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.livedesk.testing.Api;
import io.livedesk.testing.TestServer;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("gzip for a client that asks: pages and large answers, never a command's small answer")
class CompressionTest {

  @RegisterExtension
  static final TestServer server = TestServer.forClass();
  static final Api api = server.api();
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private static HttpResponse<byte[]> get(String path, String... headers) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path)).header("Accept-Encoding", "gzip")
        .headers(headers.length == 0 ? new String[] {"X-Viewer", "v1"} : headers).build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  private static byte[] gunzip(byte[] body) throws Exception {
    return new GZIPInputStream(new ByteArrayInputStream(body)).readAllBytes();
  }

  @Test
  @DisplayName("an order's answer goes out as it is, over the fast path and through the Router: gzipped it is no smaller")
  void orderAnswerPlain() throws Exception {
    Api.Show show = api.liveSampleShow("plain answers");
    api.command(show.controlToken(), show.id(), "item.list", Api.args("itemId", "SHINE-MUSCAT-2"));
    String body = "{\"cmd\":\"order.place\",\"args\":{\"itemId\":\"SHINE-MUSCAT-2\",\"qty\":1}}";
    URI commands = URI.create(server.baseUrl() + "/api/shows/" + show.id() + "/commands");

    HttpResponse<String> fast = HTTP.send(HttpRequest.newBuilder(commands).header("Accept-Encoding", "gzip")
        .header("X-Viewer", "v1").header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    // a body of unknown length is left to the Router (CommandEndpoint takes only a declared length)
    HttpResponse<String> routed = HTTP.send(HttpRequest.newBuilder(commands).header("Accept-Encoding", "gzip")
        .header("X-Viewer", "v2").header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofString(body))).build(),
        HttpResponse.BodyHandlers.ofString());

    for (HttpResponse<String> answer : java.util.List.of(fast, routed)) {
      assertThat(answer.body()).contains("\"orderId\"").hasSizeLessThan(ApiServer.COMPRESS_FROM_BYTES);
      assertThat(answer.headers().firstValue("Content-Encoding")).isEmpty();
    }
  }

  @Test
  @DisplayName("over HTTP/2 (h2c) a small answer is gzipped as before, and the connection's next answers unzip")
  void http2KeepsCompressing() throws Exception {
    Api.Show show = api.liveSampleShow("h2c");
    api.command(show.controlToken(), show.id(), "item.list", Api.args("itemId", "SHINE-MUSCAT-2"));
    HttpClient h2 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
    HttpRequest snapshot = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/shows/" + show.id()))
        .header("Accept-Encoding", "gzip").header("X-Viewer", "v1").build();

    HttpResponse<byte[]> first = h2.send(snapshot, HttpResponse.BodyHandlers.ofByteArray());
    HttpResponse<byte[]> order = h2.send(HttpRequest.newBuilder(
            URI.create(server.baseUrl() + "/api/shows/" + show.id() + "/commands"))
        .header("Accept-Encoding", "gzip").header("X-Viewer", "v1").header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"cmd\":\"order.place\",\"args\":{\"itemId\":\"SHINE-MUSCAT-2\",\"qty\":1}}"))
        .build(), HttpResponse.BodyHandlers.ofByteArray());
    HttpResponse<byte[]> after = h2.send(snapshot, HttpResponse.BodyHandlers.ofByteArray());

    assertThat(order.version()).isEqualTo(HttpClient.Version.HTTP_2);
    assertThat(new String(decoded(order), java.nio.charset.StandardCharsets.UTF_8)).contains("\"orderId\"");
    for (HttpResponse<byte[]> answer : java.util.List.of(first, after)) {
      assertThat(new String(decoded(answer), java.nio.charset.StandardCharsets.UTF_8))
          .startsWith("{\"id\":\"" + show.id() + "\"");
    }
  }

  @Test
  @DisplayName("an HTTP/1.0 client gets a small answer without any Content-Encoding")
  void http10GetsNoLabel() throws Exception {
    URI base = URI.create(server.baseUrl());
    try (java.net.Socket socket = new java.net.Socket(base.getHost(), base.getPort())) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(("GET /health HTTP/1.0\r\nAccept-Encoding: gzip\r\n\r\n")
          .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
      String answer = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);

      assertThat(answer).startsWith("HTTP/1.0 200").contains("\"status\"");
      assertThat(answer.toLowerCase(java.util.Locale.ROOT)).doesNotContain("content-encoding");
    }
  }

  /** The body as sent, unzipped when it says gzip: what a client that asked for gzip reads. */
  private static byte[] decoded(HttpResponse<byte[]> answer) throws Exception {
    return answer.headers().firstValue("Content-Encoding").filter("gzip"::equalsIgnoreCase).isPresent()
        ? gunzip(answer.body()) : answer.body();
  }

  @Test
  @DisplayName("a page's script and a snapshot are gzipped, and unzip to what they are")
  void pagesAndSnapshotsGzipped() throws Exception {
    Api.Show show = api.liveSampleShow("gzipped pages");
    HttpResponse<byte[]> script = get("/lib/show-model.js");
    HttpResponse<byte[]> snapshot = get("/api/shows/" + show.id());

    assertThat(script.headers().firstValue("Content-Encoding")).hasValue("gzip");
    assertThat(gunzip(script.body())).isEqualTo(Files.readAllBytes(Path.of("web/lib/show-model.js")));
    assertThat(snapshot.headers().firstValue("Content-Encoding")).hasValue("gzip");
    assertThat(new String(gunzip(snapshot.body()), java.nio.charset.StandardCharsets.UTF_8))
        .startsWith("{\"id\":\"" + show.id() + "\"");
  }
}
