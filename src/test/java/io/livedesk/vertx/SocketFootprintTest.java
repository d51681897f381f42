package io.livedesk.vertx;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import java.lang.ref.WeakReference;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Trimming an upgraded WebSocket on a real server: a Vert.x upgrade that moves the fields fails here by
 * name, the upgrade request is let go, and the socket still writes from any thread, in order, and closes.
 */
class SocketFootprintTest {

  private final Vertx vertx = Vertx.vertx();
  private final BlockingQueue<ServerWebSocket> upgraded = new LinkedBlockingQueue<>();
  private final BlockingQueue<Boolean> trimmed = new LinkedBlockingQueue<>();
  private final BlockingQueue<WeakReference<Object>> requests = new LinkedBlockingQueue<>();
  private HttpServer server;

  @BeforeEach
  void start() throws Exception {
    HttpServerOptions options = new HttpServerOptions().setHost("127.0.0.1").setPort(0)
        .setPerMessageWebSocketCompressionSupported(false).setPerFrameWebSocketCompressionSupported(false);
    server = vertx.createHttpServer(options)
        .webSocketHandshakeHandler(handshake -> {
          // the handshake is Vert.x's view of the upgrade request: it must not outlive the upgrade
          requests.add(new WeakReference<>(handshake));
          handshake.accept();
        })
        .webSocketHandler(ws -> {
          trimmed.add(SocketFootprint.trim(ws));
          upgraded.add(ws);
        })
        .listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private WebSocket connect(List<String> heard) throws Exception {
    WebSocketClient client = vertx.createWebSocketClient();
    WebSocket socket = client.connect(server.actualPort(), "127.0.0.1", "/ws")
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    socket.textMessageHandler(heard::add);
    return socket;
  }

  @Test
  @DisplayName("a real server WebSocket is trimmed: Vert.x's handler, its connection and write queue are where expected")
  void fieldsAreFound() throws Exception {
    connect(new CopyOnWriteArrayList<>());

    assertThat(trimmed.poll(5, TimeUnit.SECONDS))
        .as("VertxHandler.connectionFactory, VertxConnection.outboundMessageQueue, OutboundMessageQueue.mqp,"
            + " MessagePassingQueue.queue")
        .isTrue();
  }

  @Test
  @DisplayName("once trimmed, the upgrade request can be collected while the socket stays open")
  void upgradeRequestIsReleased() throws Exception {
    connect(new CopyOnWriteArrayList<>());
    assertThat(trimmed.poll(5, TimeUnit.SECONDS)).isTrue();
    WeakReference<Object> request = requests.poll(5, TimeUnit.SECONDS);

    for (int i = 0; i < 50 && request.get() != null; i++) {
      System.gc();
      Thread.sleep(20);
    }

    assertThat(request.get()).as("the handshake, with the request and HTTP connection it holds").isNull();
    assertThat(upgraded.peek().isClosed()).isFalse();
  }

  @Test
  @DisplayName("once trimmed, writes from threads other than the socket's loop all arrive, each thread's in order, and close works")
  void writesFromOtherThreadsStillArrive() throws Exception {
    List<String> heard = new CopyOnWriteArrayList<>();
    WebSocket client = connect(heard);
    assertThat(trimmed.poll(5, TimeUnit.SECONDS)).isTrue();
    ServerWebSocket ws = upgraded.poll(5, TimeUnit.SECONDS);
    CompletableFuture<Void> closed = new CompletableFuture<>();
    client.closeHandler(v -> closed.complete(null));

    Thread[] writers = new Thread[2];
    for (int t = 0; t < writers.length; t++) {
      String name = "w" + t + "-";
      writers[t] = new Thread(() -> {
        for (int i = 0; i < 500; i++) {
          ws.writeTextMessage(name + i);
        }
      });
      writers[t].start();
    }
    for (Thread writer : writers) {
      writer.join();
    }
    long until = System.currentTimeMillis() + 10_000;
    while (heard.size() < 1000 && System.currentTimeMillis() < until) {
      Thread.sleep(10);
    }

    assertThat(heard).hasSize(1000);
    for (String name : List.of("w0-", "w1-")) {
      assertThat(heard.stream().filter(m -> m.startsWith(name)).map(m -> Integer.parseInt(m.substring(3))).toList())
          .isSorted().hasSize(500);
    }
    ws.close();
    closed.get(5, TimeUnit.SECONDS);
  }
}
