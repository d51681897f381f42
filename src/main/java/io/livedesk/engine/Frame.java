package io.livedesk.engine;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One server-to-client message, encoded once and written as the same bytes to every socket of its
 * audience. A droppable frame (a conflated stock figure, a tick) may be skipped for a socket that is
 * not keeping up; the others never are. {@code personal} holds variants for particular viewers (a
 * lottery's winners see their own id unmasked).
 */
public record Frame(ByteBuf bytes, boolean droppable, Map<String, ByteBuf> personal) {

  public static Frame of(byte[] json, boolean droppable) {
    return new Frame(Unpooled.wrappedBuffer(json).asReadOnly(), droppable, Map.of());
  }

  public static Frame of(String json, boolean droppable) {
    return of(json.getBytes(StandardCharsets.UTF_8), droppable);
  }

  /** The bytes this viewer should get. */
  public ByteBuf bytesFor(String viewerId) {
    if (viewerId == null || personal.isEmpty()) {
      return bytes;
    }
    return personal.getOrDefault(viewerId, bytes);
  }

  public String text() {
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
