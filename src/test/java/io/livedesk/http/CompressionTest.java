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
