package io.livedesk.store;

/**
 * An append made under a writer epoch that is no longer the show's: another node took the show over,
 * so this writer must stop instead of forking history.
 */
public final class FencedOut extends RuntimeException {

  public FencedOut(String message) {
    super(message, null, false, false);
  }
}
