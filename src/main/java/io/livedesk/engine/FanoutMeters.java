package io.livedesk.engine;

/**
 * What this node tells operators about its sockets (docs/protocol.md §Metrics): viewers connected, frames
 * written, frames left out (conflated before fan-out, or skipped by a socket that is behind) and sockets
 * told to resync. Called on event loops for every frame: implementations only count.
 */
public interface FanoutMeters {

  FanoutMeters NONE = new FanoutMeters() {
  };

  /** A viewer's socket joined ({@code +1}) or left ({@code -1}) a show on this node. */
  default void viewers(int delta) {
  }

  /** Frames written to one socket in one delivery. */
  default void written(int frames) {
  }

  /** A viewers' frame replaced by a newer one of the same figure before it was sent (conflation). */
  default void conflated() {
  }

  /** Frames a socket that was behind skipped, as it may (a newer one of the same kind follows). */
  default void skipped(int frames) {
  }

  /** A socket fell too far behind and was told to resync. */
  default void resynced() {
  }
}
