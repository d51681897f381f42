package io.livedesk.vertx;

import io.netty.channel.ChannelHandlerContext;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.internal.http.WebSocketInternal;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

/**
 * The Netty pipeline under a server WebSocket. Vert.x's public API has no access to it; its internal
 * {@code WebSocketInternal} does. Callers fall back to the public API when it is out of reach.
 */
final class SocketChannels {

  private static final Logger LOG = Logger.getLogger(SocketChannels.class.getName());

  private SocketChannels() {
  }

  /** The context of Vert.x's own handler in the socket's pipeline, or null when this Vert.x hides it. */
  static ChannelHandlerContext of(ServerWebSocket ws) {
    try {
      return ((WebSocketInternal) ws).channelHandlerContext();
    } catch (ClassCastException | LinkageError e) {
      return null;
    }
  }

  /** Says once per concern that the public way is taken, and why. */
  static void warnOnce(AtomicBoolean warned, String what) {
    if (warned.compareAndSet(false, true)) {
      LOG.warning(what);
    }
  }
}
