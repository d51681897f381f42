package io.livedesk.vertx;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.vertx.core.http.ServerWebSocket;
import java.lang.reflect.Field;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Lets go of what an upgraded WebSocket keeps and never uses again, so that an idle viewer costs a few
 * kilobytes of heap (docs/design.md §Fan-out). Two things, both measured with a class histogram:
 * <ul>
 *   <li>Vert.x's socket handler keeps the function that made the socket's connection, and with it the
 *   upgrade's HTTP connection, request, headers and response: about 6 KB a socket for as long as it is
 *   open. The function is used once, when the handler is added; it is dropped here.</li>
 *   <li>Each connection has a queue for writes from threads other than its event loop, made with a first
 *   chunk of 1,024 slots (4 KB) and padded against false sharing (0.6 KB). This server writes a socket's
 *   frames on its loop ({@link FrameWriter}), so that queue stays empty: it is replaced, while empty, by a
 *   linked queue that costs nothing until used, with the same behaviour (many producers, one consumer).</li>
 * </ul>
 * Vert.x's public API reaches neither, so this is done on its internal classes. When a field is not where
 * it was, this says so once and leaves the socket as Vert.x made it: correct, only larger.
 */
public final class SocketFootprint {

  private static final AtomicBoolean WARNED = new AtomicBoolean();
  private static final Internals INTERNALS = Internals.find();

  private SocketFootprint() {
  }

  /** On the socket's event loop, right after the upgrade; whether it was trimmed (if not, it said why once). */
  public static boolean trim(ServerWebSocket ws) {
    ChannelHandlerContext handler = SocketChannels.of(ws);
    if (INTERNALS == null || handler == null || !INTERNALS.trim(handler.handler())) {
      SocketChannels.warnOnce(WARNED, "the WebSocket's Vert.x handler is not as expected: each socket keeps its"
          + " upgrade request and a 4 KB write queue; see io.livedesk.vertx.SocketFootprint");
      return false;
    }
    return true;
  }

  /** The internal fields, looked up once. */
  private record Internals(Class<?> handlerClass, Field factory, Field connection, Field writes, Field messages,
      Field queue) {

    static Internals find() {
      try {
        Class<?> handler = Class.forName("io.vertx.core.net.impl.VertxHandler");
        Class<?> connection = Class.forName("io.vertx.core.net.impl.VertxConnection");
        Class<?> writes = Class.forName("io.vertx.core.internal.concurrent.OutboundMessageQueue");
        Class<?> messages = Class.forName("io.vertx.core.streams.impl.MessagePassingQueue");
        Internals found = new Internals(handler, accessible(handler, "connectionFactory"),
            accessible(handler, "conn"), accessible(connection, "outboundMessageQueue"),
            accessible(writes, "mqp"), accessible(messages, "queue"));
        return found.queue.getType() == Queue.class ? found : null;
      } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
        return null;
      }
    }

    private static Field accessible(Class<?> type, String name) throws NoSuchFieldException {
      Field field = type.getDeclaredField(name);
      field.setAccessible(true);
      return field;
    }

    /** Whether both were done (or need not be). */
    boolean trim(ChannelHandler handler) {
      if (!handlerClass.isInstance(handler)) {
        return false;
      }
      try {
        Object connection = this.connection.get(handler);
        if (connection == null) {
          return false;
        }
        factory.set(handler, null);
        Object writeQueue = writes.get(connection);
        if (!messages.getDeclaringClass().isInstance(writeQueue)) {
          // writes that go straight to the channel have no queue to shrink
          return writeQueue != null;
        }
        Object messageQueue = messages.get(writeQueue);
        Queue<?> current = (Queue<?>) queue.get(messageQueue);
        if (current instanceof ConcurrentLinkedQueue) {
          return true;
        }
        if (!current.isEmpty()) {
          return false;
        }
        queue.set(messageQueue, new ConcurrentLinkedQueue<>());
        return true;
      } catch (ReflectiveOperationException | RuntimeException e) {
        return false;
      }
    }
  }
}
