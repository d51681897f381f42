package io.livedesk.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.livedesk.json.Json;
import io.livedesk.testing.Api;
import io.livedesk.testing.SelfSigned;
import io.livedesk.testing.ServerProcess;
import io.livedesk.testing.TestServer;
import io.livedesk.testing.WsClient;
import java.io.IOException;
import java.math.BigInteger;
import java.net.Socket;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("TLS: HTTPS and WSS on the server's port, and a renewed certificate taken without a restart")
class TlsTest {

  private static final long PATIENCE_MILLIS = 15_000;

  private final Path dir = Files.createTempDirectory("livedesk-tls");
  private final SelfSigned first = SelfSigned.make(dir, "server", 1001);

  @RegisterExtension
  final TestServer server = TestServer.forEachTest(TestServer.config(config -> config.putObject("http")
      .set("tls", Json.object().put("cert", first.cert().toString()).put("key", first.key().toString())
          .put("checkSeconds", 1))), System::currentTimeMillis);

  private final List<String> log = new CopyOnWriteArrayList<>();
  private final Logger watchLog = Logger.getLogger(CertificateWatch.class.getName());
  private final Handler capture = new Handler() {
    @Override
    public void publish(LogRecord record) {
      log.add(record.getLevel() + " " + record.getMessage());
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
  };

  TlsTest() throws Exception {
  }

  @BeforeEach
  void listen() {
    watchLog.addHandler(capture);
  }

  @AfterEach
  void stopListening() {
    watchLog.removeHandler(capture);
  }

  @Test
  @DisplayName("the API and the sockets speak HTTPS and WSS with the configured certificate; plain HTTP gets no page")
  void httpsAndWss() throws Exception {
    assertThat(server.baseUrl()).isEqualTo("https://127.0.0.1:" + server.port());
    HttpClient client = SelfSigned.client(List.of(first));
    Api api = new Api(server::baseUrl, client);

    Api.Show show = api.liveSampleShow("直播 over TLS");
    assertThat(api.get("/health", Map.of()).json().path("status").asText()).isEqualTo("UP");
    try (WsClient control = control(client, show)) {
      control.awaitType("welcome");
      JsonNode reply = control.command("announce.publish", announcement("今晚包邮"));
      assertThat(reply.path("ok").asBoolean()).as(reply.toString()).isTrue();
    }
    assertThat(SelfSigned.servedSerial(server.port(), List.of(first))).isEqualTo(first.serial());
    assertThat(plainHttpAnswer(server.port())).doesNotContain("HTTP/1.1 200");
  }

  @Test
  @DisplayName("a renewed pair serves new connections while an open WebSocket keeps working on the old one")
  void renewalKeepsOpenSockets() throws Exception {
    SelfSigned renewed = SelfSigned.make(dir, "renewed", 2002);
    List<SelfSigned> both = List.of(first, renewed);
    HttpClient client = SelfSigned.client(both);
    Api.Show show = new Api(server::baseUrl, client).liveSampleShow("续期");

    try (WsClient control = control(client, show); WsClient prompter = WsClient.connect(client,
        wssUrl(show), WsClient.connectFrame("prompter", show.prompterToken(), null, null))) {
      control.awaitType("welcome");
      prompter.awaitType("welcome");

      renewed.installAs(first);
      awaitServedSerial(renewed.serial(), both);

      JsonNode reply = control.command("announce.publish", announcement("续期之后"));
      assertThat(reply.path("ok").asBoolean()).as(reply.toString()).isTrue();
      assertThat(prompter.awaitEvent("announce.published").path("data").path("text").asText()).isEqualTo("续期之后");
    }
    assertThat(log).anyMatch(line -> line.contains("now serving") && line.contains(renewed.serial().toString(16)));
    Api renewedOnly = new Api(server::baseUrl, SelfSigned.client(List.of(renewed)));
    assertThat(renewedOnly.get("/health", Map.of()).status()).isEqualTo(200);
  }

  @Test
  @DisplayName("a broken or mismatched replacement is refused with a log line and the pair in service stays")
  void brokenReplacementKeepsTheOldPair() throws Exception {
    SelfSigned other = SelfSigned.make(dir, "other", 3003);
    List<SelfSigned> all = List.of(first, other);

    SelfSigned.replace(Arrays.copyOf(first.certPem(), 300), first.cert());
    awaitLog("refused");
    assertThat(SelfSigned.servedSerial(server.port(), all)).isEqualTo(first.serial());

    // the other certificate with the first one's key: both files parse, but they are not a pair
    SelfSigned.replace(other.certPem(), first.cert());
    awaitLog("is not the key of the certificate");
    assertThat(SelfSigned.servedSerial(server.port(), all)).isEqualTo(first.serial());
    assertThat(new Api(server::baseUrl, SelfSigned.client(List.of(first))).get("/health", Map.of()).status())
        .isEqualTo(200);

    // its key follows: now the files hold a whole pair again, and it is taken
    SelfSigned.replace(other.keyPem(), first.key());
    awaitServedSerial(other.serial(), all);
  }

  @Test
  @DisplayName("the server process prints 'livedesk listening on https://HOST:PORT' and refuses a start with an unusable pair")
  void processListensOnHttps() throws Exception {
    Map<String, String> env = Map.of("LIVEDESK_ADMIN_TOKEN", TestServer.ADMIN_TOKEN,
        "LIVEDESK_TLS_CERT", first.cert().toString(), "LIVEDESK_TLS_KEY", first.key().toString());
    try (ServerProcess process = ServerProcess.start(Files.createTempDirectory("livedesk-tls-process"), env)) {
      assertThat(process.baseUrl()).isEqualTo("https://127.0.0.1:" + process.port());
    }

    SelfSigned other = SelfSigned.make(dir, "mismatch", 4004);
    Map<String, String> mismatched = Map.of("LIVEDESK_TLS_CERT", first.cert().toString(),
        "LIVEDESK_TLS_KEY", other.key().toString());
    assertThatThrownBy(() -> ServerProcess.start(Files.createTempDirectory("livedesk-tls-bad"), mismatched))
        .hasMessageContaining("exited with 1")
        .hasMessageContaining("is not the key of the certificate");
  }

  private WsClient control(HttpClient client, Api.Show show) throws Exception {
    return WsClient.connect(client, wssUrl(show), WsClient.connectFrame("control", show.controlToken(), null, null));
  }

  private String wssUrl(Api.Show show) {
    return "wss://127.0.0.1:" + server.port() + "/ws/shows/" + show.id();
  }

  private static ObjectNode announcement(String text) {
    ObjectNode args = Json.object();
    args.put("text", text);
    return args;
  }

  private void awaitServedSerial(BigInteger serial, List<SelfSigned> trusted) throws Exception {
    long deadline = System.currentTimeMillis() + PATIENCE_MILLIS;
    BigInteger served = SelfSigned.servedSerial(server.port(), trusted);
    while (!served.equals(serial) && System.currentTimeMillis() < deadline) {
      Thread.sleep(200);
      served = SelfSigned.servedSerial(server.port(), trusted);
    }
    assertThat(served).as("the serial new connections see").isEqualTo(serial);
  }

  private void awaitLog(String words) throws InterruptedException {
    long deadline = System.currentTimeMillis() + PATIENCE_MILLIS;
    while (log.stream().noneMatch(line -> line.contains(words)) && System.currentTimeMillis() < deadline) {
      Thread.sleep(100);
    }
    assertThat(log).as("the certificate watch's log").anyMatch(line -> line.contains(words));
    log.clear();
  }

  /** What a plain HTTP request to the TLS port gets back (nothing an HTTP client could use). */
  private static String plainHttpAnswer(int port) {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(5_000);
      socket.getOutputStream().write("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      return new String(socket.getInputStream().readNBytes(64), StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      return "";
    }
  }
}
