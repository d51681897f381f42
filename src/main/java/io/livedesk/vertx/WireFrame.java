package io.livedesk.vertx;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * One WebSocket text frame, encoded once and written as the same bytes to every socket that takes it
 * (server frames are not masked, so they are identical for all). It is held in a Netty buffer because
 * {@link FrameWriter} hands it to the channel as it is; Vert.x's public API only writes frames it encodes
 * itself, once per socket.
 */
public final class WireFrame {

  private final byte[] payload;
  private final ByteBuf frame;

  private WireFrame(byte[] payload, ByteBuf frame) {
    this.payload = payload;
    this.frame = frame;
  }

  /** The final text frame of this UTF-8 payload, which it keeps and must not change. */
  public static WireFrame text(byte[] payload) {
    return new WireFrame(payload, encodeTextFrame(payload));
  }

  /** The whole frame as bytes, as a client reads it off the wire. */
  public byte[] bytes() {
    byte[] bytes = new byte[frame.readableBytes()];
    frame.getBytes(frame.readerIndex(), bytes);
    return bytes;
  }

  /** The frame for one channel write: a view of the shared bytes, which that channel may release. */
  ByteBuf buffer() {
    return frame.duplicate();
  }

  /** The frame's text, for the public way of writing it. */
  String text() {
    return new String(payload, StandardCharsets.UTF_8);
  }

  int size() {
    return frame.readableBytes();
  }

  /**
   * RFC 6455 §5.2: FIN + text opcode, the payload length in 7, 7+16 or 7+64 bits, no mask (server to
   * client), then the payload. On the heap: each socket write copies these few bytes into the transport's
   * pooled buffers, which is cheaper than direct memory per frame, whose cleaners lengthen every GC pause.
   */
  private static ByteBuf encodeTextFrame(byte[] payload) {
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
