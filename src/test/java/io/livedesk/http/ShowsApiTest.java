package io.livedesk.http;

import static io.livedesk.testing.Api.args;
import static io.livedesk.testing.Api.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.livedesk.json.Json;
import io.livedesk.testing.Api;
import io.livedesk.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("shows, run-sheets and snapshots over REST")
class ShowsApiTest {

  @RegisterExtension
  static final TestServer server = TestServer.forClass();
  static final Api api = server.api();

  static void assertError(Api.Response response, int status, String code) {
    assertThat(response.status()).as(response.text()).isEqualTo(status);
    assertThat(response.json()).as("an error body: %s", response.text()).isNotNull();
    assertThat(response.errorCode()).isEqualTo(code);
    assertThat(response.json().path("error").path("message").asText()).isNotBlank();
    assertThat(response.json().path("error").path("details").isArray()).isTrue();
  }

  static Api.Response putSheet(Api.Show show, String token, String contentType, byte[] body) {
    return api.send("PUT", "/api/shows/" + show.id() + "/runsheet",
        Map.of("Authorization", "Bearer " + token, "Content-Type", contentType), body);
  }

  static byte[] resource(String name) throws Exception {
    return Files.readAllBytes(Path.of("src/test/resources/runsheets", name));
  }

  @Test
  @DisplayName("creating a show needs the admin token: missing or wrong is 401 UNAUTHORIZED")
  void createNeedsAdmin() {
    ObjectNode body = Json.object().put("title", "no token");
    assertError(api.post("/api/shows", Map.of(), body), 401, "UNAUTHORIZED");
    assertError(api.post("/api/shows", bearer("not-the-admin"), body), 401, "UNAUTHORIZED");
    assertError(api.post("/api/shows", Map.of("Authorization", "Basic YWRtaW46YWRtaW4="), body), 401, "UNAUTHORIZED");
    assertError(api.get("/api/shows", bearer("not-the-admin")), 401, "UNAUTHORIZED");
  }

  @Test
  @DisplayName("the admin creates a show and gets two distinct tokens; the list shows it as a draft")
  void create() {
    ObjectNode body = Json.object().put("title", "周五鲜果专场").put("plannedStartAt", 1_750_000_000_000L)
        .put("plannedMinutes", 90).put("rehearsal", true);

    Api.Response created = api.post("/api/shows", bearer(TestServer.ADMIN_TOKEN), body);

    assertThat(created.status()).as(created.text()).isEqualTo(201);
    String id = created.json().get("id").asText();
    assertThat(created.json().get("controlToken").asText()).hasSizeGreaterThan(30)
        .isNotEqualTo(created.json().get("prompterToken").asText());
    JsonNode listed = api.get("/api/shows", bearer(TestServer.ADMIN_TOKEN)).json().get("shows");
    JsonNode mine = null;
    for (JsonNode show : listed) {
      if (show.get("id").asText().equals(id)) {
        mine = show;
      }
    }
    assertThat(mine).isNotNull();
    assertThat(mine.get("title").asText()).isEqualTo("周五鲜果专场");
    assertThat(mine.get("status").asText()).isEqualTo("draft");
    assertThat(mine.get("plannedStartAt").asLong()).isEqualTo(1_750_000_000_000L);
  }

  @Test
  @DisplayName("a show needs a title; bad fields and a body that is not JSON are 400 INVALID_ARGUMENT")
  void createInvalid() {
    Map<String, String> admin = bearer(TestServer.ADMIN_TOKEN);
    assertError(api.post("/api/shows", admin, Json.object()), 400, "INVALID_ARGUMENT");
    assertError(api.post("/api/shows", admin, Json.object().put("title", "x").put("plannedMinutes", "ninety")),
        400, "INVALID_ARGUMENT");
    assertError(api.send("POST", "/api/shows", Map.of("Authorization", "Bearer " + TestServer.ADMIN_TOKEN,
        "Content-Type", "application/json"), "{not json".getBytes()), 400, "INVALID_ARGUMENT");
  }

  @Test
  @DisplayName("the run-sheet loads from Excel CSV and from JSON, answering counts and planned time")
  void loadRunSheet() throws Exception {
    Api.Show show = api.createShow("csv and json");

    Api.Response csv = putSheet(show, show.controlToken(), "text/csv; charset=utf-8", resource("sample-runsheet.csv"));
    Api.Response json = putSheet(show, show.controlToken(), "application/json", resource("sample-runsheet.json"));

    for (Api.Response loaded : new Api.Response[] {csv, json}) {
      assertThat(loaded.status()).as(loaded.text()).isEqualTo(200);
      assertThat(loaded.json().get("items").asInt()).isEqualTo(34);
      assertThat(loaded.json().get("counts")).isEqualTo(Json.object().put("main", 24).put("backup", 4).put("lottery", 6));
      assertThat(loaded.json().get("plannedSeconds").asLong()).isEqualTo(7200);
      assertThat(loaded.json().get("warnings").isArray()).isTrue();
    }
    assertThat(json.json().get("seq").asLong()).isEqualTo(csv.json().get("seq").asLong() + 1);
  }

  @Test
  @DisplayName("a broken run-sheet is 400 with every problem's line and field, and nothing is loaded")
  void brokenRunSheet() throws Exception {
    Api.Show show = api.createShow("broken sheet");

    Api.Response refused = putSheet(show, show.controlToken(), "text/csv", resource("broken/bad-prices.csv"));

    assertError(refused, 400, "INVALID_ARGUMENT");
    JsonNode details = refused.json().path("error").path("details");
    assertThat(details).hasSize(6);
    assertThat(details.get(0).get("line").asInt()).isEqualTo(2);
    assertThat(details.get(0).get("field").asText()).isEqualTo("listPriceCents");
    assertThat(details.get(0).get("message").asText()).contains("12.5");
    assertError(putSheet(show, show.controlToken(), "application/json", resource("broken/malformed.json")),
        400, "INVALID_ARGUMENT");
    JsonNode snapshot = api.get("/api/shows/" + show.id(), bearer(show.controlToken())).json();
    assertThat(snapshot.get("seq").asLong()).isZero();
    assertThat(snapshot.get("items")).isEmpty();
  }

  @Test
  @DisplayName("the run-sheet cannot be replaced after the start (409 CONFLICT) nor by the prompter (403)")
  void runSheetAfterStart() throws Exception {
    Api.Show show = api.liveSampleShow("sheet after start");

    assertError(putSheet(show, show.controlToken(), "text/csv", resource("sample-runsheet.csv")), 409, "CONFLICT");
    assertError(putSheet(show, show.prompterToken(), "text/csv", resource("sample-runsheet.csv")), 403, "FORBIDDEN");
    assertError(putSheet(show, "wrong", "text/csv", resource("sample-runsheet.csv")), 401, "UNAUTHORIZED");
  }

  @Test
  @DisplayName("control and prompter get the full snapshot: scripts, floors, notes and figures")
  void staffSnapshot() {
    Api.Show show = api.liveSampleShow("staff snapshot");
    api.command(show.controlToken(), show.id(), "cue.note", args("text", "smile"));

    for (String token : new String[] {show.controlToken(), show.prompterToken()}) {
      Api.Response response = api.get("/api/shows/" + show.id(), bearer(token));
      assertThat(response.status()).isEqualTo(200);
      JsonNode snapshot = response.json();
      assertThat(snapshot.get("id").asText()).isEqualTo(show.id());
      assertThat(snapshot.get("status").asText()).isEqualTo("live");
      assertThat(snapshot.get("seq").asLong()).isEqualTo(4);
      assertThat(snapshot.get("cue").get("segment").asText()).isEqualTo("opening");
      assertThat(snapshot.get("opening").asText()).contains("欢迎");
      assertThat(snapshot.get("items")).hasSize(34);
      JsonNode first = snapshot.get("items").get(0);
      assertThat(first.get("id").asText()).isEqualTo("JJ-CHERRY-10");
      assertThat(first.get("script").asText()).isNotBlank();
      assertThat(first.get("floorPriceCents").asLong()).isEqualTo(29_900);
      assertThat(first.get("priceCents").asLong()).isEqualTo(49_900);
      assertThat(first.get("status").asText()).isEqualTo("pending");
      assertThat(snapshot.get("notes").get(0).get("text").asText()).isEqualTo("smile");
      assertThat(snapshot.get("figures").has("pv")).isTrue();
    }
  }

  @Test
  @DisplayName("a viewer gets the public snapshot: no scripts, floors, notes, or figures but online")
  void viewerSnapshot() {
    Api.Show show = api.liveSampleShow("viewer snapshot");
    api.command(show.controlToken(), show.id(), "cue.note", args("text", "secret note"));

    Api.Response response = api.get("/api/shows/" + show.id(), Api.viewer("viewer-1"));

    assertThat(response.status()).isEqualTo(200);
    JsonNode snapshot = response.json();
    assertThat(snapshot.get("items")).hasSize(34);
    assertThat(snapshot.has("notes")).isFalse();
    assertThat(snapshot.has("opening")).isFalse();
    assertThat(snapshot.has("priceChanges")).isFalse();
    for (JsonNode item : snapshot.get("items")) {
      assertThat(item.has("script")).isFalse();
      assertThat(item.has("floorPriceCents")).isFalse();
    }
    assertThat(snapshot.get("figures").size()).isEqualTo(1);
    assertThat(snapshot.get("figures").has("online")).isTrue();
    assertThat(response.text()).doesNotContain("secret note");
  }

  @Test
  @DisplayName("an unknown show is 404 NOT_FOUND with the error body; so is an unknown API path")
  void notFound() {
    assertError(api.get("/api/shows/s-no-such-show", bearer(TestServer.ADMIN_TOKEN)), 404, "NOT_FOUND");
    assertError(api.get("/api/nothing-here", Map.of()), 404, "NOT_FOUND");
    assertError(api.get("/api/shows/bad%20id", Map.of()), 404, "NOT_FOUND");
  }

  @Test
  @DisplayName("health says UP with the store's check; the OpenAPI description is served as YAML")
  void healthAndOpenApi() {
    Api.Response health = api.get("/health", Map.of());
    assertThat(health.status()).isEqualTo(200);
    assertThat(health.json().get("status").asText()).isEqualTo("UP");
    assertThat(health.json().get("checks").get("store").asText()).isEqualTo("UP");

    Api.Response openApi = api.get("/api/openapi.yaml", Map.of());
    assertThat(openApi.status()).isEqualTo(200);
    assertThat(openApi.text()).startsWith("openapi: 3.0").contains("/api/shows/{id}/commands");
  }
}
