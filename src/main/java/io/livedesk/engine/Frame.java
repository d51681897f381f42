package io.livedesk.engine;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One server-to-client message, encoded once: as JSON, and as the complete WebSocket text frame that is
 * written as the same bytes to every socket of its audience (server frames are not masked, so they are
 * identical for all). A droppable frame (a conflated stock figure, a tick) may be skipped for a socket
 * that is not keeping up; the others never are. {@code personal} holds variants for particular viewers
 * (a lottery's winners see their own id unmasked).
 */
public final class Frame {

  private final byte[] json;
  /** Encoded when first written: frames kept only for resuming clients never need it. */
  private volatile ByteBuf wire;
  private final boolean droppable;
  private final Map<String, Frame> personal;

  private Frame(byte[] json, boolean droppable, Map<String, Frame> personal) {
    this.json = json;
    this.droppable = droppable;
    this.personal = personal;
  }

  public static Frame of(byte[] json, boolean droppable) {
    return new Frame(json, droppable, Map.of());
  }

  public static Frame of(String json, boolean droppable) {
    return of(json.getBytes(StandardCharsets.UTF_8), droppable);
  }

  /** The same frame, with variants for some viewers. */
  public Frame withPersonal(Map<String, Frame> variants) {
    return new Frame(json, droppable, Map.copyOf(variants));
  }

  public boolean droppable() {
    return droppable;
  }

  /** The frame this viewer should get: their own variant, or the shared one. */
  public Frame forViewer(String viewerId) {
    if (viewerId == null || personal.isEmpty()) {
      return this;
    }
    return personal.getOrDefault(viewerId, this);
  }

  /** The JSON of the message. */
  public byte[] json() {
    return json;
  }

  public String text() {
    return new String(json, StandardCharsets.UTF_8);
  }

  /** The whole WebSocket frame, ready for a channel; releasing it is harmless, so any number of sockets can take it. */
  public ByteBuf wire() {
    ByteBuf encoded = wire;
    if (encoded == null) {
      // frames are written from several event loops; encoding twice in a race is harmless
      encoded = encodeTextFrame(json);
      wire = encoded;
    }
    return encoded.duplicate();
  }

  /**
   * RFC 6455 §5.2: FIN + text opcode, the payload length in 7, 7+16 or 7+64 bits, no mask (server to
   * client), then the payload. On the heap: each socket write copies these few bytes into the transport's
   * pooled buffers, which is cheaper than direct memory per frame, whose cleaners lengthen every GC pause.
   */
  static ByteBuf encodeTextFrame(byte[] payload) {
    int length = payload.length;
    int header = length < 126 ? 2 : length <= 0xFFFF ? 4 : 10;
    ByteBuffer buffer = ByteBuffer.allocate(header + length);
    buffer.put((byte) 0x81);
    if (length < 126) {
      buffer.put((byte) length);
    } else if (length <= 0xFFFF) {
      buffer.put((byte) 126);
      buffer.putShort((short) length);
    } else {
      buffer.put((byte) 127);
      buffer.putLong(length);
    }
    buffer.put(payload);
    // sockets release what they were given; this frame is shared by all of them and must outlive each
    return Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(buffer.array()));
  }
}
