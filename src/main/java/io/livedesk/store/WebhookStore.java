package io.livedesk.store;

import io.vertx.core.Future;
import java.util.List;
import java.util.Map;

/**
 * Where webhooks and their delivery cursors are durable (docs/design.md §Webhooks: the journal is the
 * outbox). A cursor is the seq of the last event of a show that a webhook's receiver acknowledged; it only
 * moves forward, except when a redelivery is asked for.
 */
public interface WebhookStore {

  Future<List<WebhookRecord>> webhooks();

  /** Stores the webhook, replacing the one with its id. */
  Future<Void> save(WebhookRecord webhook);

  /** Forgets the webhook and its cursors. */
  Future<Void> delete(String webhookId);

  /** The webhook's cursors by show id. */
  Future<Map<String, Long>> cursors(String webhookId);

  /** Durable once the future succeeds. */
  Future<Void> saveCursor(String webhookId, String showId, long seq);
}
