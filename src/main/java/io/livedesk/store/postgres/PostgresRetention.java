package io.livedesk.store.postgres;

import io.livedesk.show.ErrorCode;
import io.livedesk.show.ShowError;
import io.livedesk.show.ShowStatus;
import io.livedesk.store.EventStore;
import io.livedesk.store.ViewerPseudonyms;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Viewer-id retention in PostgreSQL (docs/design.md §Data retention): one ended show at a time, in one
 * transaction that locks the show's row, reads its events page by page in seq order, rewrites each body
 * with the pseudonyms on a worker thread, updates the rows that changed in batches and sets
 * {@code shows.anonymized_at}. An append to the show waits for the row lock, so none slips in between.
 */
final class PostgresRetention {

  private static final String VIEWER_SCOPE = "viewer:";
  /** A viewer row's {@code actor} while the show is rewritten: unique per row, and never a viewer's scope. */
  private static final String PENDING_SCOPE = "retention:";
  private static final String LOCK = "SELECT status, anonymized_at, last_seq FROM shows WHERE id = $1 FOR UPDATE";
  private static final String PAGE = "SELECT seq, actor, body::text FROM events WHERE show_id = $1 AND seq > $2 "
      + "AND seq <= $3 ORDER BY seq";
  private static final String REWRITE = "UPDATE events SET actor = $3, body = $4::text::json WHERE show_id = $1 AND seq = $2";
  /** The second pass: each pending row's actor scope, from the pseudonym its rewritten body now holds. */
  private static final String SETTLE = "UPDATE events SET actor = 'viewer:' || (body::jsonb #>> '{actor,id}') "
      + "WHERE show_id = $1 AND seq > $2 AND seq <= $3 AND actor LIKE 'retention:%'";
  private static final String MARK = "UPDATE shows SET anonymized_at = $2 WHERE id = $1";
  /** The show's snapshot holds the folded state with the old viewer ids: it goes too, and a restart replays in full. */
  private static final String FORGET_SNAPSHOT = "DELETE FROM show_snapshots WHERE show_id = $1";
  private static final String ANONYMISABLE = "SELECT id FROM shows WHERE status = $1 AND anonymized_at IS NULL "
      + "AND ended_at <= $2 ORDER BY id";

  private final Vertx vertx;
  private final Pool pool;

  PostgresRetention(Vertx vertx, Pool pool) {
    this.vertx = vertx;
    this.pool = pool;
  }

  Future<List<String>> anonymisable(long endedBy) {
    return pool.preparedQuery(ANONYMISABLE).execute(Tuple.of(ShowStatus.ENDED.wire(), endedBy)).map(rows -> {
      List<String> ids = new ArrayList<>(rows.size());
      for (Row row : rows) {
        ids.add(row.getString(0));
      }
      return ids;
    });
  }

  Future<Void> anonymize(String showId, ViewerPseudonyms names, long now) {
    return pool.withTransaction(conn -> conn.preparedQuery(LOCK).execute(Tuple.of(showId)).compose(rows -> {
      if (rows.size() == 0) {
        return Future.failedFuture(ShowError.notFound("no show " + showId));
      }
      Row show = rows.iterator().next();
      boolean ended = ShowStatus.ENDED.wire().equals(show.getString(0));
      if (!ended || show.getLong(1) != null) {
        return Future.failedFuture(new ShowError(ErrorCode.CONFLICT, "show " + showId
            + (ended ? " is anonymised already" : " has not ended")));
      }
      long lastSeq = show.getLong(2);
      return pages(conn, showId, names, 0, lastSeq)
          .compose(v -> settle(conn, showId, 0, lastSeq))
          .compose(v -> conn.preparedQuery(MARK).execute(Tuple.of(showId, now)))
          .compose(v -> conn.preparedQuery(FORGET_SNAPSHOT).execute(Tuple.of(showId)))
          .<Void>mapEmpty();
    }));
  }

  /** The events after {@code afterSeq} up to {@code lastSeq}, a page at a time. */
  private Future<Void> pages(SqlConnection conn, String showId, ViewerPseudonyms names, long afterSeq, long lastSeq) {
    if (afterSeq >= lastSeq) {
      return Future.succeededFuture();
    }
    long upTo = Math.min(lastSeq, afterSeq + EventStore.PAGE);
    return conn.preparedQuery(PAGE).execute(Tuple.of(showId, afterSeq, upTo))
        .compose(rows -> vertx.executeBlocking(() -> rewritten(showId, rows, names), false))
        .compose(changed -> changed.isEmpty() ? Future.succeededFuture()
            : conn.preparedQuery(REWRITE).executeBatch(changed).mapEmpty())
        .compose(v -> pages(conn, showId, names, upTo, lastSeq));
  }

  /** Gives the pending rows after {@code afterSeq} their viewer's pseudonym scope, a page at a time. */
  private static Future<Void> settle(SqlConnection conn, String showId, long afterSeq, long lastSeq) {
    if (afterSeq >= lastSeq) {
      return Future.succeededFuture();
    }
    long upTo = Math.min(lastSeq, afterSeq + EventStore.PAGE);
    return conn.preparedQuery(SETTLE).execute(Tuple.of(showId, afterSeq, upTo))
        .compose(v -> settle(conn, showId, upTo, lastSeq));
  }

  /**
   * The page's rows whose body or actor changed, as (show, seq, actor, body). The {@code actor} column is
   * the actor's idempotency scope, {@code viewer:<id>} for a viewer, and takes the same pseudonym as the
   * body; as a pseudonym stands for one viewer only, the unique index on (show, actor, key) holds once
   * all are done. Not before: a viewer whose own id looks like a pseudonym ({@code anon-1}) may still hold
   * the scope another viewer takes, so a changed scope is first a pending one, unique to its row, and
   * becomes the pseudonym's in a second pass ({@link #settle}) when no old scope is left.
   */
  private static List<Tuple> rewritten(String showId, RowSet<Row> rows, ViewerPseudonyms names) throws Exception {
    List<Tuple> changed = new ArrayList<>();
    for (Row row : rows) {
      byte[] body = row.getString(2).getBytes(StandardCharsets.UTF_8);
      byte[] anonymous = names.line(body);
      String actor = row.getString(1);
      boolean renamed = actor.startsWith(VIEWER_SCOPE)
          && !actor.equals(VIEWER_SCOPE + names.of(actor.substring(VIEWER_SCOPE.length())));
      String scope = renamed ? PENDING_SCOPE + row.getLong(0) : actor;
      if (!Arrays.equals(body, anonymous) || !scope.equals(actor)) {
        changed.add(Tuple.of(showId, row.getLong(0), scope, new String(anonymous, StandardCharsets.UTF_8)));
      }
    }
    return changed;
  }
}
