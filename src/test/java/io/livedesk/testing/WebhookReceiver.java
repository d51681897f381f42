package io.livedesk.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.livedesk.json.Json;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A shop's webhook receiver on a free port of this machine, as the README's recipe writes one: it checks
 * the {@code Livedesk-Signature} with its own HMAC, and keeps every event it acknowledged, deduplicated by
 * id. {@link #answer} sets how it answers (a status, after a delay), {@link #down()} takes it off its port.
 */
public final class WebhookReceiver implements AutoCloseable {

  /** One request as it came. */
  public record Request(String signature, byte[] body, int answeredWith) {
    public JsonNode json() {
      try {
        return Json.parse(body);
      } catch (java.io.IOException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  private final Vertx vertx = Vertx.vertx();
  private HttpServer server;
  private int port;
  private volatile int status = 200;
  private volatile long delayMillis;
  private final List<Request> requests = new ArrayList<>();
  /** Acknowledged events by id, in the order they first arrived. */
  private final Map<String, JsonNode> acknowledged = new LinkedHashMap<>();

  public WebhookReceiver() throws Exception {
    up();
  }

  public String url() {
    return "http://127.0.0.1:" + port + "/hook";
  }

  /** Answers every request from now on with {@code status}, after {@code delayMillis}. */
  public void answer(int status, long delayMillis) {
    this.status = status;
    this.delayMillis = delayMillis;
  }

  /** Nothing listens on the port until {@link #up()}. */
  public void down() throws Exception {
    Futures.await(server.close());
  }

  public void up() throws Exception {
    server = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
      int answer = status;
      Request seen = new Request(request.getHeader("Livedesk-Signature"), body.getBytes(), answer);
      vertx.setTimer(Math.max(1, delayMillis), t -> {
        synchronized (this) {
          requests.add(seen);
          if (answer / 100 == 2) {
            for (JsonNode event : seen.json().get("events")) {
              acknowledged.putIfAbsent(event.get("id").asText(), event);
            }
          }
        }
        request.response().setStatusCode(answer).end();
      });
    }));
    port = Futures.await(server.listen(port)).actualPort();
  }

  public synchronized List<Request> requests() {
    return List.copyOf(requests);
  }

  /** Every event acknowledged at least once, in the order it first arrived. */
  public synchronized List<JsonNode> events() {
    return List.copyOf(acknowledged.values());
  }

  /** Whether {@code signature} holds a {@code v1} that is the HMAC of {@code t.body} under {@code secret}. */
  public static boolean verifies(String secret, String signature, byte[] body) throws Exception {
    String t = null;
    List<String> signatures = new ArrayList<>();
    for (String part : signature.split(",")) {
      if (part.startsWith("t=")) {
        t = part.substring(2);
      } else if (part.startsWith("v1=")) {
        signatures.add(part.substring(3));
      }
    }
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    mac.update((t + ".").getBytes(StandardCharsets.UTF_8));
    byte[] expected = HexFormat.of().formatHex(mac.doFinal(body)).getBytes(StandardCharsets.US_ASCII);
    boolean match = false;
    for (String candidate : signatures) {
      match |= MessageDigest.isEqual(expected, candidate.getBytes(StandardCharsets.US_ASCII));
    }
    return match && Math.abs(System.currentTimeMillis() / 1000 - Long.parseLong(t)) <= 300;
  }

  /** Waits until {@code condition} holds, at most {@code patience}; false if it never did. */
  public static boolean within(Duration patience, BooleanSupplier condition) throws InterruptedException {
    long until = System.nanoTime() + patience.toNanos();
    while (System.nanoTime() < until) {
      if (condition.getAsBoolean()) {
        return true;
      }
      Thread.sleep(20);
    }
    return condition.getAsBoolean();
  }

  @Override
  public void close() throws Exception {
    Futures.await(vertx.close());
  }
}
