package io.livedesk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.livedesk.testing.ServerProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("a bad configuration value stops the server before it starts, naming the key and why")
class ConfigurationCheckTest {

  private static Path file(String json) throws Exception {
    Path file = Files.createTempFile("livedesk-config", ".json");
    Files.writeString(file, json);
    return file;
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "priceGuard.maxCutFraction | {\"priceGuard\": {\"maxCutFraction\": 1.5}}",
      "priceGuard.maxCutFraction | {\"priceGuard\": {\"maxCutFraction\": 0}}",
      "orders.holdSeconds        | {\"orders\": {\"holdSeconds\": 0}}",
      "orders.holdSeconds        | {\"orders\": {\"holdSeconds\": \"ten\"}}",
      "http.port                 | {\"http\": {\"port\": 70000}}",
      "http.idleSeconds          | {\"http\": {\"idleSeconds\": -1}}",
      "payments.webhookSecret    | {\"payments\": {\"webhookSecret\": \"  \"}}",
      "viewers.signingSecret     | {\"viewers\": {\"signingSecret\": \"\"}}",
      "auth.adminToken           | {\"auth\": {\"adminToken\": \"\"}}",
      "engine                    | {\"engine\": \"cassandra\"}",
      "store                     | {\"store\": \"s3\"}",
      "viewers.commandBurst      | {\"viewers\": {\"commandBurst\": -5}}",
      "demo.maxViewers           | {\"demo\": {\"maxViewers\": 0}}",
      "host.canCue               | {\"host\": {\"canCue\": \"yes\"}}",
      "redis.leaseMillis         | {\"redis\": {\"leaseMillis\": 2}}",
      "priceGuard.maxCutFracton  | {\"priceGuard\": {\"maxCutFracton\": 0.3}}",
      "orders.holdSecs           | {\"orders\": {\"holdSecs\": 60}}",
      "transport                 | {\"transport\": \"kqueue\"}",
      "eventLoops                | {\"eventLoops\": -1}",
      "eventLoops                | {\"eventLoops\": 1025}",
      "postgres.schema           | {\"postgres\": {\"schema\": \"Live-Desk\"}}",
      "fanout.viewerTickSeconds  | {\"fanout\": {\"viewerTickSeconds\": 3601}}",
      "http.allowedOrigins       | {\"http\": {\"allowedOrigins\": [\"https://shop.example\", \" \"]}}",
      "http.allowedOrigins       | {\"http\": {\"allowedOrigins\": \"https://shop.example\"}}",
      "http.host.name            | {\"http\": {\"host\": {\"name\": \"a\"}}}",
      "http.host                 | {\"http\": {\"host\": \"0.0.0.0\"}}",
      "http.host                 | {\"http\": {\"host\": \"livedesk.example\"}}",
      "http.tls.key              | {\"http\": {\"tls\": {\"cert\": \"/etc/livedesk/cert.pem\"}}}",
      "http.tls.cert             | {\"http\": {\"tls\": {\"key\": \"/etc/livedesk/key.pem\"}}}",
      "http.tls.checkSeconds     | {\"http\": {\"tls\": {\"checkSeconds\": 0}}}",
      "http.allowPlainHttp       | {\"http\": {\"allowPlainHttp\": \"maybe\"}}",
      "http.trustedProxies       | {\"http\": {\"trustedProxies\": [\"proxy.example\"]}}",
      "http.trustedProxies       | {\"http\": {\"trustedProxies\": [\"10.0.0.0/8\"]}}",
  })
  @DisplayName("a bad value in the --config file names its key")
  void badFileValue(String key, String json) throws Exception {
    Path config = file(json);

    assertThatThrownBy(() -> Main.configuration(config, Map.of()))
        .isInstanceOfSatisfying(ConfigRules.Invalid.class, invalid -> assertThat(invalid.key()).isEqualTo(key))
        .hasMessageStartingWith(key + " ")
        .hasMessageNotContaining("\n");
  }

  @Test
  @DisplayName("a bad value from the environment names the key it sets")
  void badEnvironmentValue() {
    assertThatThrownBy(() -> Main.configuration(null, Map.of("LIVEDESK_ORDER_HOLD_SECONDS", "-10")))
        .isInstanceOfSatisfying(ConfigRules.Invalid.class,
            invalid -> assertThat(invalid.key()).isEqualTo("orders.holdSeconds"));
    assertThatThrownBy(() -> Main.configuration(null, Map.of("LIVEDESK_PORT", "eighty")))
        .isInstanceOfSatisfying(ConfigRules.Invalid.class, invalid -> assertThat(invalid.key()).isEqualTo("http.port"));
  }

  @Test
  @DisplayName("the packaged defaults, and secrets left out, are valid")
  void defaultsAreValid() throws Exception {
    assertThat(Main.configuration(null, Map.of())).isNotNull();
    assertThat(Main.configuration(file("{\"payments\": {\"webhookSecret\": null}, \"http\": {\"port\": 0}}"),
        Map.of("LIVEDESK_PAYMENT_SECRET", ""))).isNotNull();
  }

  @Test
  @DisplayName("the packaged defaults bind to the documented values")
  void defaultsBound() throws Exception {
    Config config = Main.configuration(null, Map.of());

    assertThat(config.http()).isEqualTo(new Config.Http("127.0.0.1", 8080, 30, List.of(), null, false, List.of()));
    assertThat(config.engine()).isEqualTo(Config.EngineKind.MEMORY);
    assertThat(config.store()).isEqualTo(Config.StoreKind.FILE);
    assertThat(config.transport()).isEqualTo(Config.Transport.AUTO);
    assertThat(config.eventLoops()).isZero();
    assertThat(config.nodeId()).isNull();
    assertThat(config.auth().adminToken()).isNull();
    assertThat(config.postgres()).isEqualTo(
        new Config.Postgres("postgresql://postgres@127.0.0.1:5432/postgres", null, 8));
    assertThat(config.redis()).isEqualTo(new Config.Redis("redis://127.0.0.1:6379", "livedesk", 5000, 10_000));
    assertThat(config.orders().holdSeconds()).isEqualTo(600);
    assertThat(config.fanout()).isEqualTo(new Config.Fanout(10_000, 5));
    assertThat(config.demo().maxViewers()).isEqualTo(2000);
  }

  @Test
  @DisplayName("each layer overrides the one before; a key given null keeps its default")
  void layers() throws Exception {
    Config config = Main.configuration(file("{\"http\": {\"port\": null, \"host\": \"0.0.0.0\", \"allowPlainHttp\": true},"
            + " \"engine\": null, \"orders\": {\"holdSeconds\": 30}, \"redis\": {\"keyPrefix\": \" \"}}"),
        Map.of("LIVEDESK_ORDER_HOLD_SECONDS", " 45 ", "LIVEDESK_STORE", "postgres"));

    assertThat(config.http().port()).isEqualTo(8080);
    assertThat(config.http().host()).isEqualTo("0.0.0.0");
    assertThat(config.engine()).isEqualTo(Config.EngineKind.MEMORY);
    assertThat(config.store()).isEqualTo(Config.StoreKind.POSTGRES);
    assertThat(config.orders().holdSeconds()).isEqualTo(45);
    assertThat(config.redis().keyPrefix()).isEqualTo("livedesk");
  }

  @Test
  @DisplayName("a value the check accepts with spaces around it is read the same way when the server starts")
  void spacedValuesReadAsChecked() throws Exception {
    Config config = Main.configuration(file("{\"http\": {\"port\": \" 8181 \"}, \"host\": {\"canCue\": \" true\"},"
        + " \"priceGuard\": {\"maxCutFraction\": \" 0.4 \"}}"), Map.of());
    assertThat(config.http().port()).isEqualTo(8181);
    assertThat(config.host().canCue()).isTrue();
    assertThat(config.priceGuard().maxCutFraction()).isEqualTo(0.4);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"127.0.0.1", "127.1.2.3", "localhost", "::1", "[::1]"})
  @DisplayName("plain HTTP on a loopback address needs nothing more")
  void loopbackServesPlainHttp(String host) throws Exception {
    Config config = Main.configuration(null, Map.of("LIVEDESK_HOST", host));

    assertThat(config.http().host()).isEqualTo(host);
    assertThat(config.http().tls()).isNull();
  }

  @Test
  @DisplayName("any other address serves plain HTTP only when the configuration says so, or with TLS")
  void otherAddressesNeedTlsOrConsent() throws Exception {
    assertThatThrownBy(() -> Main.configuration(null, Map.of("LIVEDESK_HOST", "0.0.0.0")))
        .hasMessageContaining("http.tls.cert").hasMessageContaining("http.allowPlainHttp");

    Config behindProxy = Main.configuration(file("{\"http\": {\"allowPlainHttp\": true,"
        + " \"trustedProxies\": [\" 10.0.0.5 \", \"::1\"]}}"), Map.of("LIVEDESK_HOST", "0.0.0.0"));
    assertThat(behindProxy.http().trustedProxies()).containsExactly("10.0.0.5", "::1");

    Config secure = Main.configuration(null, Map.of("LIVEDESK_HOST", "0.0.0.0",
        "LIVEDESK_TLS_CERT", "/etc/livedesk/cert.pem", "LIVEDESK_TLS_KEY", "/etc/livedesk/key.pem"));
    assertThat(secure.http().tls()).isEqualTo(
        new Config.Tls(Path.of("/etc/livedesk/cert.pem"), Path.of("/etc/livedesk/key.pem"), 10));
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource({
      "LIVEDESK_ORDER_HOLD_SECONDS, 0,       orders.holdSeconds",
      // plain HTTP beyond loopback: the line also says how to fix it
      "LIVEDESK_HOST,               0.0.0.0, http.host.*LIVEDESK_TLS_CERT.*http.allowPlainHttp",
  })
  @DisplayName("the server process exits with code 2 and one line on stderr naming the key")
  void processExitsWithTwo(String variable, String value, String says) throws Exception {
    Path dataDir = Files.createTempDirectory("livedesk-bad-config");

    assertThatThrownBy(() -> ServerProcess.start(dataDir, Map.of(variable, value)))
        .hasMessageContaining("exited with 2")
        .hasMessageMatching("(?s).*" + says + ".*");
  }
}
