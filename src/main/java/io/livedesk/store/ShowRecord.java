package io.livedesk.store;

import io.livedesk.show.ShowMeta;

/** A show as the store keeps it besides its events: what it is, and the hashes of its staff tokens. */
public record ShowRecord(ShowMeta meta, String controlTokenHash, String prompterTokenHash) {

  public String id() {
    return meta.id();
  }
}
