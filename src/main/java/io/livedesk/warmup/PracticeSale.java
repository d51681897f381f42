package io.livedesk.warmup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.livedesk.http.Signatures;
import io.livedesk.json.Json;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A practice sale against a server, over its real WebSocket and REST paths, as buyers and a console
 * would run one: a show of its own, each round a flash sale that sells out (the buyers after that are
 * told the price now), a coupon that runs out, ordinary orders (some paid, one cancelled, some at a
 * price that is no longer right), an item with a per-viewer limit, an item priced by tiers that the
 * payments reach, pings. What it is for is what it
 * leaves behind: every branch of a sale taken often enough to be compiled (docs/design.md §Warm-up at
 * start). It counts every answer by its code; nothing it does is kept once its server is gone.
 */
public final class PracticeSale {

  public static final int BUYERS = 64;
  public static final int REST_LANES = 4;
  /**
   * Per buyer and round: flash orders (the sale's {@link #FLASH_UNITS} sell out a third of the way, the
   * orders after that are told the price now), ordinary orders, and REST orders per lane.
   */
  public static final int FLASH_ORDERS = 30;
  public static final int FLOW_ORDERS = 40;
  public static final int REST_ORDERS = 400;
  public static final int FLASH_UNITS = 400;
  public static final int COUPONS = 32;
  static final long LIVE_PRICE = 4_900;
  static final long FLASH_PRICE = 2_900;
  private static final String FLOW = "WARMUP-FLOW";
  private static final String LIMITED = "WARMUP-LIMITED";
  /** Priced by the units paid so far: its tiers are reached as the practice's payments come in. */
  private static final String TIERED = "WARMUP-TIERED";

  private final Vertx vertx;
  private final int port;
  private final String adminToken;
  private final String paymentSecret;
  private final int rounds;
  private HttpClient http;
  private WebSocketClient sockets;
  private final Map<String, Long> answers = new TreeMap<>();
  private String showId;
  private String controlToken;

  public PracticeSale(Vertx vertx, int port, String adminToken, String paymentSecret, int rounds) {
    this.vertx = vertx;
    this.port = port;
    this.adminToken = adminToken;
    this.paymentSecret = paymentSecret;
    this.rounds = rounds;
  }

  /**
   * Runs every round; the answers by code ({@code OK}, {@code CONFLICT}, {@code SOLD_OUT}, …). Everything
   * runs on one context of its own, so the buyers' state and the counts are touched by one thread.
   */
  public Future<Map<String, Long>> run() {
    Promise<Map<String, Long>> done = Promise.promise();
    vertx.getOrCreateContext().runOnContext(v -> open()
        .compose(w -> connectBuyers())
        .compose(buyers -> roundsFrom(1, buyers).eventually(() -> closeAll(buyers)))
        .map(w -> Map.copyOf(answers))
        .eventually(() -> http.close().eventually(sockets::close))
        .onComplete(done));
    return done.future();
  }

  // ---- the show ----

  private Future<Void> open() {
    http = vertx.createHttpClient(new HttpClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port),
        new PoolOptions().setHttp1MaxSize(REST_LANES + 2));
    // every buyer's socket open at once: past the client's default limit, connects would wait for a close
    sockets = vertx.createWebSocketClient(new WebSocketClientOptions().setDefaultHost("127.0.0.1")
        .setDefaultPort(port).setMaxConnections(BUYERS));
    return call("POST", "/api/shows", adminToken, null, Json.object().put("title", "warm-up")).compose(created -> {
      showId = created.path("id").asText();
      controlToken = created.path("controlToken").asText();
      return call("PUT", path("/runsheet"), controlToken, null, sheet());
    }).compose(v -> control("show.start", Json.object())).compose(v -> {
      Future<JsonNode> listed = Future.succeededFuture();
      for (String item : itemIds()) {
        listed = listed.compose(w -> control("item.list", Json.object().put("itemId", item)));
      }
      return listed;
    }).mapEmpty();
  }

  private List<String> itemIds() {
    List<String> ids = new ArrayList<>(List.of(FLOW, LIMITED, TIERED));
    for (int round = 1; round <= rounds; round++) {
      ids.add(flashItem(round));
    }
    return ids;
  }

  private ObjectNode sheet() {
    ObjectNode sheet = Json.object();
    ArrayNode items = sheet.putArray("items");
    items.add(item(FLOW, "练习商品", 1_000_000_000L, null));
    items.add(item(LIMITED, "限购练习商品", 1_000_000_000L, 1));
    ObjectNode tiered = item(TIERED, "阶梯价练习商品", 1_000_000_000L, null);
    ArrayNode tiers = tiered.putArray("tiers");
    tiers.addObject().put("minUnits", 20).put("priceCents", 4_500);
    tiers.addObject().put("minUnits", 60).put("priceCents", 4_200);
    items.add(tiered);
    for (int round = 1; round <= rounds; round++) {
      items.add(item(flashItem(round), "秒杀练习商品 " + round, 2L * FLASH_UNITS, null));
    }
    return sheet;
  }

  private static ObjectNode item(String id, String name, long stock, Integer limit) {
    ObjectNode item = Json.object().put("id", id).put("role", "backup").put("name", name)
        .put("listPriceCents", 9_900).put("livePriceCents", LIVE_PRICE).put("stock", stock);
    if (limit != null) {
      item.put("limitPerViewer", limit);
    }
    return item;
  }

  private static String flashItem(int round) {
    return "WARMUP-FLASH-" + round;
  }

  private static String coupon(int round) {
    return "WARMUP-COUPON-" + round;
  }

  // ---- rounds ----

  private Future<Void> roundsFrom(int round, List<Buyer> buyers) {
    if (round > rounds) {
      return Future.succeededFuture();
    }
    return control("flash.schedule", Json.object().put("itemId", flashItem(round)).put("priceCents", FLASH_PRICE)
        .put("startInSeconds", 0).put("durationSeconds", 600).put("stock", FLASH_UNITS)
        .put("limitPerViewer", FLASH_ORDERS).put("confirm", true))
        .compose(v -> control("coupon.create", Json.object().put("couponId", coupon(round)).put("name", "练习立减券")
            .put("amountOffCents", 500).put("total", COUPONS).put("confirm", true)))
        .compose(v -> control("coupon.issue", Json.object().put("couponId", coupon(round))))
        .compose(v -> {
          List<Future<Void>> lanes = new ArrayList<>();
          for (Buyer buyer : buyers) {
            lanes.add(buyer.shop(round));
          }
          for (int lane = 0; lane < REST_LANES; lane++) {
            lanes.add(restOrders("rest-buyer-" + lane + "-", REST_ORDERS));
          }
          return Future.join(lanes).mapEmpty();
        })
        .compose(v -> roundsFrom(round + 1, buyers));
  }

  /** One lane of REST orders, one after another, each from a viewer of its own. */
  private Future<Void> restOrders(String viewerPrefix, int left) {
    if (left == 0) {
      return Future.succeededFuture();
    }
    ObjectNode body = Json.object().put("cmd", "order.place");
    body.putObject("args").put("itemId", FLOW).put("qty", 1).put("expectPriceCents", LIVE_PRICE);
    return call("POST", path("/commands"), null, viewerPrefix + left, body).transform(done -> {
      count(done.succeeded() ? "OK" : code(done.cause()));
      return restOrders(viewerPrefix, left - 1);
    });
  }

  // ---- buyers ----

  private Future<List<Buyer>> connectBuyers() {
    List<Future<Buyer>> connecting = new ArrayList<>();
    for (int i = 0; i < BUYERS; i++) {
      Buyer buyer = new Buyer("warmup-buyer-" + i);
      connecting.add(buyer.connect().map(buyer));
    }
    return Future.all(connecting).map(all -> all.<Buyer>list());
  }

  private static Future<Void> closeAll(List<Buyer> buyers) {
    buyers.forEach(buyer -> buyer.socket.close());
    return Future.succeededFuture();
  }

  /** A viewer's socket sending one command at a time, each when the one before is answered. */
  private final class Buyer {

    private final String viewer;
    private WebSocket socket;
    private Promise<JsonNode> answer;
    private Promise<Void> welcome;
    private int nextId;

    Buyer(String viewer) {
      this.viewer = viewer;
    }

    Future<Void> connect() {
      welcome = Promise.promise();
      return sockets.connect(new WebSocketConnectOptions().setURI("/ws/shows/" + showId)).compose(ws -> {
        socket = ws;
        ws.textMessageHandler(this::onText);
        ws.closeHandler(v -> {
          if (answer != null) {
            answer.tryFail("the socket closed");
          }
          welcome.tryFail("the socket closed");
        });
        ws.writeTextMessage("{\"type\":\"connect\",\"role\":\"viewer\",\"viewer\":\"" + viewer + "\"}");
        return welcome.future();
      });
    }

    private void onText(String text) {
      if (!welcome.future().isComplete()) {
        welcome.tryComplete();
        return;
      }
      if (!text.contains("\"type\":\"reply\"") && !text.contains("\"type\":\"pong\"")) {
        return;
      }
      Promise<JsonNode> waiting = answer;
      answer = null;
      if (waiting != null) {
        try {
          waiting.tryComplete(Json.parse(text));
        } catch (Exception e) {
          waiting.tryFail(e);
        }
      }
    }

    /** This buyer's part of a round, in order; every answer is counted. */
    Future<Void> shop(int round) {
      List<ObjectNode> script = new ArrayList<>();
      for (int i = 0; i < FLASH_ORDERS; i++) {
        script.add(order(flashItem(round), FLASH_PRICE));
      }
      for (int i = 0; i < FLOW_ORDERS; i++) {
        // one in ten at a price that is no longer right: told the price now
        script.add(order(FLOW, i % 10 == 9 ? LIVE_PRICE + 100 : LIVE_PRICE));
      }
      script.add(order(LIMITED, LIVE_PRICE));
      for (int i = 0; i < 4; i++) {
        script.add(command("order.place", Json.object().put("itemId", TIERED).put("qty", 1)));
      }
      script.add(command("coupon.claim", Json.object().put("couponId", coupon(round))));
      return steps(script, 0, new ArrayList<>());
    }

    private Future<Void> steps(List<ObjectNode> script, int at, List<JsonNode> orders) {
      if (at == script.size()) {
        return settle(orders);
      }
      return send(script.get(at)).compose(reply -> {
        if (reply.path("ok").asBoolean() && reply.path("result").has("orderId")) {
          orders.add(reply.path("result"));
        }
        return steps(script, at + 1, orders);
      });
    }

    /** The first order cancelled, every tenth after it paid, then a ping. */
    private Future<Void> settle(List<JsonNode> orders) {
      Future<?> settled = Future.succeededFuture();
      for (int i = 0; i < orders.size(); i++) {
        JsonNode order = orders.get(i);
        if (i == 0) {
          settled = settled.compose(v -> send(command("order.cancel",
              Json.object().put("orderId", order.path("orderId").asText()))));
        } else if (i % 10 == 0) {
          settled = settled.compose(v -> pay(order));
        }
      }
      return settled.compose(v -> send(Json.object().put("type", "ping"))).mapEmpty();
    }

    private ObjectNode order(String item, long expectedPrice) {
      return command("order.place", Json.object().put("itemId", item).put("qty", 1)
          .put("expectPriceCents", expectedPrice));
    }

    private ObjectNode command(String cmd, ObjectNode args) {
      ObjectNode frame = Json.object().put("type", "cmd").put("cmd", cmd);
      frame.set("args", args);
      return frame;
    }

    private Future<JsonNode> send(ObjectNode frame) {
      Promise<JsonNode> replied = Promise.promise();
      answer = replied;
      frame.put("id", Integer.toString(nextId++));
      socket.writeTextMessage(frame.toString());
      return replied.future().onComplete(done -> {
        if (done.failed()) {
          count("TRANSPORT");
        } else if (!"pong".equals(done.result().path("type").asText())) {
          count(done.result().path("ok").asBoolean() ? "OK" : done.result().path("error").path("code").asText("?"));
        }
      });
    }
  }

  /** The shop's payment system telling the server an order is paid (docs/protocol.md §Payments). */
  private Future<JsonNode> pay(JsonNode order) {
    String orderId = order.path("orderId").asText();
    ObjectNode notice = Json.object().put("showId", showId).put("orderId", orderId).put("status", "PAID")
        .put("paymentId", "warmup-" + orderId).put("amountCents", order.path("amountCents").asLong());
    byte[] body = Json.bytes(notice);
    return http.request(new RequestOptions().setMethod(HttpMethod.POST).setURI(path("/payments"))
            .putHeader("Content-Type", "application/json")
            .putHeader("X-Signature", Signatures.paymentSignature(paymentSecret, body)))
        .compose(request -> request.send(Buffer.buffer(body)))
        .compose(response -> response.body().map(answer -> response.statusCode()))
        .transform(done -> {
          count(done.succeeded() && done.result() == 200 ? "PAID" : "PAYMENT REFUSED");
          return Future.succeededFuture();
        });
  }

  // ---- REST ----

  private Future<JsonNode> control(String cmd, ObjectNode args) {
    ObjectNode body = Json.object().put("cmd", cmd);
    body.set("args", args);
    return call("POST", path("/commands"), controlToken, null, body);
  }

  private String path(String rest) {
    return "/api/shows/" + showId + rest;
  }

  /** A JSON call; an answer other than 2xx fails with its error code as the message. */
  private Future<JsonNode> call(String method, String uri, String token, String viewer, JsonNode body) {
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.valueOf(method)).setURI(uri)
        .putHeader("Content-Type", "application/json");
    if (token != null) {
      options.putHeader("Authorization", "Bearer " + token);
    }
    if (viewer != null) {
      options.putHeader("X-Viewer", viewer);
    }
    Buffer sent = body == null ? Buffer.buffer() : Buffer.buffer(Json.bytes(body));
    return http.request(options).compose(request -> request.send(sent))
        .compose(response -> response.body().compose(bytes -> {
          JsonNode answer;
          try {
            answer = Json.parse(bytes.getBytes());
          } catch (Exception e) {
            return Future.failedFuture(method + " " + uri + " answered " + response.statusCode());
          }
          return response.statusCode() < 300 ? Future.succeededFuture(answer)
              : Future.failedFuture(answer.path("error").path("code").asText("HTTP " + response.statusCode()));
        }));
  }

  private static String code(Throwable failure) {
    String message = failure.getMessage();
    return message != null && message.matches("[A-Z_]+") ? message : "TRANSPORT";
  }

  private void count(String code) {
    answers.merge(code, 1L, Long::sum);
  }
}
