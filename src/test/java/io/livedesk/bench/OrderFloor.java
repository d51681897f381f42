package io.livedesk.bench;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocketFrame;
import io.vertx.core.transport.Transport;
import java.nio.charset.StandardCharsets;

/**
 * The floor under an order's CPU: a bare Vert.x server on the same stack as Livedesk (this Vert.x, the
 * native transport, one event loop per core as Livedesk's default; no metrics and no compression handler,
 * which Livedesk's pipeline has) that answers the bench's order generators and does
 * nothing else. No parsing beyond finding the command's id, no decision, no journal, no fold, no staff
 * frames: its CPU per order is what receiving an order and sending its answer costs on this machine,
 * loopback TCP and the JVM included, and no server that answers orders over these sockets can spend less.
 * {@link OrderCpu} runs it with {@code floor=true}, with the same generators, rate and JVM options.
 *
 * <p>A WebSocket gets a first frame for its {@code connect}, then for each command one write of a reply
 * and an {@code order.placed} frame of Livedesk's sizes; a REST order ({@code POST …/commands}) an answer of
 * Livedesk's size. Prints {@code listening on http://127.0.0.1:PORT}.
 */
public final class OrderFloor {

  /** Livedesk's sizes for an order on the flow item, read off its answers (docs/benchmarks.md §Issue 19, sixth evening). */
  static final int WS_REPLY_BYTES = 170;
  static final int WS_PLACED_BYTES = 218;
  static final int REST_ANSWER_BYTES = 145;

  private OrderFloor() {
  }

  public static void main(String[] args) {
    Vertx vertx = Vertx.builder()
        .with(new VertxOptions().setEventLoopPoolSize(Runtime.getRuntime().availableProcessors()))
        .withTransport(Transport.nativeTransport())
        .build();
    Buffer restAnswer = Buffer.buffer(padded("{\"ok\":true,\"result\":{\"floor\":\"", REST_ANSWER_BYTES, "\"}}"));
    String placed = padded("{\"type\":\"event\",\"kind\":\"order.placed\",\"data\":{\"floor\":\"", WS_PLACED_BYTES,
        "\"}}");
    vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0).setTcpNoDelay(true))
        .webSocketHandler(ws -> answerCommands(ws, placed))
        .requestHandler(request -> {
          if (request.method() != HttpMethod.POST) {
            request.response().setStatusCode(404).end();
            return;
          }
          request.body().onSuccess(body -> request.response().putHeader("X-Content-Type-Options", "nosniff")
              .putHeader("Content-Type", "application/json; charset=utf-8").putHeader("Cache-Control", "no-store")
              .end(restAnswer));
        })
        .listen()
        .onSuccess(server -> System.out.println("livedesk floor listening on http://127.0.0.1:" + server.actualPort()))
        .onFailure(e -> {
          e.printStackTrace();
          System.exit(1);
        });
  }

  private static void answerCommands(ServerWebSocket ws, String placed) {
    boolean[] connected = {false};
    ws.textMessageHandler(text -> {
      if (!connected[0]) {
        connected[0] = true;
        ws.writeTextMessage("{\"type\":\"welcome\"}");
        return;
      }
      int at = text.indexOf("\"id\":\"");
      String id = text.substring(at + 6, text.indexOf('"', at + 6));
      String reply = padded("{\"type\":\"reply\",\"id\":\"" + id + "\",\"ok\":true,\"result\":{\"floor\":\"",
          WS_REPLY_BYTES, "\"}}");
      // Livedesk writes the buyer's own frame and the reply in one system call: so does the floor
      ws.writeFrame(WebSocketFrame.textFrame(placed, true));
      ws.writeTextMessage(reply);
    });
  }

  /** {@code head}, then padding, then {@code tail}: {@code size} bytes in all. */
  static String padded(String head, int size, String tail) {
    int pad = Math.max(0, size - head.getBytes(StandardCharsets.UTF_8).length - tail.length());
    return head + "x".repeat(pad) + tail;
  }
}
