package io.livedesk.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.livedesk.json.Json;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
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
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * A load generator process, driven by the bench over stdin/stdout (one JSON object per line). It opens
 * many sockets from several loopback source addresses, or sends order commands as fast as the server
 * answers, and reports what it measured.
 *
 * <p>Modes: {@code fanout} (viewer sockets that time each price change they receive), {@code orders-rest}
 * and {@code orders-ws} (order commands with their acknowledgement latency), {@code promo-ws} (buyers
 * already connected sending one command each, see {@link PromoGen}), {@code comments} (viewers counting comment
 * frames, some of them posting, see {@link CommentGen}), {@code soak} (an audience through a whole show, counting
 * what it did, see {@link SoakGen}).
 */
public final class LoadGen {

  private final Map<String, String> args;
  private final Vertx vertx;
  private final BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));

  private LoadGen(Map<String, String> args) {
    this.args = args;
    this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(Integer.parseInt(args.getOrDefault("loops", "1"))));
  }

  public static void main(String[] argv) throws Exception {
    Map<String, String> args = new HashMap<>();
    for (String arg : argv) {
      int eq = arg.indexOf('=');
      args.put(arg.substring(0, eq), arg.substring(eq + 1));
    }
    LoadGen gen = new LoadGen(args);
    try {
      switch (args.get("mode")) {
        case "fanout" -> gen.fanout();
        case "orders-rest" -> gen.ordersRest();
        case "orders-ws" -> gen.ordersWs();
        case "promo-ws" -> new PromoGen(gen.vertx, args, gen).run();
        case "comments" -> new CommentGen(gen.vertx, args, gen).run();
        case "soak" -> new SoakGen(gen.vertx, args, gen).run();
        default -> throw new IllegalArgumentException("unknown mode " + args.get("mode"));
      }
    } finally {
      gen.vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
    System.exit(0);
  }

  static void emit(ObjectNode message) {
    synchronized (System.out) {
      System.out.println(Json.text(message));
      System.out.flush();
    }
  }

  JsonNode awaitCommand() throws Exception {
    String line = stdin.readLine();
    if (line == null) {
      System.exit(0);
    }
    return Json.parse(line);
  }

  // ---- fan-out ----

  /** Receipt times of each price (by its toCents), on the one event loop. */
  private final Map<Long, List<Long>> receipts = new HashMap<>();
  /** Every frame received after the welcome: price changes, ticks and anything else the server sent. */
  private long frames;
  /** Sockets the server closed asking for a resync: it found them too far behind. */
  private long resynced;
  /** When each frame since the mark arrived, to count those inside the window the server's CPU was read over. */
  private final List<Long> frameReceipts = new ArrayList<>();
  private final Map<String, Long> framesByKind = new TreeMap<>();

  private void fanout() throws Exception {
    int count = Integer.parseInt(args.get("count"));
    String[] addresses = args.get("addresses").split(",");
    boolean plain = "plain".equals(args.get("protocol"));
    String prefix = args.getOrDefault("prefix", "v");
    int perSecond = Integer.parseInt(args.getOrDefault("connectPerSecond", "3000"));
    List<WebSocketClient> clients = new ArrayList<>();
    for (String address : addresses) {
      clients.add(vertx.createWebSocketClient(new WebSocketClientOptions().setLocalAddress(address)
          .setMaxConnections(100_000).setConnectTimeout(30_000).setMaxFrameSize(1 << 20).setMaxMessageSize(1 << 20)));
    }
    int[] connected = {0};
    int[] failed = {0};
    Promise<Void> allDone = Promise.promise();
    long start = System.nanoTime();
    vertx.runOnContext(v -> connectBatch(clients, count, 0, perSecond, prefix, plain, connected, failed, allDone));
    try {
      // a cluster welcomes a socket only once its viewer's join is stored: give a crowd time
      allDone.future().toCompletionStage().toCompletableFuture()
          .get(Long.parseLong(args.getOrDefault("connectSeconds", "180")), TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      System.err.println("load generator: not every socket was welcomed in time; going on with those that were");
    }
    ObjectNode ready = Json.object();
    ready.put("event", "ready");
    ready.put("connected", connected[0]);
    ready.put("failed", failed[0]);
    ready.put("connectMs", (System.nanoTime() - start) / 1_000_000);
    emit(ready);

    JsonNode mark = awaitCommand();
    if ("mark".equals(mark.path("cmd").asText())) {
      Promise<Void> reset = Promise.promise();
      vertx.runOnContext(v -> {
        frames = 0;
        frameReceipts.clear();
        framesByKind.clear();
        reset.complete();
      });
      reset.future().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      emit(Json.object().put("event", "marked"));
    }
    JsonNode report = awaitCommand();
    Histogram histogram = Latency.histogram();
    long[] firstLast = {Long.MAX_VALUE, 0};
    long[] received = {0};
    long[] framesInWindow = {0};
    long until = report.path("until").asLong(Long.MAX_VALUE);
    Map<Long, Long> sends = new HashMap<>();
    report.get("sends").forEach(pair -> sends.put(pair.get(0).asLong(), pair.get(1).asLong()));
    Promise<Void> computed = Promise.promise();
    vertx.runOnContext(v -> {
      receipts.forEach((price, times) -> {
        Long sent = sends.get(price);
        for (long at : times) {
          received[0]++;
          firstLast[0] = Math.min(firstLast[0], at);
          firstLast[1] = Math.max(firstLast[1], at);
          if (sent != null) {
            histogram.recordValue(Math.max(0, at - sent));
          }
        }
      });
      framesInWindow[0] = frameReceipts.stream().filter(at -> at <= until).count();
      computed.complete();
    });
    computed.future().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    ObjectNode out = Json.object();
    out.put("event", "report");
    out.put("received", received[0]);
    out.put("frames", frames);
    out.put("framesInWindow", framesInWindow[0]);
    out.put("resynced", resynced);
    out.set("framesByKind", Json.tree(framesByKind));
    out.put("firstReceipt", firstLast[0]);
    out.put("lastReceipt", firstLast[1]);
    out.put("histogram", Latency.encode(histogram));
    emit(out);
    awaitCommand();
  }

  private void connectBatch(List<WebSocketClient> clients, int count, int from, int perSecond, String prefix,
      boolean plain, int[] connected, int[] failed, Promise<Void> done) {
    int batch = Math.max(1, perSecond / 20);
    int to = Math.min(count, from + batch);
    for (int i = from; i < to; i++) {
      WebSocketClient client = clients.get(i % clients.size());
      String viewer = prefix + i;
      client.connect(new WebSocketConnectOptions().setHost(args.get("host")).setPort(Integer.parseInt(args.get("port")))
          .setURI(args.get("path"))).onComplete(result -> {
            if (result.failed()) {
              failed[0]++;
              finish(count, connected, failed, done);
              return;
            }
            WebSocket ws = result.result();
            boolean[] welcomed = {plain};
            ws.textMessageHandler(text -> {
              if (!welcomed[0]) {
                welcomed[0] = true;
                connected[0]++;
                finish(count, connected, failed, done);
                return;
              }
              recordPrice(text);
            });
            ws.exceptionHandler(e -> { });
            ws.closeHandler(v -> {
              if (ws.closeStatusCode() != null && ws.closeStatusCode() == 4408) {
                resynced++;
              }
            });
            if (plain) {
              connected[0]++;
              finish(count, connected, failed, done);
            } else {
              ws.writeTextMessage("{\"type\":\"connect\",\"role\":\"viewer\",\"viewer\":\"" + viewer + "\"}");
            }
          });
    }
    if (to < count) {
      vertx.setTimer(50, id -> connectBatch(clients, count, to, perSecond, prefix, plain, connected, failed, done));
    }
  }

  private static void finish(int count, int[] connected, int[] failed, Promise<Void> done) {
    if (connected[0] + failed[0] >= count) {
      done.tryComplete();
    }
  }

  private void recordPrice(String text) {
    long at = Micros.now();
    frames++;
    frameReceipts.add(at);
    int kindAt = text.indexOf("\"kind\":\"");
    String frameKind = kindAt >= 0 ? text.substring(kindAt + 8, text.indexOf('"', kindAt + 8))
        : text.startsWith("{\"type\":\"") ? text.substring(9, text.indexOf('"', 9)) : "?";
    framesByKind.merge(frameKind, 1L, Long::sum);
    int kind = text.indexOf("item.price_changed");
    if (kind < 0) {
      return;
    }
    int field = text.indexOf("\"toCents\":");
    if (field < 0) {
      return;
    }
    int i = field + 10;
    long value = 0;
    while (i < text.length() && Character.isDigit(text.charAt(i))) {
      value = value * 10 + (text.charAt(i++) - '0');
    }
    receipts.computeIfAbsent(value, v -> new ArrayList<>()).add(at);
  }

  // ---- orders over REST ----

  private void ordersRest() throws Exception {
    String host = args.get("host");
    int port = Integer.parseInt(args.get("port"));
    int concurrency = Integer.parseInt(args.get("concurrency"));
    HttpClient client = vertx.createHttpClient(new HttpClientOptions().setDefaultHost(host).setDefaultPort(port)
        .setKeepAlive(true).setLocalAddress(args.getOrDefault("address", null))
        // gzip=true: ask for compressed answers, as browsers and mini-programs do
        .setDecompressionSupported(Boolean.parseBoolean(args.getOrDefault("gzip", "false"))),
        new PoolOptions().setHttp1MaxSize(concurrency));
    long warmup = Long.parseLong(args.getOrDefault("warmupMs", "0"));
    if (warmup > 0) {
      // this process's own hot paths compile here, and its connections open, before anything is measured
      OrderRun warm = new OrderRun(warmup, Double.parseDouble(args.getOrDefault("rate", "0")),
          "warm-" + args.getOrDefault("prefix", "b"));
      warm.begin();
      // the same path as the measured run: paced when it is paced, else as fast as answers come
      restOrders(client, warm, concurrency);
    }
    OrderRun run = new OrderRun();
    emit(Json.object().put("event", "ready"));
    awaitCommand();
    run.begin();
    restOrders(client, run, concurrency);
    emit(run.result());
    awaitCommand();
  }

  /** Sends a begun run's orders over REST, paced when it has a rate, else on every lane as fast as answers come. */
  private void restOrders(HttpClient client, OrderRun run, int concurrency) throws Exception {
    if (run.rate > 0) {
      run.lanes = 1;
      vertx.runOnContext(v -> pace(run, scheduled -> restSend(client, run, scheduled, run.nextViewer())));
    } else {
      for (int lane = 0; lane < concurrency; lane++) {
        vertx.runOnContext(v -> restLane(client, run));
      }
    }
    run.finished.future().toCompletionStage().toCompletableFuture().get(run.timeoutSeconds(), TimeUnit.SECONDS);
  }

  /**
   * Open loop: commands go out at a fixed rate whatever the answers do, and each latency counts from
   * when its command was due, so a server that stalls cannot hide its stall by slowing the sender.
   */
  private void pace(OrderRun run, java.util.function.LongConsumer send) {
    long[] issued = {0};
    vertx.setPeriodic(1, timer -> {
      long now = System.nanoTime();
      long due = (long) ((now - run.startedNanos) / 1e9 * run.rate);
      while (issued[0] < due && run.more()) {
        send.accept(run.startedNanos + (long) (issued[0] * 1e9 / run.rate));
        issued[0]++;
        run.outstanding++;
      }
      if (!run.more()) {
        vertx.cancelTimer(timer);
        run.pacingDone = true;
        run.maybeDone();
      }
    });
  }

  private void restSend(HttpClient client, OrderRun run, long scheduled, String viewer) {
    restOrder(client, run, viewer, orderBody(), scheduled, () -> {
      run.outstanding--;
      run.maybeDone();
    });
  }

  private void restLane(HttpClient client, OrderRun run) {
    String viewer = run.nextViewer();
    if (viewer == null) {
      run.laneDone();
      return;
    }
    String body = orderBody();
    long sent = System.nanoTime();
    restOrder(client, run, viewer, body, sent, () -> restLane(client, run));
  }

  /** The REST command placing one unit of the item. */
  private String orderBody() {
    return "{\"cmd\":\"order.place\",\"args\":{\"itemId\":\"" + args.get("item") + "\",\"qty\":1}}";
  }

  /** Posts a viewer's order; its answer is recorded as timed from {@code since}, a lost one as TRANSPORT, then {@code then}. */
  private void restOrder(HttpClient client, OrderRun run, String viewer, String body, long since, Runnable then) {
    client.request(new RequestOptions().setMethod(HttpMethod.POST).setURI("/api/shows/" + args.get("show") + "/commands")
            .putHeader("X-Viewer", viewer).putHeader("Content-Type", "application/json"))
        .compose(request -> request.send(Buffer.buffer(body)))
        .compose(response -> response.body().map(answer -> run.record(since, answer.toString())))
        .onComplete(done -> {
          if (done.failed()) {
            run.error("TRANSPORT");
          }
          then.run();
        });
  }

  // ---- orders over WebSocket ----

  private void ordersWs() throws Exception {
    int count = Integer.parseInt(args.get("sockets"));
    int inflight = Integer.parseInt(args.getOrDefault("inflight", "4"));
    WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions()
        .setLocalAddress(args.getOrDefault("address", null)).setMaxConnections(100_000)
        .setMaxFrameSize(1 << 20).setMaxMessageSize(1 << 20));
    OrderRun run = new OrderRun();
    List<OrderSocket> sockets = new ArrayList<>();
    List<Future<Void>> welcomed = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      OrderSocket socket = new OrderSocket(args.getOrDefault("prefix", "w") + i, run);
      sockets.add(socket);
      Promise<Void> ready = Promise.promise();
      welcomed.add(ready.future());
      vertx.runOnContext(v -> socket.open(client, ready));
    }
    Future.join(new ArrayList<>(welcomed)).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    long warmup = Long.parseLong(args.getOrDefault("warmupMs", "0"));
    if (warmup > 0) {
      OrderRun warm = new OrderRun(warmup, Double.parseDouble(args.getOrDefault("rate", "0")), "warm");
      warm.lanes = warm.rate > 0 ? 1 : sockets.size();
      warm.begin();
      int[] next = {0};
      vertx.runOnContext(v -> {
        sockets.forEach(socket -> socket.run = warm);
        if (warm.rate > 0) {
          pace(warm, scheduled -> sockets.get(next[0]++ % sockets.size()).sendAt(scheduled));
        } else {
          sockets.forEach(socket -> {
            for (int k = 0; k < inflight; k++) {
              socket.sendNext();
            }
          });
        }
      });
      warm.finished.future().toCompletionStage().toCompletableFuture().get(warm.timeoutSeconds(), TimeUnit.SECONDS);
      vertx.runOnContext(v -> sockets.forEach(socket -> {
        socket.run = run;
        socket.done = false;
        socket.sent = 0;
      }));
    }
    run.lanes = sockets.size();
    emit(Json.object().put("event", "ready").put("connected", sockets.size()));
    awaitCommand();
    run.begin();
    if (run.rate > 0) {
      run.lanes = 1;
      int[] next = {0};
      vertx.runOnContext(v -> pace(run, scheduled -> sockets.get(next[0]++ % sockets.size()).sendAt(scheduled)));
    } else {
      vertx.runOnContext(v -> sockets.forEach(socket -> {
        for (int k = 0; k < inflight; k++) {
          socket.sendNext();
        }
      }));
    }
    run.finished.future().toCompletionStage().toCompletableFuture().get(run.timeoutSeconds(), TimeUnit.SECONDS);
    emit(run.result());
    awaitCommand();
  }

  /**
   * A viewer's socket to the show of {@code args}: its welcome completes {@code ready}, every later frame goes
   * to {@code frames}.
   */
  static Future<WebSocket> viewerSocket(WebSocketClient client, Map<String, String> args, String viewer,
      Promise<Void> ready, Handler<String> frames) {
    return client.connect(new WebSocketConnectOptions().setHost(args.get("host"))
        .setPort(Integer.parseInt(args.get("port"))).setURI("/ws/shows/" + args.get("show"))).onSuccess(ws -> {
          ws.textMessageHandler(text -> {
            if (!ready.future().isComplete()) {
              ready.complete();
            } else {
              frames.handle(text);
            }
          });
          ws.exceptionHandler(e -> { });
          ws.writeTextMessage("{\"type\":\"connect\",\"role\":\"viewer\",\"viewer\":\"" + viewer + "\"}");
        }).onFailure(ready::tryFail);
  }

  /** What a command's answer says: OK, or its error's code. */
  static String outcome(String answer) {
    if (answer.contains("\"ok\":true")) {
      return "OK";
    }
    int at = answer.indexOf("\"code\":\"");
    return at < 0 ? "UNKNOWN" : answer.substring(at + 8, answer.indexOf('"', at + 8));
  }

  /** One viewer's socket sending order commands, several in flight, each timed to its reply. */
  private final class OrderSocket {
    final String viewer;
    OrderRun run;
    final Map<String, Long> pending = new HashMap<>();
    WebSocket ws;
    boolean done;
    int sent;

    OrderSocket(String viewer, OrderRun run) {
      this.viewer = viewer;
      this.run = run;
    }

    void open(WebSocketClient client, Promise<Void> ready) {
      viewerSocket(client, args, viewer, ready, text -> {
        if (text.contains("\"type\":\"reply\"")) {
          reply(text);
        }
      }).onSuccess(opened -> {
        ws = opened;
        // a socket the server closed (too far behind) answers nothing more: its commands count as lost
        ws.closeHandler(v -> {
          pending.keySet().forEach(id -> run.error("CLOSED"));
          pending.clear();
          if (!done) {
            done = true;
            run.laneDone();
          }
        });
      });
    }

    void reply(String text) {
      int at = text.indexOf("\"id\":\"");
      Long sent = pending.remove(text.substring(at + 6, text.indexOf('"', at + 6)));
      if (sent == null) {
        return;
      }
      run.record(sent, text);
      if (run.rate > 0) {
        run.outstanding--;
        run.maybeDone();
      } else {
        sendNext();
      }
    }

    /** Open loop: one command due at {@code scheduled}. */
    void sendAt(long scheduled) {
      String id = Long.toString(run.nextId());
      pending.put(id, scheduled);
      ws.writeTextMessage("{\"type\":\"cmd\",\"id\":\"" + id + "\",\"cmd\":\"order.place\",\"args\":{\"itemId\":\""
          + args.get("item") + "\",\"qty\":1}}");
    }

    void sendNext() {
      boolean oncePerViewer = Boolean.parseBoolean(args.getOrDefault("once", "false"));
      if (!run.more() || (oncePerViewer && sent > 0)) {
        if (pending.isEmpty() && !done) {
          done = true;
          run.laneDone();
        }
        return;
      }
      String id = Long.toString(run.nextId());
      sent++;
      pending.put(id, System.nanoTime());
      ws.writeTextMessage("{\"type\":\"cmd\",\"id\":\"" + id + "\",\"cmd\":\"order.place\",\"args\":{\"itemId\":\""
          + args.get("item") + "\",\"qty\":1}}");
    }
  }

  /** One run of order commands: either one per viewer (a race) or as many as fit in a duration. */
  private final class OrderRun {
    final Histogram latency = Latency.histogram();
    final List<Long> worstBySecond = new ArrayList<>();
    final Map<String, Long> outcomes = new TreeMap<>();
    final Promise<Void> finished = Promise.promise();
    final int viewers = Integer.parseInt(args.getOrDefault("viewers", "0"));
    final long durationMillis;
    /** Commands a second in open loop; 0 for a closed loop that sends as fast as answers come. */
    final double rate;
    long outstanding;
    boolean pacingDone;
    final String prefix;

    OrderRun() {
      this(Long.parseLong(args.getOrDefault("durationMs", "0")), Double.parseDouble(args.getOrDefault("rate", "0")),
          args.getOrDefault("prefix", "b"));
    }

    /** A closed-loop run of its own, to warm up before measuring. */
    OrderRun(long durationMillis, double rate, String prefix) {
      this.durationMillis = durationMillis;
      this.rate = rate;
      this.prefix = prefix;
    }
    int nextViewer;
    long ids;
    long startedNanos;
    long lanesDone;
    long lanes = Long.parseLong(args.getOrDefault("concurrency", "1"));
    long endedNanos;

    void begin() {
      startedNanos = System.nanoTime();
    }

    long timeoutSeconds() {
      return durationMillis > 0 ? durationMillis / 1000 + 60 : 120;
    }

    boolean more() {
      if (durationMillis > 0) {
        return System.nanoTime() - startedNanos < durationMillis * 1_000_000;
      }
      return nextViewer < viewers;
    }

    String nextViewer() {
      if (!more()) {
        return null;
      }
      if (durationMillis > 0) {
        return prefix + (nextViewer++ % Math.max(1, viewers));
      }
      return prefix + nextViewer++;
    }

    long nextId() {
      nextViewer++;
      return ++ids;
    }

    Void record(long sentNanos, String answer) {
      long now = System.nanoTime();
      long micros = Math.max(0, (now - sentNanos) / 1000);
      latency.recordValue(micros);
      // the worst latency of each second of the run, to tell a steady tail from one stall
      int second = (int) Math.max(0, (now - startedNanos) / 1_000_000_000L);
      while (worstBySecond.size() <= second) {
        worstBySecond.add(0L);
      }
      worstBySecond.set(second, Math.max(worstBySecond.get(second), micros));
      outcomes.merge(outcome(answer), 1L, Long::sum);
      return null;
    }

    void error(String code) {
      outcomes.merge(code, 1L, Long::sum);
    }

    void maybeDone() {
      if (pacingDone && outstanding == 0) {
        laneDone();
      }
    }

    void laneDone() {
      lanesDone++;
      endedNanos = System.nanoTime();
      if (lanesDone >= lanes) {
        finished.tryComplete();
      }
    }

    ObjectNode result() {
      ObjectNode out = Json.object();
      out.put("event", "done");
      out.set("outcomes", Json.tree(outcomes));
      out.put("elapsedMs", (endedNanos - startedNanos) / 1_000_000);
      out.put("histogram", Latency.encode(latency));
      out.set("worstMsBySecond", Json.tree(worstBySecond.stream().map(micros -> micros / 1000).toList()));
      return out;
    }
  }
}
