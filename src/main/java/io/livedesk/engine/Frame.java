package io.livedesk.engine;

import io.livedesk.vertx.WireFrame;
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
  private volatile WireFrame wire;
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

  /** The whole WebSocket frame, encoded once for every socket that takes it. */
  public WireFrame wire() {
    WireFrame encoded = wire;
    if (encoded == null) {
      // frames are written from several event loops; encoding twice in a race is harmless
      encoded = WireFrame.text(json);
      wire = encoded;
    }
    return encoded;
  }
}
