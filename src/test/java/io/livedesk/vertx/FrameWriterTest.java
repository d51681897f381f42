package io.livedesk.vertx;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocket;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Writing encoded frames under Vert.x's WebSocket, and lifting its idle timeout, on a real server read by a
 * raw TCP client: a Vert.x or Netty upgrade that moves the encoder or the idle handler fails here by name,
 * and the public way is shown to put the same bytes on the wire.
 */
class FrameWriterTest {

  private static final int IDLE_SECONDS = 1;

  private final Vertx vertx = Vertx.vertx();
  private final BlockingQueue<Upgraded> upgraded = new LinkedBlockingQueue<>();
  private HttpServer server;

  /** A server socket and the context its handlers run on. */
  private record Upgraded(ServerWebSocket ws, Context context) {
    /** Runs {@code action} on the socket's context and waits for it. */
    <T> T on(Function<ServerWebSocket, T> action) throws Exception {
      CompletableFuture<T> result = new CompletableFuture<>();
      context.runOnContext(v -> {
        try {
          result.complete(action.apply(ws));
        } catch (RuntimeException e) {
          result.completeExceptionally(e);
        }
      });
      return result.get(5, TimeUnit.SECONDS);
    }
  }

  @BeforeEach
  void start() throws Exception {
    // as the server's own options (http.ApiServer): no compression, an idle timeout
    HttpServerOptions options = new HttpServerOptions().setHost("127.0.0.1").setPort(0)
        .setPerMessageWebSocketCompressionSupported(false)
        .setPerFrameWebSocketCompressionSupported(false)
        .setIdleTimeout(IDLE_SECONDS);
    server = vertx.createHttpServer(options)
        .webSocketHandler(ws -> upgraded.add(new Upgraded(ws, Vertx.currentContext())))
        .listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  /** Frames of each length encoding: 7 bits, 16 bits, 64 bits; Chinese text to count bytes, not chars. */
  private static List<WireFrame> frames() {
    return List.of(
        WireFrame.text("{\"type\":\"pong\"}".getBytes(StandardCharsets.UTF_8)),
        WireFrame.text(("{\"note\":\"" + "上架".repeat(100) + "\"}").getBytes(StandardCharsets.UTF_8)),
        WireFrame.text(("{\"snapshot\":\"" + "x".repeat(70_000) + "\"}").getBytes(StandardCharsets.UTF_8)));
  }

  private static byte[] concat(List<WireFrame> frames) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    frames.forEach(frame -> out.writeBytes(frame.bytes()));
    return out.toByteArray();
  }

  @Test
  @DisplayName("a real server WebSocket has the 'wsencoder' handler, so frames skip Vert.x's encoding")
  void encoderIsFound() throws Exception {
    try (RawClient client = RawClient.connect(server.actualPort())) {
      Upgraded socket = upgraded.poll(5, TimeUnit.SECONDS);

      assertThat(socket.on(FrameWriter::of))
          .as("Netty's encoder named '" + FrameWriter.ENCODER + "' under WebSocketInternal.channelHandlerContext()")
          .isInstanceOf(FrameWriter.Pipeline.class);
    }
  }

  @Test
  @DisplayName("encoded frames written down the pipeline arrive at a real client byte for byte")
  void pipelineBytesArriveIntact() throws Exception {
    assertWrittenBytesArrive(FrameWriter::of);
  }

  @Test
  @DisplayName("the public way puts the same bytes on the wire")
  void publicWayWritesTheSameBytes() throws Exception {
    assertWrittenBytesArrive(FrameWriter.Public::new);
  }

  private void assertWrittenBytesArrive(Function<ServerWebSocket, FrameWriter> writers) throws Exception {
    List<WireFrame> frames = frames();
    try (RawClient client = RawClient.connect(server.actualPort())) {
      Upgraded socket = upgraded.poll(5, TimeUnit.SECONDS);

      socket.on(ws -> {
        FrameWriter writer = writers.apply(ws);
        assertThat(writer.writable()).isTrue();
        writer.write(frames.get(0));
        writer.write(frames.get(1));
        writer.flush();
        writer.send(frames.get(2));
        writer.send(frames.get(0));
        return writer;
      });

      byte[] expected = concat(List.of(frames.get(0), frames.get(1), frames.get(2), frames.get(0)));
      assertThat(client.read(expected.length)).isEqualTo(expected);
      // the shared frame is untouched by the channels that took it
      assertThat(frames.get(0).bytes()).isEqualTo(WireFrame.text("{\"type\":\"pong\"}".getBytes(StandardCharsets.UTF_8)).bytes());
    }
  }

  @Test
  @DisplayName("inside one held task a socket's sends and flushes leave in one flush at the task's end, in order;"
      + " outside it every send is flushed at once")
  void heldFlushesLeaveOnceAtTheEndOfTheTask() throws Exception {
    List<WireFrame> frames = frames();
    try (RawClient client = RawClient.connect(server.actualPort())) {
      Upgraded socket = upgraded.poll(5, TimeUnit.SECONDS);
      AtomicInteger flushes = new AtomicInteger();
      List<Integer> seenInside = new ArrayList<>();

      int afterTask = socket.on(ws -> {
        SocketChannels.of(ws).pipeline().addBefore(FrameWriter.ENCODER, "count-flushes",
            new ChannelOutboundHandlerAdapter() {
              @Override
              public void flush(ChannelHandlerContext ctx) {
                flushes.incrementAndGet();
                ctx.flush();
              }
            });
        FrameWriter writer = FrameWriter.of(ws);
        FrameWriter.holdingFlushes(() -> {
          writer.send(frames.get(0));
          writer.write(frames.get(1));
          writer.flush();
          FrameWriter.holdingFlushes(() -> writer.send(frames.get(2)));
          seenInside.add(flushes.get());
        });
        int held = flushes.get();
        writer.send(frames.get(0));
        writer.send(frames.get(1));
        return held;
      });

      assertThat(seenInside).containsExactly(0);
      assertThat(afterTask).isEqualTo(1);
      assertThat(flushes.get()).isEqualTo(3);
      byte[] expected = concat(List.of(frames.get(0), frames.get(1), frames.get(2), frames.get(0), frames.get(1)));
      assertThat(client.read(expected.length)).isEqualTo(expected);
    }
  }

  @Test
  @DisplayName("a WebSocket has Vert.x's 'idle' handler, and once it is lifted the socket outlives the idle timeout")
  void idleHandlerIsLifted() throws Exception {
    try (RawClient client = RawClient.connect(server.actualPort())) {
      Upgraded socket = upgraded.poll(5, TimeUnit.SECONDS);

      boolean found = socket.on(ws -> SocketChannels.of(ws).pipeline().get(IdleExemption.IDLE_HANDLER) != null);
      socket.on(ws -> {
        IdleExemption.exempt(vertx, ws, IDLE_SECONDS * 1000L);
        return null;
      });

      assertThat(found).as("the handler named '" + IdleExemption.IDLE_HANDLER + "' enforcing the idle timeout").isTrue();
      assertThat(client.silentFor(3 * IDLE_SECONDS * 1000)).as("nothing arrives, and the socket stays open").isEmpty();
      assertThat(socket.ws().isClosed()).isFalse();
    }
  }

  @Test
  @DisplayName("without the exemption a quiet WebSocket is closed after the idle timeout (so the tests above mean something)")
  void quietSocketIsClosedUnlessExempt() throws Exception {
    try (RawClient client = RawClient.connect(server.actualPort())) {
      upgraded.poll(5, TimeUnit.SECONDS);

      assertThat(client.closedWithin(5 * IDLE_SECONDS * 1000)).isTrue();
    }
  }

  @Test
  @DisplayName("the public way keeps a quiet WebSocket open past the idle timeout by pinging it")
  void publicWayPingsThroughTheIdleTimeout() throws Exception {
    try (RawClient client = RawClient.connect(server.actualPort())) {
      Upgraded socket = upgraded.poll(5, TimeUnit.SECONDS);
      socket.on(ws -> {
        IdleExemption.pingWhileOpen(vertx, ws, IDLE_SECONDS * 1000L);
        return null;
      });

      byte[] heard = client.silentFor(3 * IDLE_SECONDS * 1000);

      assertThat(heard).as("empty ping frames").isNotEmpty().startsWith(0x89, 0x00);
      assertThat(socket.ws().isClosed()).isFalse();
    }
  }

  /** A WebSocket client on a plain TCP socket: it reads the frames' bytes as they come. */
  private static final class RawClient implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;

    private RawClient(Socket socket) throws Exception {
      this.socket = socket;
      this.in = socket.getInputStream();
    }

    static RawClient connect(int port) throws Exception {
      Socket socket = new Socket("127.0.0.1", port);
      socket.setSoTimeout(5000);
      socket.getOutputStream().write(("GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
          + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      RawClient client = new RawClient(socket);
      String head = client.head();
      assertThat(head).startsWith("HTTP/1.1 101");
      return client;
    }

    private String head() throws Exception {
      ByteArrayOutputStream head = new ByteArrayOutputStream();
      while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
        int b = in.read();
        assertThat(b).as("the upgrade answer").isNotEqualTo(-1);
        head.write(b);
      }
      return head.toString(StandardCharsets.US_ASCII);
    }

    byte[] read(int length) throws Exception {
      return in.readNBytes(length);
    }

    /** What arrives within {@code millis}; fails if the server closes the connection meanwhile. */
    byte[] silentFor(int millis) throws Exception {
      ByteArrayOutputStream heard = new ByteArrayOutputStream();
      long until = System.currentTimeMillis() + millis;
      socket.setSoTimeout(100);
      while (System.currentTimeMillis() < until) {
        try {
          int b = in.read();
          assertThat(b).as("the server keeps the connection open").isNotEqualTo(-1);
          heard.write(b);
        } catch (SocketTimeoutException quiet) {
          // nothing this turn
        }
      }
      return heard.toByteArray();
    }

    /** Whether the server closes the connection (a close frame or the end of the stream) within {@code millis}. */
    boolean closedWithin(int millis) throws Exception {
      socket.setSoTimeout(millis);
      try {
        int b = in.read();
        return b == -1 || b == 0x88;
      } catch (SocketTimeoutException open) {
        return false;
      }
    }

    @Override
    public void close() throws Exception {
      socket.close();
    }
  }
}
