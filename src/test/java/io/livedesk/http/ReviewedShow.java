package io.livedesk.http;

import static io.livedesk.testing.Api.args;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.livedesk.json.Json;
import io.livedesk.testing.Api;
import io.livedesk.testing.TestServer;
import io.livedesk.testing.WsClient;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A short rehearsal show played over HTTP and WebSocket on a server whose clock the test moves, so its
 * report is known in advance. Item B's name is a formula, item A's holds a comma and quotes.
 */
final class ReviewedShow implements BeforeAllCallback {

  static final long T0 = 1_700_000_000_000L;
  static final String PAYMENT_SECRET = "review-payment-secret";
  static final String NAME_A = "保温杯, 大号 \"真空\"";
  static final String NAME_B = "=HYPERLINK(\"http://evil.example\",\"点我\")";

  final AtomicLong clock;
  final TestServer server;
  private final Map<String, String> ordersByViewer = new HashMap<>();
  private final Map<String, Long> amountsByOrder = new HashMap<>();
  Api.Show show;
  String lotteryId;

  private ReviewedShow(TestServer server, AtomicLong clock) {
    this.server = server;
    this.clock = clock;
  }

  /**
   * A server with payments configured, orders held 120 s, and the clock at T0 − 60 s, for a test class that
   * registers this as an extension: the server starts before the class's own set-up and closes after its last test.
   */
  static ReviewedShow onItsOwnServer() {
    ObjectNode overrides = Json.object();
    overrides.putObject("payments").put("webhookSecret", PAYMENT_SECRET);
    overrides.putObject("orders").put("holdSeconds", 120);
    AtomicLong clock = new AtomicLong(T0 - 60_000);
    return new ReviewedShow(TestServer.forClass(overrides, clock::get), clock);
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    server.beforeAll(context);
  }

  Api api() {
    return server.api();
  }

  /**
   * Until the middle (t=95): v1 and v2 watched, v1 and v3 clicked A, ordered it (after a price cut), v1 paid
   * for 2 units, which reached A's 2-unit tier; every socket is closed again, so a restart loses nobody's presence.
   */
  void playFirstHalf() throws Exception {
    ObjectNode create = Json.object();
    create.put("title", "周五晚场 <b>复盘</b>");
    create.put("plannedMinutes", 5);
    create.put("rehearsal", true);
    Api.Response created = api().post("/api/shows", Api.bearer(TestServer.ADMIN_TOKEN), create);
    show = new Api.Show(created.json().get("id").asText(), created.json().get("controlToken").asText(),
        created.json().get("prompterToken").asText());
    Api.Response sheet = api().send("PUT", "/api/shows/" + show.id() + "/runsheet",
        Map.of("Authorization", "Bearer " + show.controlToken(), "Content-Type", "application/json"),
        Json.bytes(runSheet()));
    require(sheet);

    at(0);
    control("show.start", Json.object());
    try (WsClient v1 = viewer("v1", 5); WsClient v2 = viewer("v2", 10)) {
      at(20);
      control("cue.go", args("itemId", "A", "list", true));
      at(30);
      viewerCommand("v1", "viewer.click", args("itemId", "A"));
      viewerCommand("v3", "viewer.click", args("itemId", "A"));
      at(40);
      String o1 = viewerCommand("v1", "order.place", args("itemId", "A", "qty", 2)).at("/result/orderId").asText();
      at(50);
      control("item.set_price", args("itemId", "A", "priceCents", 7_500));
      at(70);
      viewerCommand("v3", "order.place", args("itemId", "A", "qty", 1));
      at(80);
      pay(o1);
      at(90);
    }
    awaitOnline(0);
    at(95);
  }

  /**
   * From t=100 to the end at t=300: v1 back, B cued (A aired 110 s of 120), v2 clicked and ordered B
   * (expired unpaid), v3 cancelled, v1 won the lottery alone, the closing cued at t=280 (B aired 150 s of 60).
   */
  void playSecondHalf() throws Exception {
    at(100);
    try (WsClient v1 = viewer("v1", 100)) {
      at(130);
      control("cue.go", args("itemId", "B", "list", true));
      at(140);
      viewerCommand("v2", "viewer.click", args("itemId", "B"));
      viewerCommand("v2", "order.place", args("itemId", "B", "qty", 1));
      at(150);
      viewerCommand("v3", "order.cancel", args("orderId", ordersByViewer.get("v3")));
      at(200);
      ObjectNode rule = Json.object();
      rule.put("type", "any");
      lotteryId = control("lottery.open", args("itemId", "P", "winners", 1, "rule", rule)).at("/result/lotteryId").asText();
      at(210);
      viewerCommand("v1", "lottery.enter", args("lotteryId", lotteryId));
      at(220);
      control("lottery.close", args("lotteryId", lotteryId));
      control("lottery.draw", args("lotteryId", lotteryId));
      at(280);
      control("cue.go", args("segment", "closing"));
      at(290);
    }
    awaitOnline(0);
    at(300);
    control("show.end", Json.object());
  }

  JsonNode report() {
    Api.Response response = api().get("/api/shows/" + show.id() + "/report", Api.bearer(show.controlToken()));
    require(response);
    return response.json();
  }

  void at(long seconds) {
    clock.set(T0 + seconds * 1000);
  }

  private static ObjectNode runSheet() {
    ObjectNode sheet = Json.object();
    sheet.put("opening", "大家好");
    sheet.put("closing", "下次见");
    ArrayNode items = sheet.putArray("items");
    ObjectNode a = item(items, "A", "main", NAME_A, 10_000, 8_000, 100, 120);
    a.putArray("tiers").addObject().put("minUnits", 2).put("priceCents", 7_000);
    item(items, "B", "main", NAME_B, 50_000, 40_000, 10, 60);
    item(items, "K", "backup", "备用面膜", 5_000, 4_000, 10, 0);
    item(items, "P", "lottery", "福袋", 100, 100, 2, 0).put("winners", 2);
    return sheet;
  }

  private static ObjectNode item(ArrayNode items, String id, String role, String name, long list, long live, long stock,
      long planned) {
    return items.addObject().put("id", id).put("role", role).put("name", name).put("listPriceCents", list)
        .put("livePriceCents", live).put("stock", stock).put("plannedSeconds", planned);
  }

  private WsClient viewer(String viewerId, long seconds) throws Exception {
    at(seconds);
    WsClient client = server.viewer(show, viewerId);
    client.awaitType("welcome");
    return client;
  }

  private JsonNode control(String cmd, ObjectNode args) {
    return require(api().command(show.controlToken(), show.id(), cmd, args)).json();
  }

  private JsonNode viewerCommand(String viewerId, String cmd, ObjectNode args) {
    JsonNode reply = require(api().viewerCommand(viewerId, show.id(), cmd, args)).json();
    if (cmd.equals("order.place")) {
      ordersByViewer.put(viewerId, reply.at("/result/orderId").asText());
      amountsByOrder.put(reply.at("/result/orderId").asText(), reply.at("/result/amountCents").asLong());
    }
    return reply;
  }

  private void pay(String orderId) {
    ObjectNode body = Json.object();
    body.put("showId", show.id());
    body.put("orderId", orderId);
    body.put("status", "PAID");
    body.put("paymentId", "pay-" + orderId);
    body.put("amountCents", amountsByOrder.get(orderId));
    byte[] raw = Json.bytes(body);
    require(api().send("POST", "/api/shows/" + show.id() + "/payments", Map.of("Content-Type", "application/json",
        "X-Signature", Signatures.paymentSignature(PAYMENT_SECRET, raw)), raw));
  }

  /** Sockets leave asynchronously: wait until the show has counted them out. */
  private void awaitOnline(int online) throws InterruptedException {
    for (int i = 0; i < 500; i++) {
      Api.Response snapshot = api().get("/api/shows/" + show.id(), Api.bearer(show.controlToken()));
      if (snapshot.json().at("/figures/online").asInt() == online) {
        return;
      }
      Thread.sleep(10);
    }
    throw new AssertionError("the show never had " + online + " viewers online");
  }

  private static Api.Response require(Api.Response response) {
    if (response.status() != 200) {
      throw new AssertionError(response.status() + " " + response.text());
    }
    return response;
  }
}
