package io.livedesk.http;

import static io.livedesk.testing.Api.args;
import static io.livedesk.testing.Api.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.livedesk.json.Json;
import io.livedesk.testing.Api;
import io.livedesk.testing.TestServer;
import io.livedesk.testing.WsClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("staff members: accounts, sign-in, sessions, roles and names in history")
class StaffMembersTest {

  private static final long T0 = 1_800_000_000_000L;
  private static final Map<String, String> ADMIN = bearer(TestServer.ADMIN_TOKEN);

  private final AtomicLong clock = new AtomicLong(T0);

  @RegisterExtension
  final TestServer server = TestServer.forEachTest(TestServer.config(c -> c.putObject("auth")
      .put("failuresPerAddress", 8)), clock::get);

  private Api.Response addMember(String login, String name, String password, String role) {
    return server.api().post("/api/members", ADMIN, Json.object().put("login", login).put("name", name)
        .put("password", password).put("role", role));
  }

  private Api.Response signIn(String login, String password) {
    return server.api().post("/api/login", Map.of(), Json.object().put("login", login).put("password", password));
  }

  private String member(String login, String name, String role) {
    assertThat(addMember(login, name, "password-" + login, role).status()).isEqualTo(201);
    Api.Response signedIn = signIn(login, "password-" + login);
    assertThat(signedIn.status()).isEqualTo(200);
    return signedIn.json().path("token").asText();
  }

  @Test
  @DisplayName("a member signs in for a token and an HttpOnly SameSite=Strict cookie, and the data directory holds"
      + " no clear password")
  void signsIn() throws Exception {
    assertThat(addMember("li.na", "李娜", "correct horse battery", "control").status()).isEqualTo(201);

    Api.Response signedIn = server.api().send("POST", "/api/login", Map.of("Content-Type", "application/json"),
        Json.bytes(Json.object().put("login", "li.na").put("password", "correct horse battery")));
    Api.Response listed = server.api().get("/api/members", ADMIN);

    assertThat(signedIn.status()).isEqualTo(200);
    assertThat(signedIn.json().path("member").path("name").asText()).isEqualTo("李娜");
    assertThat(signedIn.json().path("member").path("role").asText()).isEqualTo("control");
    String token = signedIn.json().path("token").asText();
    assertThat(token).hasSizeGreaterThanOrEqualTo(43);
    JsonNode me = server.api().get("/api/me", bearer(token)).json();
    assertThat(me.path("member").path("login").asText()).isEqualTo("li.na");
    assertThat(server.api().get("/api/me", Map.of("Cookie", "livedesk_session=" + token)).status()).isEqualTo(200);
    assertThat(listed.json().path("members").get(0).has("password")).isFalse();
    assertThat(listed.json().toString()).doesNotContain("argon2");
    assertThat(storedText(server.dataDir())).doesNotContain("correct horse battery").doesNotContain(token)
        .contains("$argon2id$v=19$m=19456,t=2,p=1$");
  }

  @Test
  @DisplayName("the session cookie is HttpOnly, SameSite=Strict, for the whole site; logging out ends the session")
  void cookieAndLogout() {
    addMember("wang", "王", "password-wang", "host");
    java.net.http.HttpResponse<String> raw = rawSignIn("wang", "password-wang");
    String cookie = raw.headers().firstValue("set-cookie").orElseThrow();
    String token = cookie.substring("livedesk_session=".length(), cookie.indexOf(';'));

    assertThat(cookie).contains("HttpOnly").contains("SameSite=Strict").contains("Path=/").doesNotContain("Secure");
    assertThat(server.api().post("/api/logout", bearer(token), Json.object()).status()).isEqualTo(200);
    assertThat(server.api().get("/api/me", bearer(token)).errorCode()).isEqualTo("UNAUTHORIZED");
  }

  private java.net.http.HttpResponse<String> rawSignIn(String login, String password) {
    try {
      return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
              java.net.URI.create(server.baseUrl() + "/api/login")).header("Content-Type", "application/json")
          .POST(java.net.http.HttpRequest.BodyPublishers.ofString(Json.text(Json.object().put("login", login)
              .put("password", password)))).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  @DisplayName("five failed sign-ins of a login lock it for the window, even with the right password; it opens again after")
  void locksALogin() {
    addMember("zhao", "赵", "password-zhao", "control");
    for (int i = 0; i < 5; i++) {
      assertThat(signIn("zhao", "wrong-password").errorCode()).isEqualTo("UNAUTHORIZED");
    }

    assertThat(signIn("zhao", "password-zhao").errorCode()).isEqualTo("RATE_LIMITED");
    clock.addAndGet(15 * 60_000L + 1);
    assertThat(signIn("zhao", "password-zhao").status()).isEqualTo(200);
  }

  @Test
  @DisplayName("failed sign-ins from one address lock it whatever the login, unknown logins included")
  void locksAnAddress() {
    addMember("qian", "钱", "password-qian", "control");
    for (int i = 0; i < 8; i++) {
      assertThat(signIn("nobody" + i, "wrong-password").errorCode()).isEqualTo("UNAUTHORIZED");
    }

    assertThat(signIn("qian", "password-qian").errorCode()).isEqualTo("RATE_LIMITED");
  }

  @Test
  @DisplayName("a session slides while used and ends after the session hours unused")
  void sessionExpires() {
    String token = member("sun", "孙", "analyst");

    clock.addAndGet(11 * 3_600_000L);
    assertThat(server.api().get("/api/me", bearer(token)).status()).isEqualTo(200);
    clock.addAndGet(11 * 3_600_000L);
    assertThat(server.api().get("/api/me", bearer(token)).status()).isEqualTo(200);
    clock.addAndGet(12 * 3_600_000L + 1);
    assertThat(server.api().get("/api/me", bearer(token)).errorCode()).isEqualTo("UNAUTHORIZED");
  }

  @Test
  @DisplayName("removing a member or resetting their password ends their sessions; the new password signs in")
  void revokes() {
    String removed = member("zhou", "周", "control");
    String reset = member("wu", "吴", "control");

    assertThat(server.api().send("DELETE", "/api/members/zhou", ADMIN, null).status()).isEqualTo(200);
    assertThat(server.api().send("PUT", "/api/members/wu/password", Map.of("Authorization",
        "Bearer " + TestServer.ADMIN_TOKEN, "Content-Type", "application/json"),
        Json.bytes(Json.object().put("password", "a-new-password")))).extracting(Api.Response::status).isEqualTo(200);

    assertThat(server.api().get("/api/me", bearer(removed)).errorCode()).isEqualTo("UNAUTHORIZED");
    assertThat(server.api().get("/api/me", bearer(reset)).errorCode()).isEqualTo("UNAUTHORIZED");
    assertThat(signIn("wu", "password-wu").errorCode()).isEqualTo("UNAUTHORIZED");
    assertThat(signIn("wu", "a-new-password").status()).isEqualTo(200);
    assertThat(server.api().send("DELETE", "/api/members/zhou", ADMIN, null).errorCode()).isEqualTo("NOT_FOUND");
  }

  @Test
  @DisplayName("members are refused what the admin alone does, and bad members are refused with INVALID_ARGUMENT")
  void adminOnly() {
    String control = member("zheng", "郑", "control");
    String admin = member("boss", "老板", "admin");

    assertThat(server.api().get("/api/members", bearer(control)).errorCode()).isEqualTo("FORBIDDEN");
    assertThat(server.api().get("/api/members", Map.of()).errorCode()).isEqualTo("UNAUTHORIZED");
    assertThat(server.api().get("/api/members", bearer(admin)).status()).isEqualTo(200);
    assertThat(server.api().post("/api/shows", bearer(admin), Json.object().put("title", "by the boss")).status())
        .isEqualTo(201);
    assertThat(addMember("zheng", "again", "password-again", "control").errorCode()).isEqualTo("CONFLICT");
    assertThat(addMember("control", "token", "password-token", "control").errorCode()).isEqualTo("INVALID_ARGUMENT");
    assertThat(addMember("short", "短", "short", "control").errorCode()).isEqualTo("INVALID_ARGUMENT");
    assertThat(addMember("viewer", "观众", "password-viewer", "viewer").errorCode()).isEqualTo("INVALID_ARGUMENT");
  }

  @Test
  @DisplayName("each role has its rights on every show: control runs it, a host acks, an analyst reads")
  void roles() throws Exception {
    Api.Show show = server.api().liveSampleShow("roles");
    String control = member("feng", "冯", "control");
    String host = member("chen", "陈", "host");
    String analyst = member("chu", "褚", "analyst");

    assertThat(server.api().command(control, show.id(), "item.set_price", args("itemId", "BANANA-5",
        "priceCents", 990, "confirm", true)).status()).isEqualTo(200);
    assertThat(server.api().command(host, show.id(), "item.set_price", args("itemId", "BANANA-5",
        "priceCents", 980, "confirm", true)).errorCode()).isEqualTo("FORBIDDEN");
    assertThat(server.api().command(host, show.id(), "cue.next", Json.object()).errorCode()).isEqualTo("FORBIDDEN");
    assertThat(server.api().command(analyst, show.id(), "cue.next", Json.object()).errorCode()).isEqualTo("FORBIDDEN");
    assertThat(server.api().get("/api/shows/" + show.id() + "/report", bearer(analyst)).status()).isEqualTo(200);
    assertThat(server.api().get("/api/shows/" + show.id(), bearer(analyst)).status()).isEqualTo(200);
    assertThat(server.api().get("/api/studio/shows", bearer(analyst)).status()).isEqualTo(200);
    assertThat(server.api().get("/api/shows/" + show.id() + "/events", bearer(analyst)).errorCode())
        .isEqualTo("FORBIDDEN");
    assertThat(server.api().get("/api/shows/" + show.id() + "/report", bearer(host)).errorCode())
        .isEqualTo("FORBIDDEN");
    assertThat(server.api().get("/api/shows/" + show.id() + "/report", bearer(show.controlToken())).status())
        .isEqualTo(200);
    try (WsClient prompter = server.staff(show, "prompter", host);
        WsClient refused = server.staff(show, "control", host)) {
      prompter.welcomed();
      assertThat(refused.awaitType("error").path("error").path("code").asText()).isEqualTo("FORBIDDEN");
    }
  }

  @Test
  @DisplayName("what a member does carries their login and name, in the audit and in the report and its CSV")
  void namesInHistory() throws Exception {
    Api.Show show = server.api().liveSampleShow("names");
    String control = member("han", "韩梅梅", "control");

    server.api().command(control, show.id(), "item.set_price", args("itemId", "BANANA-5", "priceCents", 990,
        "confirm", true));
    server.api().command(show.controlToken(), show.id(), "item.set_price", args("itemId", "BANANA-5",
        "priceCents", 980, "confirm", true));

    List<JsonNode> events = server.api().events(show);
    JsonNode changed = events.stream().filter(e -> e.path("kind").asText().equals("item.price_changed")).findFirst()
        .orElseThrow();
    assertThat(changed.path("actor").path("role").asText()).isEqualTo("control");
    assertThat(changed.path("actor").path("id").asText()).isEqualTo("han");
    assertThat(changed.path("actor").path("name").asText()).isEqualTo("韩梅梅");
    JsonNode report = server.api().get("/api/shows/" + show.id() + "/report", bearer(control)).json();
    assertThat(report.toString()).contains("\"byName\":\"韩梅梅\"").contains("\"byName\":\"control\"");
    String csv = server.api().get("/api/shows/" + show.id() + "/report.csv", bearer(control)).text();
    assertThat(csv).contains("调价人 (priceChangedBy)").contains("韩梅梅、control");
  }

  @Test
  @DisplayName("the staff sockets of a show are told which members are on it, and when one leaves")
  void presence() throws Exception {
    String control = member("yang", "杨", "control");
    String host = member("qin", "秦", "host");
    Api.Show show = server.api().liveSampleShow("presence");

    try (WsClient console = server.staff(show, "control", control)) {
      console.welcomed();
      assertThat(console.await(f -> f.path("type").asText().equals("staff")
          && f.path("members").size() == 1, 5000).path("members").get(0).path("name").asText()).isEqualTo("杨");
      try (WsClient prompter = server.staff(show, "prompter", host)) {
        prompter.welcomed();
        JsonNode both = console.await(f -> f.path("type").asText().equals("staff") && f.path("members").size() == 2,
            5000);
        assertThat(both.path("members").findValuesAsText("login")).containsExactly("yang", "qin");
      }
      assertThat(console.await(f -> f.path("type").asText().equals("staff") && f.path("members").size() == 1
          && f.path("members").get(0).path("login").asText().equals("yang"), 5000)).isNotNull();
    }
  }

  @Test
  @DisplayName("members and their sessions are there after a restart")
  void survivesRestart() throws Exception {
    String token = member("lu", "陆", "control");

    server.restart();

    assertThat(server.api().get("/api/me", bearer(token)).json().path("member").path("name").asText()).isEqualTo("陆");
    assertThat(signIn("lu", "password-lu").status()).isEqualTo(200);
  }

  static String storedText(Path dir) throws Exception {
    StringBuilder text = new StringBuilder();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        text.append(new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
      }
    }
    return text.toString();
  }
}
