package io.livedesk.vertx;

import io.netty.channel.ChannelHandlerContext;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Takes a WebSocket out of the HTTP server's idle timeout, which is for request connections: a viewer with
 * nothing to say is still watching. Vert.x applies the timeout to upgraded sockets too, and its public API
 * cannot lift it for one; its handler in the pipeline can be removed. When the handler is not found, this
 * says so once and keeps the socket busy instead: a ping every half timeout (clients answer with a pong).
 */
public final class IdleExemption {

  /** The name Vert.x gives the handler that enforces {@code HttpServerOptions.setIdleTimeout}. */
  static final String IDLE_HANDLER = "idle";

  private static final AtomicBoolean WARNED = new AtomicBoolean();

  private IdleExemption() {
  }

  /** On the socket's context, right after the upgrade; {@code idleMillis} is the server's idle timeout. */
  public static void exempt(Vertx vertx, ServerWebSocket ws, long idleMillis) {
    ChannelHandlerContext handler = SocketChannels.of(ws);
    if (handler != null && handler.pipeline().get(IDLE_HANDLER) != null) {
      handler.pipeline().remove(IDLE_HANDLER);
      return;
    }
    SocketChannels.warnOnce(WARNED, "no '" + IDLE_HANDLER + "' handler under this Vert.x's WebSockets: sockets"
        + " are pinged to outlive the idle timeout; see io.livedesk.vertx.IdleExemption");
    pingWhileOpen(vertx, ws, idleMillis);
  }

  /** The public way: a socket that writes is not idle. */
  static void pingWhileOpen(Vertx vertx, ServerWebSocket ws, long idleMillis) {
    vertx.setPeriodic(Math.max(1, idleMillis / 2), id -> {
      if (ws.isClosed()) {
        vertx.cancelTimer(id);
      } else {
        ws.writePing(Buffer.buffer());
      }
    });
  }
}
