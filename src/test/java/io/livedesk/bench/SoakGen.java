package io.livedesk.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.livedesk.json.Json;
import io.livedesk.testing.PaymentNotices;
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
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Load generator mode {@code soak}: an audience through a whole show ({@link SoakBench}). The viewers join
 * spread over the first seconds ({@code connectPerSecond}); then, at random and at the rates given per
 * connected viewer a minute, a viewer clicks the item on air ({@code clicksPerMinute}), orders one or two
 * units of it ({@code ordersPerMinute}), posts a comment ({@code commentsPerMinute}), or leaves and comes back
 * 1 to 4 s later ({@code leavesPerMinute}); during a lottery, orders go to the item listed last. Of the orders placed, {@code paidShare} are paid 0.5 to 3 s later
 * through the payment webhook, signed with {@code secret} as the shop's payment system would
 * (protocol.md §Payments), and {@code cancelledShare} cancelled; the rest stay pending. When a lottery opens,
 * {@code lotteryShare} of the viewers then connected enter it before it closes. A socket the server closes
 * (told to resync, protocol.md §WebSocket) comes back as a client would.
 *
 * <p>The item on air, the shelf and the lotteries are read from the public events every viewer gets
 * ({@code cue.changed}, {@code item.listed}, {@code item.delisted}, {@code lottery.opened}). Every action is counted when the server accepts it: joins (welcomes), distinct
 * viewers welcomed, clicks, orders with their units and amounts, payments answered {@code PAID} with their
 * amounts, comments, lottery entries; refusals by command and code. {@code stop} starts nothing new, lets
 * everything in flight finish (answers, payments due, comebacks) and answers {@code report} with the counts.
 *
 * <p>Arguments: {@code sockets}, {@code prefix}, {@code addresses}, {@code host}, {@code port}, {@code show},
 * {@code secret}, {@code seed} and the rates above.
 */
final class SoakGen extends SocketGen {

  private static final String[] COMMENTS = {"多少钱", "怎么买", "还有货吗", "发什么快递", "甜不甜", "主播好",
      "已下单", "什么时候发货", "能便宜点吗", "支持支持", "上链接", "好吃吗"};

  private final List<Viewer> viewers = new ArrayList<>();
  private final List<WebSocketClient> clients = new ArrayList<>();
  private final Random random;
  private final String show;
  private final String secret;
  /** Actions a connected viewer takes a minute: click, order, comment, leave. */
  private final double[] perMinute;
  private final double[] owed = new double[4];
  private final double paidShare;
  private final double cancelledShare;
  private final double lotteryShare;
  private final Map<String, Long> counts = new TreeMap<>();
  private final Map<String, Long> refusals = new TreeMap<>();
  private final Set<String> lotteriesSeen = new HashSet<>();
  private HttpClient payments;
  /** The item on air, from the latest {@code cue.changed}; null while a segment is. */
  private String onAir;
  private long latestCueSeq;
  /** Items on the shelf ({@code item.listed}), and the latest listed: what is ordered while a lottery is on air. */
  private final Set<String> listed = new HashSet<>();
  private String latestListed;
  private long latestListedSeq;
  private int connected;
  /** Payments sent and not answered yet; actions due later (payments, cancels, comebacks, lottery entries). */
  private long paymentsInFlight;
  private long actionsDue;
  private boolean stopping;

  SoakGen(Vertx vertx, Map<String, String> args, LoadGen commands) {
    super(vertx, args, commands);
    this.random = new Random(Long.parseLong(args.getOrDefault("seed", "1")));
    this.show = args.get("show");
    this.secret = args.get("secret");
    this.perMinute = new double[] {rate("clicksPerMinute", 2), rate("ordersPerMinute", 0.5),
        rate("commentsPerMinute", 0.5), rate("leavesPerMinute", 0.2)};
    this.paidShare = rate("paidShare", 0.8);
    this.cancelledShare = rate("cancelledShare", 0.05);
    this.lotteryShare = rate("lotteryShare", 0.5);
  }

  private double rate(String key, double otherwise) {
    return Double.parseDouble(args.getOrDefault(key, String.valueOf(otherwise)));
  }

  @Override
  void run() throws Exception {
    for (String address : args.get("addresses").split(",")) {
      clients.add(client(address));
    }
    for (int i = 0; i < sockets; i++) {
      viewers.add(new Viewer(args.getOrDefault("prefix", "s") + i, clients.get(i % clients.size())));
    }
    Promise<Void> allWelcomed = Promise.promise();
    vertx.runOnContext(v -> {
      payments = vertx.createHttpClient(new HttpClientOptions().setDefaultHost(args.get("host"))
          .setDefaultPort(Integer.parseInt(args.get("port"))).setKeepAlive(true), new PoolOptions().setHttp1MaxSize(16));
      List<Promise<Void>> welcomed = new ArrayList<>();
      viewers.forEach(viewer -> welcomed.add(viewer.joining()));
      Future.join(welcomed.stream().map(Promise::future).toList()).onComplete(done -> allWelcomed.complete());
      connectSpread(viewers, clients, welcomed, Integer.parseInt(args.getOrDefault("connectPerSecond", "1000")), 0);
    });
    try {
      allWelcomed.future().toCompletionStage().toCompletableFuture().get(180, TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      System.err.println("soak generator: not every viewer was welcomed in time; going on with those that were");
    }
    ready(onLoop(() -> (long) connected, 10));
    vertx.runOnContext(v -> vertx.setPeriodic(100, timer -> act()));
    while (true) {
      JsonNode command = commands.awaitCommand();
      if (!"stop".equals(command.path("cmd").asText())) {
        return;
      }
      onLoop(() -> stopping = true, 10);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (onLoop(() -> inFlight().size(), 10) > 0 && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      LoadGen.emit(onLoop(this::report, 30));
    }
  }

  /** A tenth of a second's actions: each kind at its rate a minute per viewer connected now, at random viewers. */
  private void act() {
    if (stopping) {
      return;
    }
    for (int kind = 0; kind < owed.length; kind++) {
      owed[kind] += perMinute[kind] * connected / 600.0;
      while (owed[kind] >= 1) {
        owed[kind]--;
        Viewer viewer = viewers.get(random.nextInt(viewers.size()));
        if (viewer.connected) {
          switch (kind) {
            case 0 -> viewer.click();
            case 1 -> viewer.order();
            case 2 -> viewer.comment();
            default -> viewer.leave();
          }
        }
      }
    }
  }

  private void count(String what, long by) {
    counts.merge(what, by, Long::sum);
  }

  private void refused(String what) {
    refusals.merge(what, 1L, Long::sum);
  }

  /** Runs {@code then} on the event loop after {@code millis}, held in flight until it has run. */
  private void later(long millis, Runnable then) {
    actionsDue++;
    vertx.setTimer(Math.max(1, millis), id -> {
      actionsDue--;
      then.run();
    });
  }

  /**
   * What is still under way, by kind: commands awaiting their answer (by command), joins awaiting their
   * welcome, payments awaiting theirs, actions due later. Empty once everything has been answered.
   */
  private Map<String, Long> inFlight() {
    Map<String, Long> under = new TreeMap<>();
    for (Viewer viewer : viewers) {
      viewer.pendingCommand.values().forEach(cmd -> under.merge(cmd, 1L, Long::sum));
      if (viewer.welcome != null && !viewer.welcome.future().isComplete()) {
        under.merge("join", 1L, Long::sum);
      }
    }
    if (paymentsInFlight > 0) {
      under.put("payment", paymentsInFlight);
    }
    if (actionsDue > 0) {
      under.put("due later", actionsDue);
    }
    return under;
  }

  private ObjectNode report() {
    ObjectNode out = Json.object();
    out.put("event", "report");
    out.set("counts", Json.tree(counts));
    out.set("refusals", Json.tree(refusals));
    out.put("resynced", resynced);
    out.put("connected", connected);
    out.set("stillInFlight", Json.tree(inFlight()));
    return out;
  }

  /** The item a viewer orders: the one on air when it is on the shelf, else the latest listed (during a lottery). */
  private String selling() {
    return onAir != null && listed.contains(onAir) ? onAir : latestListed;
  }

  /**
   * A public event every viewer gets: the item on air, items listed and delisted, lotteries opened. Every
   * socket gets each of them: one is taken once, by its seq.
   */
  private void publicEvent(String text) {
    int at = text.indexOf("\"kind\":\"");
    String kind = at < 0 ? "" : text.substring(at + 8, text.indexOf('"', at + 8));
    if (!List.of("cue.changed", "item.listed", "item.delisted", "lottery.opened").contains(kind)) {
      return;
    }
    JsonNode event;
    try {
      event = Json.parse(text);
    } catch (IOException e) {
      return;
    }
    long seq = event.path("seq").asLong();
    String itemId = event.path("data").hasNonNull("itemId") ? event.path("data").get("itemId").asText() : null;
    switch (kind) {
      case "cue.changed" -> {
        if (seq > latestCueSeq) {
          latestCueSeq = seq;
          onAir = itemId;
        }
      }
      case "item.listed" -> {
        listed.add(itemId);
        if (seq > latestListedSeq) {
          latestListedSeq = seq;
          latestListed = itemId;
        }
      }
      case "item.delisted" -> listed.remove(itemId);
      default -> lottery(event);
    }
  }

  /** A lottery opened: {@code lotteryShare} of the viewers connected now enter it over 70% of its countdown. */
  private void lottery(JsonNode event) {
    String lotteryId = event.path("data").path("lotteryId").asText();
    if (stopping || !lotteriesSeen.add(lotteryId)) {
      return;
    }
    long closesAt = event.path("data").path("closesAt").asLong(0);
    long window = closesAt > 0 ? Math.max(100, (closesAt - System.currentTimeMillis()) * 7 / 10) : 1_000;
    String enter = "{\"lotteryId\":\"" + lotteryId + "\"}";
    for (Viewer viewer : viewers) {
      if (viewer.connected && random.nextDouble() < lotteryShare) {
        later((long) (random.nextDouble() * window), () -> viewer.command("lottery.enter", enter,
            answer -> count("lotteryEntries", 1)));
      }
    }
  }

  /** One viewer: a socket at a time, its commands' answers matched by id. */
  private final class Viewer extends Socket {
    final WebSocketClient client;
    final Map<String, Consumer<String>> pending = new HashMap<>();
    final Map<String, String> pendingCommand = new HashMap<>();
    Promise<Void> welcome;
    boolean connected;
    boolean seen;
    int nextId;

    Viewer(String name, WebSocketClient client) {
      super(name);
      this.client = client;
    }

    /** A join under way: counted when its welcome comes. */
    Promise<Void> joining() {
      Promise<Void> promise = Promise.promise();
      welcome = promise;
      promise.future().onComplete(result -> {
        if (result.failed()) {
          count("joinsFailed", 1);
          return;
        }
        connected = true;
        SoakGen.this.connected++;
        count("joins", 1);
        if (!seen) {
          seen = true;
          count("viewers", 1);
        }
      });
      return promise;
    }

    void comeBackLater() {
      later(1_000 + random.nextInt(3_000), () -> reopen(client, joining()));
    }

    @Override
    void closed(WebSocket closed) {
      if (closed != ws) {
        // a socket this viewer left: its close may come after the comeback began, and is not the comeback's
        return;
      }
      welcome.tryFail("closed before its welcome");
      if (connected) {
        connected = false;
        SoakGen.this.connected--;
      }
      if (!pending.isEmpty()) {
        // answers that will never come: what the server did with those commands is not known here
        count("unanswered", pending.size());
        pending.clear();
        pendingCommand.clear();
      }
      if (!stopping) {
        count("closedByServer", 1);
        comeBackLater();
      }
    }

    /**
     * Leaves (closes the socket) when nothing is waiting for an answer, and comes back a little later. The
     * viewer is away from now on: the socket's close, whenever it comes, is no longer this viewer's.
     */
    void leave() {
      if (!pending.isEmpty()) {
        return;
      }
      count("leaves", 1);
      connected = false;
      SoakGen.this.connected--;
      WebSocket leaving = ws;
      ws = null;
      leaving.close();
      comeBackLater();
    }

    void click() {
      if (onAir != null) {
        command("viewer.click", "{\"itemId\":\"" + onAir + "\"}", answer -> count("clicks", 1));
      }
    }

    void comment() {
      command("comment.post", "{\"text\":\"" + COMMENTS[random.nextInt(COMMENTS.length)] + "\"}",
          answer -> count("comments", 1));
    }

    void order() {
      String item = selling();
      if (item == null) {
        return;
      }
      int qty = 1 + random.nextInt(2);
      command("order.place", "{\"itemId\":\"" + item + "\",\"qty\":" + qty + "}", answer -> {
        JsonNode result;
        try {
          result = Json.parse(answer).path("result");
        } catch (IOException e) {
          refused("order.place UNREADABLE");
          return;
        }
        String orderId = result.path("orderId").asText();
        long amount = result.path("amountCents").asLong();
        count("orders", 1);
        count("units", qty);
        count("orderCents", amount);
        double fate = random.nextDouble();
        if (fate < paidShare) {
          later(500 + random.nextInt(2_500), () -> pay(orderId, amount));
        } else if (fate < paidShare + cancelledShare) {
          later(500 + random.nextInt(2_500), () -> cancel(orderId));
        }
      });
    }

    private void cancel(String orderId) {
      if (connected) {
        command("order.cancel", "{\"orderId\":\"" + orderId + "\"}", answer -> count("cancelled", 1));
      } else {
        count("cancelSkippedAway", 1);
      }
    }

    /** The shop's payment system telling the server the order is paid (protocol.md §Payments). */
    private void pay(String orderId, long amount) {
      byte[] body = PaymentNotices.body(show, orderId, "PAID", "pay-" + orderId, amount);
      paymentsInFlight++;
      payments.request(new RequestOptions().setMethod(HttpMethod.POST).setURI("/api/shows/" + show + "/payments")
              .putHeader("Content-Type", "application/json")
              .putHeader("X-Signature", PaymentNotices.signature(secret, body)))
          .compose(request -> request.send(Buffer.buffer(body)))
          .compose(response -> response.body().map(answer -> response.statusCode() == 200
              && answer.toString().contains("\"status\":\"PAID\"") ? "PAID" : "HTTP " + response.statusCode()))
          .onComplete(done -> {
            paymentsInFlight--;
            if (done.succeeded() && "PAID".equals(done.result())) {
              count("payments", 1);
              count("paidCents", amount);
            } else {
              refused("payment " + (done.succeeded() ? done.result() : "TRANSPORT"));
            }
          });
    }

    /** Sends a command while connected; {@code accepted} gets the answer when it is OK, a refusal is counted. */
    void command(String cmd, String commandArgs, Consumer<String> accepted) {
      if (!connected) {
        return;
      }
      String id = Integer.toString(nextId++);
      pending.put(id, accepted);
      pendingCommand.put(id, cmd);
      ws.writeTextMessage("{\"type\":\"cmd\",\"id\":\"" + id + "\",\"cmd\":\"" + cmd + "\",\"args\":" + commandArgs + "}");
    }

    @Override
    void received(String text) {
      // a refusal's reply starts with its error: {"error":{…},"type":"reply","id":…,"ok":false}
      if (!text.contains("\"type\":\"reply\"")) {
        publicEvent(text);
        return;
      }
      int at = text.indexOf("\"id\":\"");
      if (at < 0) {
        return;
      }
      String id = text.substring(at + 6, text.indexOf('"', at + 6));
      Consumer<String> accepted = pending.remove(id);
      String cmd = pendingCommand.remove(id);
      if (accepted == null) {
        return;
      }
      String outcome = LoadGen.outcome(text);
      if ("OK".equals(outcome)) {
        accepted.accept(text);
      } else {
        refused(cmd + " " + outcome);
      }
    }
  }
}
