package io.livedesk.store;

import java.util.List;

/**
 * A webhook as the store keeps it (docs/protocol.md §Webhooks). The secret is kept as it is, not hashed:
 * the server signs every delivery with it, so whoever reads the data directory or the database can too.
 *
 * @param kinds event kinds delivered, or {@code ["*"]} for every kind a webhook may get
 * @param shows the shows delivered; empty: every show
 * @param previousSecret the secret before the last rotation, still signing until {@code rotatedAt} plus the grace; null when none
 */
public record WebhookRecord(String id, String url, List<String> kinds, List<String> shows, String secret,
    String previousSecret, Long rotatedAt, long createdAt) {

  public WebhookRecord {
    kinds = List.copyOf(kinds);
    shows = List.copyOf(shows);
  }

  public WebhookRecord rotated(String newSecret, long now) {
    return new WebhookRecord(id, url, kinds, shows, newSecret, secret, now, createdAt);
  }
}
