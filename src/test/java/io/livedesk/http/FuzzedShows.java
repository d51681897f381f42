package io.livedesk.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.livedesk.json.Json;
import io.livedesk.show.ErrorCode;
import io.livedesk.testing.Api;
import io.livedesk.testing.TestServer;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Shows in each state a public caller meets — a draft with no sheet, a draft with one, a live show with an
 * open lottery, an order, an announcement and a note, an ended show — kept in that state: a fuzzed command
 * that succeeds may start or end one, and then a fresh one replaces it. Also the protocol's answer rules.
 */
final class FuzzedShows implements AutoCloseable {

  /** The state a show is kept in. */
  enum Stage { BARE, DRAFT, LIVE, ENDED }

  /** Who calls: the show's two staff tokens, a viewer, the admin. */
  enum Caller { CONTROL, PROMPTER, VIEWER, ADMIN }

  /** A show and the ids its fixture created. */
  record Fixture(Stage stage, Api.Show show, String lotteryId, String orderId, String announcementId, String noteId) {}

  static final String PAYMENT_SECRET = "fuzz-payment-secret";
  static final List<String> ITEM_IDS = List.of("MAIN-A", "MAIN-B", "BACKUP-C", "PRIZE-D");
  static final String FAN = "fan-1";
  /** Events that happen without a command: sockets coming and going, holds and countdowns running out. */
  static final Set<String> BACKGROUND_KINDS = Set.of("viewer.joined", "viewer.left", "order.expired", "lottery.closed");
  private static final Set<String> CODES = Set.of(ErrorCode.values()).stream().map(Enum::name)
      .collect(java.util.stream.Collectors.toUnmodifiableSet());

  private final TestServer server;
  private final Api api;
  private final Map<Stage, Fixture> fixtures = new EnumMap<>(Stage.class);

  private FuzzedShows(TestServer server) {
    this.server = server;
    this.api = server.api();
  }

  /** A server of its own, configured for fuzzing, whose shows this keeps; closing this closes the server. */
  static FuzzedShows start() throws Exception {
    return new FuzzedShows(TestServer.start(config(), System::currentTimeMillis));
  }

  /** The configuration the fuzzed server runs with: viewers limited only far above the fuzzing pace. */
  private static ObjectNode config() {
    ObjectNode config = Json.object();
    config.putObject("viewers").put("commandsPerSecond", 100_000).put("commandBurst", 100_000);
    config.putObject("payments").put("webhookSecret", PAYMENT_SECRET);
    return config;
  }

  Api api() {
    return api;
  }

  TestServer server() {
    return server;
  }

  /** The show of that stage, rebuilt when a fuzzed command moved the last one on. */
  Fixture fixture(Stage stage) {
    Fixture fixture = fixtures.get(stage);
    if (fixture == null || !inStage(snapshot(fixture), stage)) {
      fixture = build(stage);
      fixtures.put(stage, fixture);
    }
    return fixture;
  }

  /** Whether a show is still in its stage: a fuzzed upload may give the bare show a sheet, a command may end one. */
  private static boolean inStage(JsonNode snapshot, Stage stage) {
    String status = snapshot.path("status").asText();
    return switch (stage) {
      case BARE -> "draft".equals(status) && snapshot.path("items").isEmpty();
      case DRAFT -> "draft".equals(status);
      case LIVE -> "live".equals(status);
      case ENDED -> "ended".equals(status);
    };
  }

  static ObjectNode sheet() {
    ObjectNode sheet = Json.object();
    sheet.put("opening", "大家好");
    ArrayNode items = sheet.putArray("items");
    items.addObject().put("id", "MAIN-A").put("role", "main").put("name", "车厘子").put("listPriceCents", 10_000)
        .put("livePriceCents", 8_000).put("floorPriceCents", 5_000).put("stock", 100).put("limitPerViewer", 5)
        .set("tiers", Json.tree(List.of(Map.of("minUnits", 10, "priceCents", 7_000))));
    items.addObject().put("id", "MAIN-B").put("role", "main").put("name", "葡萄").put("listPriceCents", 5_000)
        .put("livePriceCents", 5_000).put("stock", 3);
    items.addObject().put("id", "BACKUP-C").put("role", "backup").put("name", "榴莲").put("listPriceCents", 20_000)
        .put("livePriceCents", 19_900).put("stock", 10);
    items.addObject().put("id", "PRIZE-D").put("role", "lottery").put("name", "福袋").put("winners", 3);
    return sheet;
  }

  private Fixture build(Stage stage) {
    Api.Show show = api.createShow("fuzz " + stage.name().toLowerCase(java.util.Locale.ROOT));
    if (stage == Stage.BARE) {
      return new Fixture(stage, show, null, null, null, null);
    }
    require(api.send("PUT", "/api/shows/" + show.id() + "/runsheet",
        Map.of("Authorization", "Bearer " + show.controlToken(), "Content-Type", "application/json"), Json.bytes(sheet())));
    if (stage == Stage.DRAFT) {
      return new Fixture(stage, show, null, null, null, null);
    }
    String control = show.controlToken();
    require(api.command(control, show.id(), "show.start", Json.object()));
    for (String item : List.of("MAIN-A", "MAIN-B", "BACKUP-C")) {
      require(api.command(control, show.id(), "item.list", Api.args("itemId", item)));
    }
    String lotteryId = require(api.command(control, show.id(), "lottery.open",
        Api.args("itemId", "PRIZE-D", "winners", 1, "rule", Map.of("type", "any")))).path("lotteryId").asText();
    String orderId = require(api.viewerCommand(FAN, show.id(), "order.place", Api.args("itemId", "MAIN-A", "qty", 1)))
        .path("orderId").asText();
    String announcementId = require(api.command(control, show.id(), "announce.publish", Api.args("text", "满299减30")))
        .path("announcementId").asText();
    String noteId = require(api.command(control, show.id(), "cue.note", Api.args("text", "慢一点"))).path("noteId").asText();
    if (stage == Stage.ENDED) {
      require(api.command(control, show.id(), "show.end", Json.object()));
    }
    return new Fixture(stage, show, lotteryId, orderId, announcementId, noteId);
  }

  private static JsonNode require(Api.Response response) {
    if (response.status() / 100 != 2) {
      throw new IllegalStateException("building a fuzzed show failed: " + response.status() + " " + response.text());
    }
    return response.json().path("result");
  }

  /** The headers that make a caller of this show: a bearer token, or a viewer id. */
  static Map<String, String> headers(Caller caller, Fixture fixture, String viewerId) {
    return switch (caller) {
      case CONTROL -> Api.bearer(fixture.show().controlToken());
      case PROMPTER -> Api.bearer(fixture.show().prompterToken());
      case VIEWER -> Api.viewer(viewerId);
      case ADMIN -> Api.bearer(TestServer.ADMIN_TOKEN);
    };
  }

  JsonNode snapshot(Fixture fixture) {
    Api.Response snapshot = api.get("/api/shows/" + fixture.show().id(), Api.bearer(fixture.show().controlToken()));
    assertThat(snapshot.status()).as("the staff snapshot answers: %s", snapshot.text()).isEqualTo(200);
    return snapshot.json();
  }

  /** The staff snapshot without what moves by itself: live figures and seconds on air. */
  JsonNode settledView(Fixture fixture) {
    ObjectNode view = (ObjectNode) snapshot(fixture);
    view.remove("figures");
    view.get("items").forEach(item -> ((ObjectNode) item).remove("airedSeconds"));
    return view;
  }

  /**
   * Asserts a rejected request left the show as it was: the same seq and settled snapshot, or, when events
   * happened meanwhile, only events no request causes.
   */
  void assertUnchanged(Fixture fixture, JsonNode before, String request) {
    JsonNode after = settledView(fixture);
    long seqBefore = before.path("seq").asLong();
    long seqAfter = after.path("seq").asLong();
    if (seqBefore == seqAfter) {
      assertThat(after).as("the show after the rejected %s", request).isEqualTo(before);
      return;
    }
    Api.Response events = api.get("/api/shows/" + fixture.show().id() + "/events?after=" + seqBefore + "&limit=1000",
        Api.bearer(fixture.show().controlToken()));
    List<String> kinds = new ArrayList<>();
    events.json().path("events").forEach(event -> kinds.add(event.path("kind").asText()));
    assertThat(kinds).as("events recorded after the rejected %s", request).isSubsetOf(BACKGROUND_KINDS);
  }

  /** The server still answers: a rejected or accepted request never takes it down. */
  void assertHealthy() {
    Api.Response health = api.get("/health", Map.of());
    assertThat(health.status()).as("health after the try: %s", health.text()).isEqualTo(200);
    assertThat(health.json().path("status").asText()).isEqualTo("UP");
  }

  /** An answer the protocol allows: one of {@code success}, or its error body with a code and that code's status. */
  static void assertProtocolAnswer(Api.Response response, Set<Integer> success, String request) {
    assertThat(response.status()).as("status of %s: %s", request, response.text()).isLessThan(500);
    if (success.contains(response.status())) {
      return;
    }
    assertThat(response.json()).as("a JSON error body for %s: %s", request, response.text()).isNotNull();
    assertErrorBody(response.json(), request);
    ErrorCode code = ErrorCode.valueOf(response.errorCode());
    assertThat(response.status()).as("the status of %s for %s", code, request).isEqualTo(code.httpStatus());
  }

  /** {@code {"error": {"code", "message", "details": [...]}}} with a documented code. */
  static void assertErrorBody(JsonNode body, String request) {
    JsonNode error = body.path("error");
    assertThat(error.isObject()).as("an error object for %s: %s", request, body).isTrue();
    assertThat(error.path("code").asText()).as("a documented code for %s", request).isIn(CODES);
    assertThat(error.path("message").isTextual()).as("a message for %s: %s", request, body).isTrue();
    assertThat(error.path("details").isArray()).as("details for %s: %s", request, body).isTrue();
  }

  /** The item ids and the lottery, order, announcement and note ids of the fixtures, as words for the generators. */
  List<String> idWords() {
    List<String> words = new ArrayList<>(ITEM_IDS);
    for (Fixture fixture : fixtures().values()) {
      for (String id : new String[] {fixture.lotteryId(), fixture.orderId(), fixture.announcementId(), fixture.noteId()}) {
        if (id != null && !words.contains(id)) {
          words.add(id);
        }
      }
    }
    return words;
  }

  Map<Stage, Fixture> fixtures() {
    Map<Stage, Fixture> all = new HashMap<>();
    for (Stage stage : Stage.values()) {
      all.put(stage, fixture(stage));
    }
    return all;
  }

  @Override
  public void close() throws Exception {
    server.close();
  }
}
