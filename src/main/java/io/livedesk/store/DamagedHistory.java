package io.livedesk.store;

import java.io.IOException;

/**
 * A stored event that does not decode: the show's history is damaged, not merely out of reach now, so
 * the show is taken out of service alone instead of being served shorter (docs/design.md §Durability
 * before acknowledgement).
 */
public final class DamagedHistory extends IOException {

  public DamagedHistory(String message, Throwable cause) {
    super(message, cause);
  }

  /** The damage behind {@code failure}, wherever in its causes it is, or null when it is not damage. */
  public static DamagedHistory in(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof DamagedHistory damage) {
        return damage;
      }
    }
    return null;
  }
}
