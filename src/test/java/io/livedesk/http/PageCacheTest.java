package io.livedesk.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.livedesk.testing.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("pages: kept by the browser, asked about each time, never served stale")
class PageCacheTest {

  @RegisterExtension
  static final TestServer server = TestServer.forClass();
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private static HttpResponse<String> get(String path, String... headers) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.baseUrl() + path));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  @DisplayName("a page and a script carry Last-Modified and no-cache; asked again with it, the answer is 304 and empty")
  void revalidated() throws Exception {
    for (String path : new String[] {"/viewer/", "/lib/live.js"}) {
      HttpResponse<String> first = get(path);
      assertThat(first.statusCode()).as(path).isEqualTo(200);
      assertThat(first.body()).as(path).isNotEmpty();
      assertThat(first.headers().firstValue("Cache-Control")).as(path).hasValue("no-cache");
      String lastModified = first.headers().firstValue("Last-Modified").orElseThrow();

      HttpResponse<String> again = get(path, "If-Modified-Since", lastModified);

      assertThat(again.statusCode()).as(path).isEqualTo(304);
      assertThat(again.body()).as(path).isEmpty();
      assertThat(again.headers().firstValue("Cache-Control")).as(path).hasValue("no-cache");
      assertThat(again.headers().firstValue("Content-Security-Policy")).as(path).isPresent();
    }
  }

  @Test
  @DisplayName("an error answered on the pages' route is not to be kept: no-store, as every error")
  void errorsNotKept() throws Exception {
    HttpResponse<String> answer = get("/lib/live.js", "Range", "bytes=999999-1000000");

    assertThat(answer.statusCode()).isBetween(400, 499);
    assertThat(answer.body()).contains("\"error\"");
    assertThat(answer.headers().firstValue("Cache-Control")).hasValue("no-store");
  }

  @Test
  @DisplayName("a browser that kept an older copy gets the page again")
  void olderCopyReplaced() throws Exception {
    HttpResponse<String> answer = get("/lib/live.js", "If-Modified-Since", "Thu, 01 Jan 2015 00:00:00 GMT");

    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.body()).isNotEmpty();
  }
}
