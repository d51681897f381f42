package io.livedesk.commerce;

import static io.livedesk.testing.Futures.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.livedesk.json.Json;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Many viewer sockets on one client event loop group, light enough for a thousand in a test: each
 * socket only notes when frames it waits for arrive and counts the frames of kinds it is asked about.
 */
final class ViewerFleet implements AutoCloseable {

  /** One viewer's socket and what it received. */
  static final class Member {
    final String viewerId;
    final ConcurrentHashMap<String, Long> firstSeenNanos = new ConcurrentHashMap<>();
    final ConcurrentHashMap<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    volatile boolean welcomed;
    /** The command this member waits for the reply of, and that reply once it comes. */
    volatile String pendingId;
    volatile CompletableFuture<String> reply;
    WebSocket socket;

    Member(String viewerId) {
      this.viewerId = viewerId;
    }

    int count(String marker) {
      AtomicInteger count = counts.get(marker);
      return count == null ? 0 : count.get();
    }
  }

  private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
  private final WebSocketClient client;
  private final int port;
  private final String path;
  private final List<Member> members = new ArrayList<>();
  /** Text that marks a frame worth noting: the first arrival of each is timed, every arrival counted. */
  private final List<String> markers = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final AtomicInteger commandRounds = new AtomicInteger();

  ViewerFleet(int port, String path) {
    this.port = port;
    this.path = path;
    this.client = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(100_000)
        .setConnectTimeout(30_000));
  }

  /** Frames containing this text are timed and counted from now on. */
  void watchFor(String marker) {
    markers.add(marker);
  }

  /** Opens one socket per viewer, at most {@code batch} handshakes at a time, each waiting for its welcome. */
  void connect(List<String> viewerIds, int batch) throws Exception {
    for (int from = 0; from < viewerIds.size(); from += batch) {
      List<Future<WebSocket>> opening = new ArrayList<>();
      List<Member> joining = new ArrayList<>();
      for (String viewerId : viewerIds.subList(from, Math.min(viewerIds.size(), from + batch))) {
        Member member = new Member(viewerId);
        joining.add(member);
        opening.add(client.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI(path))
            .onSuccess(socket -> attach(member, socket)));
      }
      await(Future.all(opening), Duration.ofSeconds(60));
      members.addAll(joining);
    }
    awaitCount(member -> member.welcomed, 60_000);
  }

  private void attach(Member member, WebSocket socket) {
    member.socket = socket;
    socket.textMessageHandler(text -> {
      if (!member.welcomed && text.startsWith("{\"type\":\"welcome\"")) {
        member.welcomed = true;
      }
      String pending = member.pendingId;
      if (pending != null && text.contains("\"type\":\"reply\"") && text.contains("\"id\":\"" + pending + "\"")) {
        member.pendingId = null;
        member.reply.complete(text);
      }
      for (String marker : markers) {
        if (text.contains(marker)) {
          member.firstSeenNanos.putIfAbsent(marker, System.nanoTime());
          member.counts.computeIfAbsent(marker, m -> new AtomicInteger()).incrementAndGet();
        }
      }
    });
    socket.writeTextMessage("{\"type\":\"connect\",\"role\":\"viewer\",\"viewer\":\"" + member.viewerId + "\"}");
  }

  /**
   * Every member sends the same command over its socket at once, one each; their replies, parsed, in
   * member order.
   */
  List<JsonNode> commandEach(String cmd, ObjectNode args, Duration patience) throws Exception {
    String id = "each-" + commandRounds.incrementAndGet();
    String frame = "{\"type\":\"cmd\",\"id\":\"" + id + "\",\"cmd\":\"" + cmd + "\",\"args\":" + Json.text(args) + "}";
    for (Member member : members) {
      member.reply = new CompletableFuture<>();
      member.pendingId = id;
    }
    for (Member member : members) {
      member.socket.writeTextMessage(frame);
    }
    long deadline = System.nanoTime() + patience.toNanos();
    List<JsonNode> replies = new ArrayList<>();
    for (Member member : members) {
      String text = member.reply.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      replies.add(Json.parse(text));
    }
    return replies;
  }

  List<Member> members() {
    return members;
  }

  /** Waits until every member satisfies the condition; returns how many do when the time is up. */
  int awaitCount(java.util.function.Predicate<Member> condition, long millis) throws InterruptedException {
    long deadline = System.currentTimeMillis() + millis;
    int count;
    do {
      count = (int) members.stream().filter(condition).count();
      if (count == members.size()) {
        return count;
      }
      Thread.sleep(10);
    } while (System.currentTimeMillis() < deadline);
    return count;
  }

  /** Nanoseconds from {@code sentNanos} until the last member saw the marker. */
  long spreadNanos(String marker, long sentNanos) {
    return members.stream().mapToLong(member -> member.firstSeenNanos.get(marker)).max().orElseThrow() - sentNanos;
  }

  @Override
  public void close() throws Exception {
    await(vertx.close());
  }
}
