package io.livedesk.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.livedesk.json.Json;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Load generator mode {@code promo-ws}: buyers already connected, each sending one command when the bench
 * says so — spread evenly over a window, or all at the same instant — timed from when each was due.
 *
 * <p>Arguments: {@code sockets}, {@code prefix}, {@code address}, {@code host}, {@code port}, {@code show};
 * {@code slot} and {@code slots} place this process's buyers among every generator's in the window. Each
 * {@code fire} command ({@code at} in wall-clock µs, {@code spreadMicros}, {@code command}, {@code args})
 * answers {@code done} with the outcomes, the latency histogram and the last answer's instant.
 */
final class PromoGen extends SocketGen {

  private final List<Buyer> buyers = new ArrayList<>();
  private Round round;

  PromoGen(Vertx vertx, Map<String, String> args, LoadGen commands) {
    super(vertx, args, commands);
  }

  @Override
  void run() throws Exception {
    WebSocketClient client = client(args.get("address"));
    List<Future<Void>> welcomed = new ArrayList<>();
    for (int i = 0; i < sockets; i++) {
      Buyer buyer = new Buyer(args.getOrDefault("prefix", "p") + i);
      buyers.add(buyer);
      Promise<Void> ready = Promise.promise();
      welcomed.add(ready.future());
      vertx.runOnContext(v -> buyer.open(client, ready));
    }
    Future.join(new ArrayList<>(welcomed)).toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
    long connected = welcomed.stream().filter(Future::succeeded).count();
    ready(connected);
    while (true) {
      JsonNode command = commands.awaitCommand();
      if (!"fire".equals(command.path("cmd").asText())) {
        return;
      }
      Round current = new Round(command);
      vertx.runOnContext(v -> {
        round = current;
        current.start();
      });
      try {
        current.finished.future().toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
      } catch (java.util.concurrent.TimeoutException e) {
        System.err.println("promo generator: not every command was answered in time");
      }
      LoadGen.emit(onLoop(current::result, 10));
    }
  }

  /** One command from every buyer, each due at its own instant of the window. */
  private final class Round {
    final long at;
    final long spreadMicros;
    final String frameStart;
    final String frameEnd;
    final String id;
    final Histogram latency = Latency.histogram();
    final Map<String, Long> outcomes = new TreeMap<>();
    final Promise<Void> finished = Promise.promise();
    long lastAnswer;
    int sent;
    int answered;

    Round(JsonNode command) {
      this.at = command.get("at").asLong();
      this.spreadMicros = command.path("spreadMicros").asLong();
      this.id = "r" + at;
      this.frameStart = "{\"type\":\"cmd\",\"id\":\"" + id + "\",\"cmd\":\"" + command.get("command").asText()
          + "\",\"args\":";
      this.frameEnd = Json.text(command.get("args")) + "}";
    }

    /** When buyer {@code index} sends: evenly placed among every generator's buyers, the generators interleaved. */
    long due(int index) {
      long place = (long) index * slots() + slot();
      return at + spreadMicros * place / ((long) buyers.size() * slots());
    }

    void start() {
      long wait = (at - Micros.now()) / 1000;
      vertx.setTimer(Math.max(1, wait), first -> {
        sendDue();
        if (sent < buyers.size()) {
          vertx.setPeriodic(1, timer -> {
            sendDue();
            if (sent >= buyers.size()) {
              vertx.cancelTimer(timer);
            }
          });
        }
      });
    }

    private void sendDue() {
      long now = Micros.now();
      while (sent < buyers.size() && due(sent) <= now) {
        Buyer buyer = buyers.get(sent);
        buyer.dueMicros = due(sent);
        buyer.pendingId = id;
        buyer.ws.writeTextMessage(frameStart + frameEnd);
        sent++;
      }
    }

    void answered(Buyer buyer, String text) {
      long now = Micros.now();
      buyer.pendingId = null;
      latency.recordValue(Math.max(0, now - buyer.dueMicros));
      lastAnswer = Math.max(lastAnswer, now);
      outcomes.merge(LoadGen.outcome(text), 1L, Long::sum);
      answered++;
      if (answered >= buyers.size()) {
        finished.tryComplete();
      }
    }

    ObjectNode result() {
      ObjectNode out = Json.object();
      out.put("event", "done");
      out.set("outcomes", Json.tree(outcomes));
      out.put("unanswered", buyers.size() - answered);
      out.put("lastAnswer", lastAnswer);
      out.put("histogram", Latency.encode(latency));
      return out;
    }
  }

  /** One buyer's socket; a command in flight at most. */
  private final class Buyer extends Socket {
    String pendingId;
    long dueMicros;

    Buyer(String viewer) {
      super(viewer);
    }

    @Override
    void received(String text) {
      if (pendingId != null && text.contains("\"type\":\"reply\"") && text.contains("\"id\":\"" + pendingId + "\"")) {
        round.answered(this, text);
      }
    }
  }
}
