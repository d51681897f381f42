package io.livedesk.http;

import static io.livedesk.http.FuzzedShows.assertProtocolAnswer;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.livedesk.http.CommandShapes.Body;
import io.livedesk.http.FuzzedShows.Caller;
import io.livedesk.http.FuzzedShows.Fixture;
import io.livedesk.http.FuzzedShows.Stage;
import io.livedesk.json.Json;
import io.livedesk.testing.Api;
import io.livedesk.testing.ByteMutations;
import io.livedesk.testing.JsonShapes;
import io.livedesk.testing.TestServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * Every REST route fuzzed as callers of a public endpoint would (docs/protocol.md §REST, §Errors): the
 * answer is a success or the error body with a documented code and its status, never a 5xx; the server
 * answers its health check after every try; a rejected request leaves the show as it was.
 */
@Label("REST routes under fuzzing")
class RestFuzzTest extends FuzzedShowsContainer {

  private static final Set<Integer> OK = Set.of(200);

  @Property
  @Label("POST /api/shows/{id}/commands: any body from any caller")
  void commands(@ForAll Caller caller, @ForAll Stage stage, @ForAll("commandBodies") Body body,
      @ForAll("viewers") String viewer, @ForAll("idempotencyKeys") String key) {
    Fixture fixture = shows.fixture(stage);
    Map<String, String> headers = new HashMap<>(FuzzedShows.headers(caller, fixture, viewer));
    putIfPresent(headers, "Content-Type", body.contentType());
    putIfPresent(headers, "Idempotency-Key", key);

    send(fixture, "POST", "/api/shows/" + fixture.show().id() + "/commands", headers, body.bytes(), OK);
  }

  @Property
  @Label("numbers past their ceilings in commands (docs/protocol.md §Limits): INVALID_ARGUMENT, nothing changed")
  void numbersPastCeilings(@ForAll("pastCeilings") Tuple.Tuple3<String, String, JsonNode> command) {
    Fixture fixture = shows.fixture(Stage.LIVE);
    String cmd = command.get1();
    ObjectNode args = Json.object().put("itemId", "MAIN-A");
    args.set(command.get2(), command.get3());
    if (cmd.equals("item.set_price")) {
      args.put("confirm", true);
    }
    ObjectNode body = Json.object().put("cmd", cmd);
    body.set("args", args);
    Map<String, String> headers = new HashMap<>(cmd.equals("order.place") ? Api.viewer("fan-2")
        : Api.bearer(fixture.show().controlToken()));
    headers.put("Content-Type", "application/json");

    Api.Response response = send(fixture, "POST", "/api/shows/" + fixture.show().id() + "/commands", headers,
        Json.bytes(body), Set.of());

    assertThat(response.errorCode()).as("%s %s: %s", cmd, command.get3(), response.text()).isEqualTo("INVALID_ARGUMENT");
  }

  @Property
  @Label("PUT /api/shows/{id}/runsheet: any bytes, damaged sample sheets and odd JSON, as CSV or JSON")
  void runSheets(@ForAll("sheetStages") Stage stage, @ForAll("sheetUploads") byte[] bytes, @ForAll boolean csv) {
    Fixture fixture = shows.fixture(stage);
    Map<String, String> headers = Map.of("Authorization", "Bearer " + fixture.show().controlToken(),
        "Content-Type", csv ? "text/csv" : "application/json");

    send(fixture, "PUT", "/api/shows/" + fixture.show().id() + "/runsheet", headers, bytes, OK);
  }

  @Property
  @Label("POST /api/shows: any body from the admin")
  void createShow(@ForAll("showBodies") Body body) {
    Map<String, String> headers = new HashMap<>(Api.bearer(TestServer.ADMIN_TOKEN));
    putIfPresent(headers, "Content-Type", body.contentType());
    int before = listedShows();

    Api.Response response = shows.api().send("POST", "/api/shows", headers, body.bytes());

    assertProtocolAnswer(response, Set.of(201), "POST /api/shows " + body);
    if (response.status() != 201) {
      assertThat(listedShows()).as("shows after a refused creation").isEqualTo(before);
    }
    shows.assertHealthy();
  }

  @Property
  @Label("POST /api/shows/{id}/payments: any signed body, and bodies signed wrongly")
  void payments(@ForAll("paymentBodies") Body body, @ForAll boolean signed) {
    Fixture fixture = shows.fixture(Stage.LIVE);
    byte[] bytes = body.bytes();
    String signature = "sha256=" + (signed ? Signatures.hmacHex(FuzzedShows.PAYMENT_SECRET, bytes) : "00");
    Map<String, String> headers = new HashMap<>(Map.of("X-Signature", signature));
    putIfPresent(headers, "Content-Type", body.contentType());

    send(fixture, "POST", "/api/shows/" + fixture.show().id() + "/payments", headers, bytes, OK);
  }

  @Property
  @Label("GET routes of a show: odd ids, queries and callers")
  void reads(@ForAll Caller caller, @ForAll Stage stage, @ForAll("readPaths") String path, @ForAll("viewers") String viewer) {
    Fixture fixture = shows.fixture(stage);
    String full = path.replace("{id}", fixture.show().id());

    send(fixture, "GET", full, FuzzedShows.headers(caller, fixture, viewer), null, OK);
  }

  @Property
  @Label("POST /api/shows/{id}/rehearse: any body, on a show that has no sheet to rehearse")
  void rehearsals(@ForAll Caller caller, @ForAll("rehearsalBodies") Body body) {
    Fixture fixture = shows.fixture(Stage.BARE);
    Map<String, String> headers = new HashMap<>(FuzzedShows.headers(caller, fixture, FuzzedShows.FAN));
    putIfPresent(headers, "Content-Type", body.contentType());

    send(fixture, "POST", "/api/shows/" + fixture.show().id() + "/rehearse", headers, body.bytes(), Set.of());
  }

  @Example
  @Label("a rehearsal's viewers past the range of int are refused, not wrapped round to a small number")
  void rehearsalViewersPastInt() {
    Fixture fixture = shows.fixture(Stage.DRAFT);
    for (String viewers : List.of("4294967297", "18446744073709551617", "-4294967295")) {
      Api.Response response = shows.api().send("POST", "/api/shows/" + fixture.show().id() + "/rehearse",
          Map.of("Authorization", "Bearer " + fixture.show().controlToken(), "Content-Type", "application/json"),
          ("{\"viewers\": " + viewers + "}").getBytes(StandardCharsets.UTF_8));

      assertThat(response.status()).as(viewers + ": " + response.text()).isEqualTo(400);
      assertThat(response.errorCode()).isEqualTo("INVALID_ARGUMENT");
    }
  }

  @Example
  @Label("a command body sent as a form with a long or many fields is refused as not JSON, not answered 503")
  void formBodies() {
    Fixture fixture = shows.fixture(Stage.LIVE);
    for (String form : List.of("a=" + "x".repeat(10_000), "a=1&".repeat(2_000), "{\"cmd\":\"" + "長".repeat(3_000) + "\"}")) {
      Api.Response response = shows.api().send("POST", "/api/shows/" + fixture.show().id() + "/commands",
          Map.of("Authorization", "Bearer " + fixture.show().controlToken(),
              "Content-Type", "application/x-www-form-urlencoded"), form.getBytes(StandardCharsets.UTF_8));

      assertThat(response.status()).as(response.text()).isEqualTo(400);
      assertThat(response.errorCode()).isEqualTo("INVALID_ARGUMENT");
    }
  }

  // ---- one try ----

  /** Sends, checks the answer against the protocol, the server's health, and that a refusal changed nothing. */
  private static Api.Response send(Fixture fixture, String method, String path, Map<String, String> headers, byte[] body,
      Set<Integer> success) {
    JsonNode before = shows.settledView(fixture);
    String request = method + " " + path + " " + headers.keySet() + " " + describe(body);

    Api.Response response = shows.api().send(method, path, headers, body);

    Statistics.label("answers").collect(response.errorCode() == null ? "HTTP " + response.status() : response.errorCode());
    assertProtocolAnswer(response, success, request);
    shows.assertHealthy();
    if (!success.contains(response.status())) {
      shows.assertUnchanged(fixture, before, request);
    }
    return response;
  }

  private static String describe(byte[] body) {
    if (body == null) {
      return "(no body)";
    }
    return "(" + body.length + " bytes) " + new String(body, 0, Math.min(body.length, 300), StandardCharsets.UTF_8);
  }

  private static void putIfPresent(Map<String, String> headers, String name, String value) {
    if (value != null && !value.isEmpty()) {
      headers.put(name, value);
    }
  }

  private int listedShows() {
    return shows.api().get("/api/shows", Api.bearer(TestServer.ADMIN_TOKEN)).json().path("shows").size();
  }

  // ---- generators ----

  @Provide
  Arbitrary<Body> commandBodies() {
    return CommandShapes.bodies(CommandShapes.command(ids));
  }

  /** A command, the number argument it takes and a value past that argument's ceiling. */
  @Provide
  Arbitrary<Tuple.Tuple3<String, String, JsonNode>> pastCeilings() {
    Arbitrary<JsonNode> longDigits = JsonShapes.digits(20, 1200).map(digits -> (JsonNode) BigIntegerNode.valueOf(
        new java.math.BigInteger(digits)));
    return Arbitraries.oneOf(
        Arbitraries.oneOf(Arbitraries.longs().between(1_000_000_001L, Long.MAX_VALUE).map(LongNode::valueOf), longDigits)
            .map(value -> Tuple.of("item.set_stock", "stock", value)),
        Arbitraries.oneOf(Arbitraries.longs().between(10_000_000_001L, Long.MAX_VALUE).map(LongNode::valueOf), longDigits)
            .map(value -> Tuple.of("item.set_price", "priceCents", value)),
        Arbitraries.oneOf(Arbitraries.longs().between(1_000_000_001L, Long.MAX_VALUE - 1_000).map(LongNode::valueOf),
            longDigits).map(value -> Tuple.of("item.add_stock", "delta", value)),
        Arbitraries.oneOf(Arbitraries.longs().between(1_000, Long.MAX_VALUE).map(LongNode::valueOf),
            Arbitraries.longs().between(Long.MIN_VALUE, 0).map(LongNode::valueOf), longDigits)
            .map(value -> Tuple.of("order.place", "qty", value)));
  }

  @Provide
  Arbitrary<String> viewers() {
    return Arbitraries.frequencyOf(
        Tuple.of(6, Arbitraries.of(FuzzedShows.FAN, "fan-2", "viewer_3", "a@b.c")),
        Tuple.of(1, Arbitraries.strings().withCharRange('!', '~').ofMinLength(1).ofMaxLength(80)));
  }

  @Provide
  Arbitrary<String> idempotencyKeys() {
    return Arbitraries.frequencyOf(
        Tuple.of(8, Arbitraries.just("")),
        Tuple.of(1, Arbitraries.of("k1", "k2", " ", "x".repeat(129), "x".repeat(128))));
  }

  @Provide
  Arbitrary<Stage> sheetStages() {
    return Arbitraries.of(Stage.BARE, Stage.DRAFT, Stage.LIVE, Stage.ENDED);
  }

  @Provide
  Arbitrary<byte[]> sheetUploads() {
    Arbitrary<byte[]> samples = Arbitraries.of("sample-runsheet.csv", "sample-runsheet.json", "sample-runsheet-gb18030.csv")
        .map(RestFuzzTest::resource);
    Arbitrary<byte[]> damaged = Combinators.combine(samples, ByteMutations.edits(5)).as(ByteMutations::apply);
    Arbitrary<byte[]> oddJson = JsonShapes.value(List.of("items", "opening", "closing", "id", "role", "name",
        "listPriceCents", "livePriceCents", "stock"), List.of("main", "lottery", "MAIN-A"), 4)
        .map(JsonShapes.Encoding.UTF8::bytes);
    return Arbitraries.frequencyOf(
        Tuple.of(3, damaged),
        Tuple.of(1, samples),
        Tuple.of(2, oddJson),
        Tuple.of(1, Arbitraries.bytes().array(byte[].class).ofMaxSize(400)),
        Tuple.of(1, Arbitraries.of(new byte[0], new byte[1024 * 1024 + 1])),
        Tuple.of(1, Arbitraries.just(FuzzedShows.sheet()).map(JsonShapes.Encoding.UTF8::bytes)));
  }

  @Provide
  Arbitrary<Body> showBodies() {
    return CommandShapes.bodies(JsonShapes.object(List.of("title", "plannedStartAt", "plannedMinutes", "rehearsal"),
        JsonShapes.value(List.of("title"), List.of("直播", "title"), 2)).map(node -> (JsonNode) node));
  }

  @Provide
  Arbitrary<Body> paymentBodies() {
    List<String> words = new java.util.ArrayList<>(ids);
    words.addAll(List.of("PAID", "FAILED", "paid", "pay-1", "pay-2"));
    for (Fixture fixture : shows.fixtures().values()) {
      words.add(fixture.show().id());
    }
    return CommandShapes.bodies(JsonShapes.object(List.of("showId", "orderId", "status", "paymentId", "amountCents"),
        JsonShapes.value(List.of("orderId"), words, 2)).map(node -> (JsonNode) node));
  }

  @Provide
  Arbitrary<Body> rehearsalBodies() {
    return CommandShapes.bodies(JsonShapes.object(List.of("viewers"), JsonShapes.value(List.of("viewers"),
        List.of("200"), 2)).map(node -> (JsonNode) node));
  }

  @Provide
  Arbitrary<String> readPaths() {
    Arbitrary<String> odd = Arbitraries.frequencyOf(
        Tuple.of(3, JsonShapes.text()),
        Tuple.of(1, JsonShapes.digits(1, 40)),
        Tuple.of(1, Arbitraries.of("-1", "0", "9223372036854775807", "9223372036854775808", "-9223372036854775808",
            "1e3", "0x10", "", " ")),
        Tuple.of(1, Arbitraries.of(ids)))
        .map(text -> URLEncoder.encode(text.length() > 300 ? text.substring(0, 300) : text, StandardCharsets.UTF_8));
    return Arbitraries.oneOf(
        Combinators.combine(odd, odd).as((after, limit) -> "/api/shows/{id}/events?after=" + after + "&limit=" + limit),
        odd.map(lottery -> "/api/shows/{id}/lotteries/" + lottery + "/proof"),
        Arbitraries.of(ids).map(lottery -> "/api/shows/{id}/lotteries/" + lottery + "/proof"),
        odd.map(show -> "/api/shows/" + show),
        odd.map(show -> "/api/shows/" + show + "/report"),
        Arbitraries.of("/api/shows/{id}", "/api/shows/{id}/report", "/api/shows/{id}/report.csv", "/api/shows",
            "/api/openapi.yaml", "/api/nothing/here", "/api/shows/{id}/events"),
        odd.map(anything -> "/api/" + anything));
  }

  private static byte[] resource(String name) {
    try (InputStream in = RestFuzzTest.class.getResourceAsStream("/runsheets/" + name)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
