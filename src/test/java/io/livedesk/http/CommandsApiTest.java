package io.livedesk.http;

import static io.livedesk.http.ShowsApiTest.assertError;
import static io.livedesk.testing.Api.args;
import static io.livedesk.testing.Api.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.livedesk.engine.WireFrames;
import io.livedesk.json.Json;
import io.livedesk.show.Vocabulary;
import io.livedesk.testing.Api;
import io.livedesk.testing.TestServer;
import io.livedesk.testing.WsClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("commands over REST and WebSocket, and who may send them")
class CommandsApiTest {

  @RegisterExtension
  static final TestServer server = TestServer.forClass();
  static final Api api = server.api();
  static final HttpClient VOCABULARY_CLIENT = HttpClient.newHttpClient();

  private static long seq(Api.Show show) {
    return api.get("/api/shows/" + show.id(), bearer(show.controlToken())).json().get("seq").asLong();
  }

  private static Api.Response post(Api.Show show, Map<String, String> headers, String cmd, ObjectNode args) {
    ObjectNode body = Json.object().put("cmd", cmd);
    body.set("args", args);
    return api.post("/api/shows/" + show.id() + "/commands", headers, body);
  }

  @Test
  @DisplayName("a REST command answers ok, the seq of its last event and its result")
  void restCommand() {
    Api.Show show = api.liveSampleShow("rest command");

    Api.Response published = api.command(show.controlToken(), show.id(), "announce.publish", args("text", "满299减30", "pinned", true));

    assertThat(published.status()).as(published.text()).isEqualTo(200);
    assertThat(published.json().get("ok").asBoolean()).isTrue();
    assertThat(published.json().get("seq").asLong()).isEqualTo(4);
    assertThat(published.json().get("result").get("announcementId").asText()).isEqualTo("a4");
    assertThat(seq(show)).isEqualTo(4);
  }

  @Test
  @DisplayName("a refused REST command has the error body with the domain code and its HTTP status")
  void restRejections() {
    Api.Show show = api.liveSampleShow("rest rejections");
    String control = show.controlToken();

    assertError(api.command(control, show.id(), "item.set_price", args("itemId", "JJ-CHERRY-10", "priceCents", 100)),
        409, "PRICE_GUARD");
    assertError(api.command(control, show.id(), "item.list", args("itemId", "NO-SUCH")), 404, "NOT_FOUND");
    assertError(api.command(control, show.id(), "item.set_stock", args("itemId", "BANANA-5", "stock", -1)),
        400, "INVALID_ARGUMENT");
    assertError(api.command(control, show.id(), "item.set_price", args("itemId", "BANANA-5", "priceCents", 9.5)),
        400, "INVALID_ARGUMENT");
    assertError(api.command(control, show.id(), "show.start", Json.object()), 409, "CONFLICT");
    assertError(api.command(control, show.id(), "no.such.command", Json.object()), 400, "INVALID_ARGUMENT");
    assertError(api.command(control, show.id(), "viewer.join", Json.object()), 400, "INVALID_ARGUMENT");
    assertError(api.send("POST", "/api/shows/" + show.id() + "/commands",
        Map.of("Authorization", "Bearer " + control, "Content-Type", "application/json"), "[1,2]".getBytes()),
        400, "INVALID_ARGUMENT");
    assertThat(seq(show)).isEqualTo(3);

    Api.Show draft = api.createShow("draft rejections");
    api.loadSampleSheet(draft);
    assertError(api.command(draft.controlToken(), draft.id(), "cue.next", Json.object()), 409, "SHOW_NOT_LIVE");
    api.command(control, show.id(), "show.end", Json.object());
    assertError(api.command(control, show.id(), "cue.next", Json.object()), 409, "SHOW_ENDED");
  }

  @Test
  @DisplayName("missing or wrong tokens get 401, a prompter or viewer sending control commands 403, and nothing changes")
  void authFailuresChangeNothing() {
    Api.Show show = api.liveSampleShow("auth failures");
    Api.Show other = api.createShow("another show");
    long before = seq(show);
    ObjectNode price = args("itemId", "BANANA-5", "priceCents", 1500);

    assertError(post(show, Map.of(), "item.set_price", price), 401, "UNAUTHORIZED");
    assertError(post(show, bearer("wrong-token"), "item.set_price", price), 401, "UNAUTHORIZED");
    assertError(post(show, bearer(other.controlToken()), "item.set_price", price), 401, "UNAUTHORIZED");
    assertError(post(show, Map.of("Authorization", "Bearer "), "item.set_price", price), 401, "UNAUTHORIZED");
    assertError(post(show, bearer(show.prompterToken()), "item.set_price", price), 403, "FORBIDDEN");
    assertError(post(show, bearer(show.prompterToken()), "show.end", Json.object()), 403, "FORBIDDEN");
    assertError(post(show, bearer(show.prompterToken()), "cue.next", Json.object()), 403, "FORBIDDEN");
    assertError(post(show, Api.viewer("viewer-1"), "item.set_price", price), 403, "FORBIDDEN");
    assertError(post(show, Api.viewer("viewer 1 with spaces"), "viewer.click", args("itemId", "BANANA-5")),
        400, "INVALID_ARGUMENT");
    assertError(api.get("/api/shows/" + show.id(), Map.of()), 401, "UNAUTHORIZED");
    assertError(api.get("/api/shows/" + show.id() + "/events", bearer(show.prompterToken())), 403, "FORBIDDEN");
    assertError(api.get("/api/shows/" + show.id() + "/events", Api.viewer("viewer-1")), 403, "FORBIDDEN");

    assertThat(seq(show)).isEqualTo(before);
    JsonNode banana = api.get("/api/shows/" + show.id(), bearer(show.controlToken())).json().get("items").get(3);
    assertThat(banana.get("id").asText()).isEqualTo("BANANA-5");
    assertThat(banana.get("priceCents").asLong()).isEqualTo(1990);
  }

  @Test
  @DisplayName("the admin token works as control on every show")
  void adminActsAsControl() {
    Api.Show show = api.liveSampleShow("admin as control");

    Api.Response listed = post(show, bearer(TestServer.ADMIN_TOKEN), "item.list", args("itemId", "BANANA-5"));

    assertThat(listed.status()).as(listed.text()).isEqualTo(200);
  }

  @Test
  @DisplayName("the prompter acknowledges notes over REST")
  void prompterAcks() {
    Api.Show show = api.liveSampleShow("prompter acks");
    String noteId = api.command(show.controlToken(), show.id(), "cue.note", args("text", "smile")).json()
        .get("result").get("noteId").asText();

    Api.Response acked = post(show, bearer(show.prompterToken()), "cue.ack", args("noteId", noteId));

    assertThat(acked.status()).as(acked.text()).isEqualTo(200);
    JsonNode note = api.get("/api/shows/" + show.id(), bearer(show.prompterToken())).json().get("notes").get(0);
    assertThat(note.get("ackedAt").isNumber()).isTrue();
  }

  @Test
  @DisplayName("a repeat with the same Idempotency-Key (header or body) returns the first answer and adds nothing")
  void idempotencyKey() {
    Api.Show show = api.liveSampleShow("idempotency");
    Map<String, String> headers = new HashMap<>(bearer(show.controlToken()));
    headers.put("Idempotency-Key", "publish-1");

    Api.Response first = post(show, headers, "announce.publish", args("text", "once"));
    Api.Response again = post(show, headers, "announce.publish", args("text", "twice?"));
    ObjectNode body = Json.object().put("cmd", "announce.publish").put("key", "publish-1");
    body.set("args", args("text", "thrice?"));
    Api.Response inBody = api.post("/api/shows/" + show.id() + "/commands", bearer(show.controlToken()), body);

    assertThat(first.status()).isEqualTo(200);
    assertThat(again.json()).isEqualTo(first.json());
    assertThat(inBody.json()).isEqualTo(first.json());
    assertThat(seq(show)).isEqualTo(4);
    assertThat(api.get("/api/shows/" + show.id(), bearer(show.controlToken())).json().get("announcements")).hasSize(1);
  }

  @Test
  @DisplayName("over WebSocket: replies carry ok, seq and result, or the error body; the prompter cannot control")
  void webSocketCommands() throws Exception {
    Api.Show show = api.liveSampleShow("ws commands");
    try (WsClient control = server.control(show).welcomed();
         WsClient prompter = server.prompter(show).welcomed()) {

      JsonNode cued = control.command("cue.go", args("itemId", "BANANA-5", "list", true));
      JsonNode guarded = control.command("item.set_price", args("itemId", "BANANA-5", "priceCents", 1));
      JsonNode forbidden = prompter.command("item.set_price", args("itemId", "BANANA-5", "priceCents", 1500));
      JsonNode cueForbidden = prompter.command("cue.next", Json.object());
      JsonNode malformed = control.command("item.add_stock", args("itemId", "BANANA-5"));

      assertThat(cued.get("ok").asBoolean()).isTrue();
      assertThat(cued.get("seq").asLong()).isEqualTo(5);
      assertThat(guarded.get("ok").asBoolean()).isFalse();
      assertThat(guarded.get("error").get("code").asText()).isEqualTo("PRICE_GUARD");
      assertThat(guarded.get("error").get("details").isArray()).isTrue();
      assertThat(forbidden.get("error").get("code").asText()).isEqualTo("FORBIDDEN");
      assertThat(cueForbidden.get("error").get("code").asText()).isEqualTo("FORBIDDEN");
      assertThat(malformed.get("error").get("code").asText()).isEqualTo("INVALID_ARGUMENT");
      assertThat(seq(show)).isEqualTo(5);
      assertThat(prompter.event("item.listed").get("seq").asLong()).isEqualTo(5);
    }
  }

  @Test
  @DisplayName("a technician's price change over WebSocket reaches an open prompter with the next seq")
  void priceChangeReachesPrompter() throws Exception {
    Api.Show show = api.liveSampleShow("control to prompter");
    try (WsClient prompter = server.prompter(show);
         WsClient control = server.control(show)) {
      JsonNode welcome = prompter.awaitType("welcome");
      long seq = welcome.get("seq").asLong();
      assertThat(welcome.path("snapshot").path("status").asText()).isEqualTo("live");
      control.awaitType("welcome");

      JsonNode reply = control.command("item.set_price", args("itemId", "SHINE-MUSCAT-2", "priceCents", 7900));

      assertThat(reply.get("ok").asBoolean()).as(reply.toString()).isTrue();
      assertThat(reply.get("seq").asLong()).isEqualTo(seq + 1);
      JsonNode event = prompter.awaitEvent("item.price_changed");
      assertThat(event.get("seq").asLong()).isEqualTo(seq + 1);
      assertThat(event.path("data").path("toCents").asLong()).isEqualTo(7900);
      assertThat(event.path("data").path("fromCents").asLong()).isEqualTo(8800);
    }
  }

  @Test
  @DisplayName("over WebSocket a repeated key is answered with the first reply and adds nothing")
  void webSocketIdempotency() throws Exception {
    Api.Show show = api.liveSampleShow("ws idempotency");
    try (WsClient control = server.control(show).welcomed()) {
      JsonNode[] replies = new JsonNode[2];
      for (int i = 0; i < 2; i++) {
        String id = "k" + i;
        ObjectNode frame = Json.object().put("type", "cmd").put("id", id).put("cmd", "cue.note").put("key", "note-once");
        frame.set("args", args("text", "attempt " + i));
        control.send(frame);
        replies[i] = control.await(f -> "reply".equals(f.path("type").asText()) && id.equals(f.path("id").asText()), 10_000);
      }

      assertThat(replies[0].get("ok").asBoolean()).isTrue();
      assertThat(replies[1].get("seq")).isEqualTo(replies[0].get("seq"));
      assertThat(replies[1].get("result")).isEqualTo(replies[0].get("result"));
      assertThat(seq(show)).isEqualTo(4);
    }
  }

  @Test
  @DisplayName("a WebSocket connect with a wrong token, or a prompter token as control, is refused and closed")
  void webSocketAuth() throws Exception {
    Api.Show show = api.liveSampleShow("ws auth");
    try (WsClient wrong = WsClient.connect(server.wsUrl(show.id()), "control", "wrong", null, null);
         WsClient none = WsClient.connect(server.wsUrl(show.id()), "control", null, null, null);
         WsClient promoted = WsClient.connect(server.wsUrl(show.id()), "control", show.prompterToken(), null, null);
         WsClient noShow = WsClient.connect(server.wsUrl("s-no-such"), "control", show.controlToken(), null, null)) {
      assertThat(wrong.awaitType("error").get("error").get("code").asText()).isEqualTo("UNAUTHORIZED");
      assertThat(none.awaitType("error").get("error").get("code").asText()).isEqualTo("UNAUTHORIZED");
      assertThat(promoted.awaitType("error").get("error").get("code").asText()).isEqualTo("FORBIDDEN");
      assertThat(noShow.awaitType("error").get("error").get("code").asText()).isEqualTo("NOT_FOUND");
      assertThat(wrong.awaitClosed(5000)).isTrue();
      assertThat(promoted.awaitClosed(5000)).isTrue();
      assertThat(wrong.closeCode()).isEqualTo(4401);
    }
  }

  @Test
  @DisplayName("with host.canCue on, the prompter cues next and previous over WebSocket")
  void hostCanCue() throws Exception {
    ObjectNode config = Json.object();
    config.putObject("host").put("canCue", true);
    try (TestServer cueing = TestServer.start(config, System::currentTimeMillis)) {
      Api local = cueing.api();
      Api.Show show = local.liveSampleShow("host cues");
      try (WsClient prompter = cueing.prompter(show).welcomed()) {

        JsonNode next = prompter.command("cue.next", Json.object());
        JsonNode setPrice = prompter.command("item.set_price", args("itemId", "BANANA-5", "priceCents", 1500));

        assertThat(next.get("ok").asBoolean()).as(next.toString()).isTrue();
        assertThat(prompter.event("cue.changed").get("data").get("itemId").asText()).isEqualTo("JJ-CHERRY-10");
        assertThat(setPrice.get("error").get("code").asText()).isEqualTo("FORBIDDEN");
      }
    }
  }

  private static HttpResponse<String> vocabulary(String... headers) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/vocabulary"));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return VOCABULARY_CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(item -> texts.add(item.asText()));
    return texts;
  }

  @Test
  @DisplayName("GET /api/vocabulary without a token: the client commands, every event kind and the viewers' own kinds")
  void vocabularyServed() throws Exception {
    HttpResponse<String> response = vocabulary();
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    JsonNode body = Json.parse(response.body());
    assertThat(texts(body.get("commands"))).isEqualTo(CommandParser.clientCommands())
        .contains("show.start", "order.place").doesNotContain("viewer.join", "payment.record", "runsheet.load");
    assertThat(texts(body.get("events"))).isEqualTo(Vocabulary.EVENTS.names()).contains("cue.note", "order.payment_mismatch");
    assertThat(texts(body.get("viewerKinds"))).isEqualTo(WireFrames.VIEWER_KINDS)
        .containsExactly("lottery.entrants", "coupon.remaining", "show.reservations");
  }

  @Test
  @DisplayName("the vocabulary is cacheable: public, revalidated by its tag, and the tag answers 304 with no body")
  void vocabularyRevalidated() throws Exception {
    HttpResponse<String> first = vocabulary();
    assertThat(first.headers().firstValue("cache-control")).hasValue("public, no-cache");
    String tag = first.headers().firstValue("etag").orElseThrow();

    HttpResponse<String> again = vocabulary("If-None-Match", tag);
    assertThat(again.statusCode()).isEqualTo(304);
    assertThat(again.body()).isEmpty();
    assertThat(vocabulary("If-None-Match", "\"stale\"").statusCode()).isEqualTo(200);
  }
}
