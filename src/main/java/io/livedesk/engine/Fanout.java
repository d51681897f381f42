package io.livedesk.engine;

/**
 * How a show's events reach this node's sockets: how many recent events are kept for clients that resume,
 * how often viewers may be told the online count (docs/protocol.md §Viewer ticks), and what it counts.
 */
public record Fanout(int replayWindow, long viewerTickMillis, FanoutMeters meters) {

  public static final int DEFAULT_VIEWER_TICK_SECONDS = 5;

  public Fanout {
    if (replayWindow < 1 || viewerTickMillis < 0) {
      throw new IllegalArgumentException("a replay window of at least 1 and a viewer tick of at least 0 ms");
    }
  }

  /** Without meters. */
  public Fanout(int replayWindow, long viewerTickMillis) {
    this(replayWindow, viewerTickMillis, FanoutMeters.NONE);
  }

  /** A replay window and the default viewer tick, for tests and embedding. */
  public static Fanout window(int replayWindow) {
    return new Fanout(replayWindow, DEFAULT_VIEWER_TICK_SECONDS * 1000L);
  }
}
