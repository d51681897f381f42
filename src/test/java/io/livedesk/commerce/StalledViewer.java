package io.livedesk.commerce;

import io.livedesk.testing.RawWebSocket;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A viewer whose socket completes the WebSocket handshake, sends its connect frame and then reads
 * nothing, with a small receive buffer: the server's writes to it pile up as they would for a phone
 * that went into a tunnel. Only {@link #readUntilClosed} reads, to see how the server left it.
 */
final class StalledViewer implements AutoCloseable {

  /** What the server sent: its text frames in order, and how the connection ended. */
  record Received(List<String> texts, Integer closeCode, boolean ended) {}

  private final Socket socket = new Socket();
  private final DataInputStream in;

  StalledViewer(int port, String path, String connectJson) throws IOException {
    socket.setReceiveBufferSize(4096);
    socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
    socket.setSoTimeout(30_000);
    OutputStream out = socket.getOutputStream();
    out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\n"
        + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII));
    out.flush();
    in = new DataInputStream(socket.getInputStream());
    String head = responseHead(in);
    if (!head.startsWith("HTTP/1.1 101")) {
      throw new IOException("the WebSocket upgrade was refused: " + head);
    }
    out.write(maskedText(connectJson.getBytes(StandardCharsets.UTF_8)));
    out.flush();
  }

  private static String responseHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    while (matched < end.length) {
      int b = in.read();
      if (b < 0) {
        throw new EOFException("the server closed during the handshake");
      }
      head.write(b);
      matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    return head.toString(StandardCharsets.US_ASCII);
  }

  /** Sends a close frame (going away) and goes on reading nothing, as a client that quits mid-stall. */
  void sayGoodbye() throws IOException {
    OutputStream out = socket.getOutputStream();
    out.write(masked(0x88, new byte[] {0x03, (byte) 0xe9}));
    out.flush();
  }

  private static byte[] maskedText(byte[] payload) {
    return masked(0x81, payload);
  }

  /** A client frame must be masked (RFC 6455 §5.3); the mask is fixed, which is fine for a test. */
  private static byte[] masked(int finAndOpcode, byte[] payload) {
    ByteArrayOutputStream frame = new ByteArrayOutputStream();
    frame.write(finAndOpcode);
    if (payload.length < 126) {
      frame.write(0x80 | payload.length);
    } else {
      frame.write(0x80 | 126);
      frame.write(payload.length >> 8);
      frame.write(payload.length & 0xff);
    }
    byte[] mask = {0x11, 0x22, 0x33, 0x44};
    frame.writeBytes(mask);
    for (int i = 0; i < payload.length; i++) {
      frame.write(payload[i] ^ mask[i % 4]);
    }
    return frame.toByteArray();
  }

  /** Reads every frame until the server closes the WebSocket or the connection, or 30 s pass in silence. */
  Received readUntilClosed() throws IOException {
    List<String> texts = new ArrayList<>();
    ByteArrayOutputStream message = new ByteArrayOutputStream();
    try {
      while (true) {
        RawWebSocket.Received frame = RawWebSocket.readFrame(in);
        if (frame.opcode() == RawWebSocket.CLOSE) {
          return new Received(texts, frame.closeCode() < 0 ? null : frame.closeCode(), true);
        }
        if (frame.opcode() == RawWebSocket.TEXT || frame.opcode() == RawWebSocket.CONTINUATION) {
          message.writeBytes(frame.payload());
          if (frame.fin()) {
            texts.add(message.toString(StandardCharsets.UTF_8));
            message.reset();
          }
        }
      }
    } catch (EOFException | SocketException e) {
      return new Received(texts, null, true);
    } catch (java.net.SocketTimeoutException e) {
      return new Received(texts, null, false);
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
