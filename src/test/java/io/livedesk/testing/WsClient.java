package io.livedesk.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.livedesk.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/** A WebSocket client for tests: every frame the server sends is queued, parsed, for the test to await. */
public final class WsClient implements AutoCloseable {

  private static final HttpClient CLIENT = HttpClient.newHttpClient();
  private final BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
  private final List<JsonNode> seen = new ArrayList<>();
  private final AtomicInteger ids = new AtomicInteger();
  private final WebSocket socket;
  private volatile Integer closeCode;

  private WsClient(String url) throws Exception {
    this(url, CLIENT);
  }

  private WsClient(String url, HttpClient client) throws Exception {
    socket = client.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
        .buildAsync(URI.create(url), new WholeMessages(this::received, code -> closeCode = code)).get(10, TimeUnit.SECONDS);
  }

  public static WsClient open(String url) throws Exception {
    return new WsClient(url);
  }

  /** Opens and sends the connect frame; returns the client with the welcome not yet consumed. */
  public static WsClient connect(String url, String role, String token, String viewer, Long after) throws Exception {
    return connect(url, connectFrame(role, token, viewer, after));
  }

  /** Opens through {@code client} (e.g. one trusting a test's own certificate, for WSS) and sends {@code connect}. */
  public static WsClient connect(HttpClient client, String url, ObjectNode connect) throws Exception {
    WsClient ws = new WsClient(url, client);
    ws.send(connect);
    return ws;
  }

  /** Opens and sends {@code connect}, a connect frame a test may have added to. */
  public static WsClient connect(String url, ObjectNode connect) throws Exception {
    WsClient client = new WsClient(url);
    client.send(connect);
    return client;
  }

  /** A connect frame for the role with whichever of token, viewer and after are not null. */
  public static ObjectNode connectFrame(String role, String token, String viewer, Long after) {
    ObjectNode connect = Json.object();
    connect.put("type", "connect");
    connect.put("role", role);
    if (token != null) {
      connect.put("token", token);
    }
    if (viewer != null) {
      connect.put("viewer", viewer);
    }
    if (after != null) {
      connect.put("after", after);
    }
    return connect;
  }

  public void send(JsonNode frame) {
    socket.sendText(Json.text(frame), true).join();
  }

  public void sendText(String text) {
    socket.sendText(text, true).join();
  }

  /** Sends a command and waits for its reply. */
  public JsonNode command(String cmd, ObjectNode args) throws InterruptedException {
    String id = "c" + ids.incrementAndGet();
    ObjectNode frame = Json.object();
    frame.put("type", "cmd");
    frame.put("id", id);
    frame.put("cmd", cmd);
    frame.set("args", args);
    send(frame);
    return await(f -> "reply".equals(f.path("type").asText()) && id.equals(f.path("id").asText()), 10_000);
  }

  /** The next frame matching, waiting up to {@code millis}; frames passed over stay in {@link #seen()}. */
  public JsonNode await(Predicate<JsonNode> matching, long millis) throws InterruptedException {
    long deadline = System.currentTimeMillis() + millis;
    while (true) {
      long left = deadline - System.currentTimeMillis();
      JsonNode frame = left <= 0 ? null : frames.poll(left, TimeUnit.MILLISECONDS);
      if (frame == null) {
        throw new AssertionError("no matching frame within " + millis + " ms; seen: " + seen);
      }
      synchronized (seen) {
        seen.add(frame);
      }
      if (matching.test(frame)) {
        return frame;
      }
    }
  }

  public JsonNode awaitType(String type) throws InterruptedException {
    return await(f -> type.equals(f.path("type").asText()), 10_000);
  }

  /** This socket once its welcome frame came, for a test that needs it ready but not the frame; closed if none comes. */
  public WsClient welcomed() throws InterruptedException {
    try {
      awaitType("welcome");
      return this;
    } catch (InterruptedException | RuntimeException | Error e) {
      close();
      throw e;
    }
  }

  public JsonNode awaitEvent(String kind) throws InterruptedException {
    return await(f -> "event".equals(f.path("type").asText()) && kind.equals(f.path("kind").asText()), 10_000);
  }

  /** The event of that kind among the frames already passed over by an await, else the next one to come. */
  public JsonNode event(String kind) throws InterruptedException {
    Predicate<JsonNode> matching = f -> "event".equals(f.path("type").asText()) && kind.equals(f.path("kind").asText());
    for (JsonNode frame : seen()) {
      if (matching.test(frame)) {
        return frame;
      }
    }
    return await(matching, 10_000);
  }

  /** Frames received and not yet awaited, without waiting. */
  public List<JsonNode> drain() {
    List<JsonNode> out = new ArrayList<>();
    frames.drainTo(out);
    synchronized (seen) {
      seen.addAll(out);
    }
    return out;
  }

  public List<JsonNode> seen() {
    synchronized (seen) {
      return List.copyOf(seen);
    }
  }

  public Integer closeCode() {
    return closeCode;
  }

  public boolean awaitClosed(long millis) throws InterruptedException {
    long deadline = System.currentTimeMillis() + millis;
    while (closeCode == null && System.currentTimeMillis() < deadline) {
      Thread.sleep(20);
    }
    return closeCode != null;
  }

  @Override
  public void close() {
    if (closeCode == null) {
      socket.abort();
    }
  }

  private void received(String text) {
    try {
      frames.add(Json.parse(text));
    } catch (Exception e) {
      frames.add(Json.object().put("type", "unparseable").put("text", text));
    }
  }
}
