package io.livedesk.store;

import io.livedesk.show.ShowMeta;

/**
 * A show as the store keeps it besides its events: what it is, and the hashes of its staff tokens.
 *
 * @param shopTokenHash the hash of the shop's stock token; null for shows recorded before shops had one
 */
public record ShowRecord(ShowMeta meta, String controlTokenHash, String prompterTokenHash, String shopTokenHash) {

  public ShowRecord(ShowMeta meta, String controlTokenHash, String prompterTokenHash) {
    this(meta, controlTokenHash, prompterTokenHash, null);
  }

  public String id() {
    return meta.id();
  }
}
