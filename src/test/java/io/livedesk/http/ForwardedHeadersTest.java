package io.livedesk.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.livedesk.testing.Api;
import io.livedesk.testing.TestServer;
import io.vertx.core.MultiMap;
import io.vertx.core.net.SocketAddress;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("X-Forwarded-* headers are believed only from the configured proxies")
class ForwardedHeadersTest {

  private static final ForwardedHeaders BEHIND_PROXY = new ForwardedHeaders(List.of("10.0.0.5", "::1"));

  private static MultiMap headers(String... namesAndValues) {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      headers.add(namesAndValues[i], namesAndValues[i + 1]);
    }
    return headers;
  }

  private static SocketAddress peer(String address) {
    return SocketAddress.inetSocketAddress(40_000, address);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
      # what it shows | peer | X-Forwarded-For | -Proto | -Host | TLS | → address | secure | host
      from a trusted proxy: the client is the last untrusted hop, and its scheme and host count \
          | 10.0.0.5 | 6.6.6.6, 203.0.113.7 | https | live.shop.example | false | 203.0.113.7 | true | live.shop.example
      from anyone else the headers are the client's own words and are ignored \
          | 198.51.100.9 | 10.0.0.5 | https | live.shop.example | false | 198.51.100.9 | false | 127.0.0.1:8080
      a hop that is not an address, or a host that is not a host, stops what is believed \
          | 10.0.0.5 | 203.0.113.7, unknown | gopher | evil.example/path? | true | 10.0.0.5 | false | 127.0.0.1:8080
      """)
  @DisplayName("a request for Host 127.0.0.1:8080 with the three X-Forwarded-* headers")
  void forwardedRequest(String situation, String peer, String forwardedFor, String proto, String host, boolean tls,
      String address, boolean secure, String publicHost) {
    ForwardedHeaders.Client client = BEHIND_PROXY.client(peer(peer), headers("Host", "127.0.0.1:8080",
        "X-Forwarded-For", forwardedFor, "X-Forwarded-Proto", proto, "X-Forwarded-Host", host), tls);

    assertThat(client).isEqualTo(new ForwardedHeaders.Client(address, secure, publicHost));
  }

  @Test
  @DisplayName("a chain through several trusted proxies ends at the first address that is not one")
  void chainOfProxies() {
    ForwardedHeaders.Client client = BEHIND_PROXY.client(peer("::1"), headers(
        "X-Forwarded-For", "198.51.100.2", "X-Forwarded-For", "10.0.0.5"), true);

    assertThat(client.address()).isEqualTo("198.51.100.2");
    assertThat(client.secure()).as("no X-Forwarded-Proto: the connection's own").isTrue();
  }

  @Test
  @DisplayName("with no proxy configured nobody is believed")
  void noProxyConfigured() {
    assertThat(new ForwardedHeaders(List.of()).client(peer("10.0.0.5"), headers("X-Forwarded-For", "1.2.3.4"),
        false).address()).isEqualTo("10.0.0.5");
  }

  @Test
  @DisplayName("only literal addresses are proxies: names and ranges are not")
  void literalsOnly() {
    assertThat(ForwardedHeaders.isLiteral("10.0.0.5")).isTrue();
    assertThat(ForwardedHeaders.isLiteral("::1")).isTrue();
    assertThat(ForwardedHeaders.isLiteral("[2001:db8::1]")).isTrue();
    assertThat(ForwardedHeaders.isLiteral("proxy.example")).isFalse();
    assertThat(ForwardedHeaders.isLiteral("10.0.0.0/8")).isFalse();
    assertThat(ForwardedHeaders.isLiteral("256.1.1.1")).isFalse();
  }

  /** The status line a WebSocket upgrade from a page of {@code origin} gets, sent with {@code extra} headers. */
  static String upgrade(int port, String showId, String origin, String extra) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      String request = "GET /ws/shows/" + showId + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n"
          + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
          + "Sec-WebSocket-Version: 13\r\nOrigin: " + origin + "\r\n" + extra + "\r\n";
      socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
      StringBuilder line = new StringBuilder();
      int b;
      while ((b = socket.getInputStream().read()) >= 0 && b != '\r') {
        line.append((char) b);
      }
      return line.toString();
    }
  }

  private static final String PROXIED = "X-Forwarded-Host: live.shop.example\r\nX-Forwarded-Proto: https\r\n";

  @RegisterExtension
  static final TestServer server = TestServer.forClass(config -> config.putObject("http")
      .putArray("trustedProxies").add("127.0.0.1"));

  @Test
  @DisplayName("behind a trusted proxy the Origin check accepts a page of the public host, and still refuses another")
  void originOfThePublicHost() throws Exception {
    Api.Show show = server.api().createShow("代理之后");

    assertThat(upgrade(server.port(), show.id(), "https://live.shop.example", PROXIED)).contains(" 101 ");
    assertThat(upgrade(server.port(), show.id(), "https://evil.example", PROXIED)).contains(" 403 ");
  }

  @Test
  @DisplayName("from a peer that is not the configured proxy the forwarded host is not believed")
  void forwardedHostIgnored() throws Exception {
    try (TestServer elsewhere = TestServer.start(TestServer.config(config -> config.putObject("http")
        .putArray("trustedProxies").add("10.0.0.5")), System::currentTimeMillis)) {
      Api.Show show = elsewhere.api().createShow("伪造的代理头");

      assertThat(upgrade(elsewhere.port(), show.id(), "https://live.shop.example", PROXIED)).contains(" 403 ");
      assertThat(upgrade(elsewhere.port(), show.id(), "http://127.0.0.1:" + elsewhere.port(), PROXIED))
          .contains(" 101 ");
    }
  }
}
