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

/**
 * Load generator mode {@code comments}: viewer sockets that count the {@code comments} frames each gets
 * in each second, the first {@code posters} of them also posting comments when the bench says so.
 *
 * <p>Arguments: {@code sockets}, {@code posters}, {@code prefix}, {@code addresses}, {@code host},
 * {@code port}, {@code show}; {@code slot} and {@code slots} place this process's posters among every
 * generator's. A {@code post} command ({@code at} in wall-clock µs, {@code perSecond} over every generator,
 * {@code seconds}) has each poster post once a second, the posts of all of them evenly spread, each text
 * {@code q-<µs it was due>}; {@code report} answers with the posts' outcomes, the most comment frames
 * one socket got in one second, and how many sockets were told to resync, since the last report.
 */
final class CommentGen extends SocketGen {

  private final List<Viewer> viewers = new ArrayList<>();
  private final Map<String, Long> outcomes = new TreeMap<>();
  private long commentFrames;
  private int posted;

  CommentGen(Vertx vertx, Map<String, String> args, LoadGen commands) {
    super(vertx, args, commands);
  }

  @Override
  void run() throws Exception {
    List<WebSocketClient> clients = new ArrayList<>();
    for (String address : args.get("addresses").split(",")) {
      clients.add(client(address));
    }
    List<Promise<Void>> welcomed = new ArrayList<>();
    for (int i = 0; i < sockets; i++) {
      viewers.add(new Viewer(args.getOrDefault("prefix", "c") + i));
      welcomed.add(Promise.promise());
    }
    // 3,000 sockets a second, so the crowd's joins do not all land at once
    vertx.runOnContext(v -> connectSpread(viewers, clients, welcomed, 3_000, 0));
    try {
      Future.join(welcomed.stream().map(Promise::future).toList()).toCompletionStage().toCompletableFuture()
          .get(180, TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      System.err.println("comment generator: not every socket was welcomed in time; going on with those that were");
    }
    long connected = welcomed.stream().filter(p -> p.future().succeeded()).count();
    ready(connected);
    while (true) {
      JsonNode command = commands.awaitCommand();
      switch (command.path("cmd").asText()) {
        case "post" -> vertx.runOnContext(v -> new Posting(command).start());
        case "report" -> LoadGen.emit(onLoop(this::report, 30));
        default -> {
          return;
        }
      }
    }
  }

  private ObjectNode report() {
    int maxPerSecond = 0;
    for (Viewer viewer : viewers) {
      maxPerSecond = Math.max(maxPerSecond, viewer.maxPerSecond);
    }
    ObjectNode out = Json.object();
    out.put("event", "report");
    out.put("posted", posted);
    out.set("outcomes", Json.tree(outcomes));
    out.put("commentFrames", commentFrames);
    out.put("maxCommentFramesPerSocketSecond", maxPerSecond);
    out.put("resynced", resynced);
    resynced = 0;
    posted = 0;
    outcomes.clear();
    commentFrames = 0;
    viewers.forEach(viewer -> viewer.maxPerSecond = 0);
    return out;
  }

  /** Every poster posting once a second for {@code seconds}, the posts of all generators evenly spread. */
  private final class Posting {
    final long at;
    final long perSecond;
    final long total;
    final int posters;
    final int slot;
    final int slots;
    long sent;

    Posting(JsonNode command) {
      this.at = command.get("at").asLong();
      this.perSecond = command.get("perSecond").asLong();
      this.slots = slots();
      this.slot = slot();
      this.posters = Math.min(viewers.size(), Integer.parseInt(args.get("posters")));
      this.total = (long) posters * command.get("seconds").asLong();
    }

    /** When this process's {@code n}-th post is due: the generators' posts interleaved, {@code perSecond} in all. */
    long due(long n) {
      return at + (n * slots + slot) * 1_000_000L / perSecond;
    }

    void start() {
      vertx.setTimer(Math.max(1, (at - Micros.now()) / 1000), first -> vertx.setPeriodic(1, timer -> {
        long now = Micros.now();
        while (sent < total && due(sent) <= now) {
          long due = due(sent);
          viewers.get((int) (sent % posters)).post("q-" + due);
          sent++;
          posted++;
        }
        if (sent >= total) {
          vertx.cancelTimer(timer);
        }
      }));
    }
  }

  /** One viewer's socket: its comment frames counted per second, its posts' answers counted by outcome. */
  private final class Viewer extends Socket {
    long second;
    int inSecond;
    int maxPerSecond;
    int nextId;

    Viewer(String name) {
      super(name);
    }

    void post(String text) {
      if (ws != null) {
        ws.writeTextMessage("{\"type\":\"cmd\",\"id\":\"c" + nextId++ + "\",\"cmd\":\"comment.post\",\"args\":{\"text\":\""
            + text + "\"}}");
      }
    }

    @Override
    void received(String text) {
      if (text.startsWith("{\"type\":\"comments\"")) {
        commentFrames++;
        long now = Micros.now() / 1_000_000;
        if (now != second) {
          second = now;
          inSecond = 0;
        }
        inSecond++;
        maxPerSecond = Math.max(maxPerSecond, inSecond);
      } else if (text.contains("\"type\":\"reply\"")) {
        outcomes.merge(LoadGen.outcome(text), 1L, Long::sum);
      }
    }
  }
}
