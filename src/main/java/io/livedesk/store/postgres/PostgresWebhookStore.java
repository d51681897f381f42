package io.livedesk.store.postgres;

import io.livedesk.json.Json;
import io.livedesk.store.WebhookRecord;
import io.livedesk.store.WebhookStore;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Webhooks in the {@code webhooks} table, their cursors in {@code webhook_cursors} (db/V2__webhooks.sql). */
final class PostgresWebhookStore implements WebhookStore {

  /** The event store's time limit and error mapping, applied to every statement. */
  interface Bounded {
    <T> Future<T> apply(Future<T> work);
  }

  private final Pool pool;
  private final Bounded bounded;

  PostgresWebhookStore(Pool pool, Bounded bounded) {
    this.pool = pool;
    this.bounded = bounded;
  }

  private <T> Future<T> limit(Future<T> work) {
    return bounded.apply(work);
  }

  @Override
  public Future<List<WebhookRecord>> webhooks() {
    return limit(pool.query("SELECT body FROM webhooks ORDER BY created_at, id").execute()).map(rows -> {
      List<WebhookRecord> out = new ArrayList<>(rows.size());
      for (Row row : rows) {
        try {
          out.add(Json.convert(Json.parse(row.getString(0)), WebhookRecord.class));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      return out;
    });
  }

  @Override
  public Future<Void> save(WebhookRecord webhook) {
    return limit(pool.preparedQuery("INSERT INTO webhooks (id, body, created_at) VALUES ($1, $2, $3) "
        + "ON CONFLICT (id) DO UPDATE SET body = EXCLUDED.body")
        .execute(Tuple.of(webhook.id(), Json.text(webhook), webhook.createdAt()))).mapEmpty();
  }

  @Override
  public Future<Void> delete(String webhookId) {
    return limit(pool.preparedQuery("DELETE FROM webhooks WHERE id = $1").execute(Tuple.of(webhookId))).mapEmpty();
  }

  @Override
  public Future<Map<String, Long>> cursors(String webhookId) {
    return limit(pool.preparedQuery("SELECT show_id, seq FROM webhook_cursors WHERE webhook_id = $1")
        .execute(Tuple.of(webhookId))).map(rows -> {
          Map<String, Long> out = new TreeMap<>();
          rows.forEach(row -> out.put(row.getString(0), row.getLong(1)));
          return out;
        });
  }

  @Override
  public Future<Void> saveCursor(String webhookId, String showId, long seq) {
    return limit(pool.preparedQuery("INSERT INTO webhook_cursors (webhook_id, show_id, seq) VALUES ($1, $2, $3) "
        + "ON CONFLICT (webhook_id, show_id) DO UPDATE SET seq = EXCLUDED.seq")
        .execute(Tuple.of(webhookId, showId, seq))).mapEmpty();
  }
}
