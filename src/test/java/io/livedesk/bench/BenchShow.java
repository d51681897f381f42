package io.livedesk.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.livedesk.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** A show on a server under test, driven over REST as the console would. */
final class BenchShow {

  static final String ADMIN_TOKEN = "bench-admin";
  /** The payment webhook's secret on every bench server: generators pay orders as the shop's payment system would. */
  static final String PAYMENT_SECRET = "bench-payments";
  /** Items the bench adds to the sample sheet: races with small stock, and a flow with no limit. */
  static final String RACE_REST = "BENCH-RACE-REST";
  static final String RACE_WS = "BENCH-RACE-WS";
  static final String FLOW = "BENCH-FLOW";
  /** Items of the promotions scenario's two flash sales, each of 500 of their 1,000 units. */
  static final String PROMO_SPREAD = "BENCH-PROMO-SPREAD";
  static final String PROMO_BURST = "BENCH-PROMO-BURST";
  static final int RACE_STOCK = 1000;

  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(10)).build();

  final String base;
  final String id;
  final String controlToken;
  final String prompterToken;

  private BenchShow(String base, String id, String controlToken, String prompterToken) {
    this.base = base;
    this.id = id;
    this.controlToken = controlToken;
    this.prompterToken = prompterToken;
  }

  /** A show nobody created, for {@link OrderFloor}, which answers orders to any show id. */
  static BenchShow floor(int port) {
    return new BenchShow("http://127.0.0.1:" + port, "floor", null, null);
  }

  /** Creates a show with the sample sheet plus the bench items, starts it, and lists what is sold. */
  static BenchShow live(int port, String title) throws IOException {
    BenchShow show = started(port, title, sheet());
    show.command("cue.go", Json.object().put("itemId", "SHINE-MUSCAT-2").put("list", true));
    for (String item : new String[] {RACE_REST, RACE_WS, FLOW, PROMO_SPREAD, PROMO_BURST}) {
      show.command("item.list", Json.object().put("itemId", item));
    }
    return show;
  }

  /** Creates a show with {@code sheet} and starts it (the opening is on air). */
  static BenchShow started(int port, String title, ObjectNode sheet) throws IOException {
    String base = "http://127.0.0.1:" + port;
    JsonNode created = call(base, "POST", "/api/shows", ADMIN_TOKEN, Json.object().put("title", title));
    BenchShow show = new BenchShow(base, created.get("id").asText(), created.get("controlToken").asText(),
        created.get("prompterToken").asText());
    show.put("/runsheet", sheet);
    show.command("show.start", Json.object());
    return show;
  }

  /** The project's sample run-sheet: 34 items, 24 of them main items of five minutes, 6 lotteries, 4 backups. */
  static ObjectNode sampleSheet() throws IOException {
    return (ObjectNode) Json.parse(Files.readAllBytes(Path.of("src/test/resources/runsheets/sample-runsheet.json")));
  }

  static ObjectNode sheet() throws IOException {
    ObjectNode sheet = sampleSheet();
    ArrayNode items = (ArrayNode) sheet.get("items");
    items.add(item(RACE_REST, RACE_STOCK, 1));
    items.add(item(RACE_WS, RACE_STOCK, 1));
    items.add(item(FLOW, 1_000_000_000L, null));
    items.add(item(PROMO_SPREAD, RACE_STOCK, null));
    items.add(item(PROMO_BURST, RACE_STOCK, null));
    return sheet;
  }

  private static ObjectNode item(String id, long stock, Integer limit) {
    ObjectNode item = Json.object();
    item.put("id", id);
    item.put("role", "backup");
    item.put("name", "压测商品 " + id);
    item.put("listPriceCents", 9900);
    item.put("livePriceCents", 4900);
    item.put("stock", stock);
    if (limit != null) {
      item.put("limitPerViewer", limit);
    }
    return item;
  }

  JsonNode command(String cmd, ObjectNode args) throws IOException {
    ObjectNode body = Json.object();
    body.put("cmd", cmd);
    body.set("args", args);
    return call(base, "POST", "/api/shows/" + id + "/commands", controlToken, body);
  }

  JsonNode snapshot() throws IOException {
    return call(base, "GET", "/api/shows/" + id, controlToken, null);
  }

  JsonNode get(String path) throws IOException {
    return call(base, "GET", "/api/shows/" + id + path, controlToken, null);
  }

  private void put(String path, JsonNode body) throws IOException {
    call(base, "PUT", "/api/shows/" + id + path, controlToken, body);
  }

  static JsonNode call(String base, String method, String path, String token, JsonNode body) throws IOException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(120))
        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(Json.bytes(body)));
    try {
      HttpResponse<byte[]> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      if (response.statusCode() >= 300) {
        throw new IOException(method + " " + path + " → " + response.statusCode() + " " + new String(response.body()));
      }
      return Json.parse(response.body());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }
}
