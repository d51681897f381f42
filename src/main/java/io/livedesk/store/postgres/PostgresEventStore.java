package io.livedesk.store.postgres;

import io.livedesk.json.Json;
import io.livedesk.people.MemberStore;
import io.livedesk.show.ErrorCode;
import io.livedesk.show.Event;
import io.livedesk.show.Recorded;
import io.livedesk.show.ShowError;
import io.livedesk.show.ShowMeta;
import io.livedesk.show.ShowStatus;
import io.livedesk.store.ClusterEventStore;
import io.livedesk.store.DamagedHistory;
import io.livedesk.store.EventCodec;
import io.livedesk.store.EventUpcaster;
import io.livedesk.store.FencedOut;
import io.livedesk.store.ShowListing;
import io.livedesk.store.ShowRecord;
import io.livedesk.store.WebhookStore;
import io.livedesk.store.TimeLimit;
import io.livedesk.store.ViewerAnonymiser;
import io.livedesk.store.ViewerPseudonyms;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClientOptions;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.DatabaseException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import java.util.zip.CRC32C;

/**
 * The shared store of a cluster: shows and their events in PostgreSQL, through the reactive client. An
 * append is one transaction: the show's row moves its last seq forward (checking it continues from where
 * the history ends, and the writer epoch when fenced) and one multi-row insert stores the batch.
 */
public final class PostgresEventStore implements ClusterEventStore, ViewerAnonymiser {

  private static final Logger LOG = Logger.getLogger(PostgresEventStore.class.getName());
  private static final Pattern SCHEMA_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
  /** Pages larger than this are decoded on a worker, not on the event loop. */
  private static final int DECODE_INLINE = 256;
  private static final String UNIQUE_VIOLATION = "23505";

  /** Where and how to connect; {@code schema} (optional) keeps this server's tables apart from others'. */
  public record Settings(String uri, String schema, int poolSize, int connectTimeoutMillis, int queryTimeoutMillis) {

    public static final int DEFAULT_CONNECT_TIMEOUT_MILLIS = 3000;
    public static final int DEFAULT_QUERY_TIMEOUT_MILLIS = 3000;

    public Settings(String uri, String schema, int poolSize) {
      this(uri, schema, poolSize, DEFAULT_CONNECT_TIMEOUT_MILLIS, DEFAULT_QUERY_TIMEOUT_MILLIS);
    }
  }

  private static final String ADVANCE = "UPDATE shows SET last_seq = $3, status = COALESCE($4, status), "
      + "started_at = COALESCE($5, started_at), ended_at = COALESCE($6, ended_at) "
      + "WHERE id = $1 AND last_seq = $2 AND ($7::bigint IS NULL OR writer_epoch = $7) RETURNING id";
  private static final String INSERT_EVENTS = "INSERT INTO events (show_id, seq, ts, kind, actor, idempotency_key, body) "
      + "SELECT $1, e.seq, e.ts, e.kind, e.actor, e.key, e.body::json "
      + "FROM unnest($2::bigint[], $3::bigint[], $4::text[], $5::text[], $6::text[], $7::text[]) "
      + "AS e(seq, ts, kind, actor, key, body)";
  private static final String WHERE_IT_ENDS = "SELECT last_seq, writer_epoch FROM shows WHERE id = $1";

  private final Vertx vertx;
  private final Pool pool;
  private final String where;
  private final int queryTimeoutMillis;

  private PostgresEventStore(Vertx vertx, Pool pool, String where, int queryTimeoutMillis) {
    this.vertx = vertx;
    this.pool = pool;
    this.where = where;
    this.queryTimeoutMillis = queryTimeoutMillis;
  }

  /** Whether {@code schema} is a name this store accepts: lower-case letters, digits and _, at most 63. */
  public static boolean isSchemaName(String schema) {
    return SCHEMA_NAME.matcher(schema).matches();
  }

  /** Connects, brings the schema up to date and answers once the store can take appends. */
  public static Future<PostgresEventStore> open(Vertx vertx, Settings settings) {
    if (settings.schema() != null && !isSchemaName(settings.schema())) {
      return Future.failedFuture(new IllegalArgumentException("postgres.schema must be lower-case letters, digits "
          + "and _, not '" + settings.schema() + "'"));
    }
    PgConnectOptions connect;
    try {
      connect = PgConnectOptions.fromUri(settings.uri());
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(new IllegalArgumentException("postgres.uri is not a PostgreSQL connection string: "
          + ConnectionString.masked(settings.uri())));
    }
    // the server gives up on a statement the client has stopped waiting for, so it holds no locks for long
    connect.addProperty("statement_timeout", String.valueOf(settings.queryTimeoutMillis()));
    // the migrations' "already exists, skipping" notices are not worth a warning in the log on every start
    connect.addProperty("client_min_messages", "warning");
    connect.addProperty("idle_in_transaction_session_timeout", String.valueOf(2 * settings.queryTimeoutMillis()));
    if (settings.schema() != null) {
      connect.addProperty("search_path", settings.schema());
    }
    Pool pool = PgBuilder.pool()
        .with(new PoolOptions().setName("livedesk-postgres").setMaxSize(settings.poolSize())
            .setConnectionTimeout(settings.connectTimeoutMillis()).setConnectionTimeoutUnit(TimeUnit.MILLISECONDS))
        .with(new NetClientOptions().setConnectTimeout(settings.connectTimeoutMillis()).setTcpKeepAlive(true))
        .connectingTo(connect)
        .using(vertx)
        .build();
    String where = ConnectionString.masked(settings.uri()) + (settings.schema() == null ? "" : " schema " + settings.schema());
    PostgresEventStore store = new PostgresEventStore(vertx, pool, where, settings.queryTimeoutMillis());
    return TimeLimit.of(vertx, Migrations.apply(vertx, pool, settings.schema()), 4L * settings.queryTimeoutMillis(),
            "PostgreSQL at " + where)
        .map(v -> {
          LOG.info(() -> "event store: PostgreSQL at " + where);
          return store;
        })
        .recover(e -> pool.close().transform(closed -> Future.failedFuture(unavailable(where, e))));
  }

  /** The members and sessions kept in the same database (docs/protocol.md §People). */
  public MemberStore members() {
    return new PostgresMembers(pool, this);
  }

  @Override
  public Future<Void> createShow(ShowRecord show) {
    Tuple row = Tuple.of(show.id(), Json.text(show.meta()), show.controlTokenHash(), show.prompterTokenHash(),
        show.shopTokenHash());
    return bounded(pool.preparedQuery("INSERT INTO shows (id, meta, control_token_hash, prompter_token_hash, "
        + "shop_token_hash) VALUES ($1, $2::text::jsonb, $3, $4, $5)").execute(row))
        .recover(e -> Future.failedFuture(isUniqueViolation(e)
            ? new ShowError(ErrorCode.CONFLICT, "show " + show.id() + " exists") : e))
        .mapEmpty();
  }

  @Override
  public Future<ShowRecord> show(String showId) {
    return showRow("SELECT meta::text, control_token_hash, prompter_token_hash, shop_token_hash FROM shows WHERE id = $1",
        showId).map(row -> row == null ? null
            : new ShowRecord(meta(row.getString(0)), row.getString(1), row.getString(2), row.getString(3)));
  }

  @Override
  public Future<List<ShowListing>> listShows() {
    return bounded(pool.query("SELECT id, meta::text, status, started_at, ended_at FROM shows ORDER BY id").execute())
        .map(rows -> {
          List<ShowListing> listing = new ArrayList<>(rows.size());
          for (Row row : rows) {
            ShowMeta meta = meta(row.getString(1));
            listing.add(new ShowListing(row.getString(0), meta.title(), ShowStatus.fromWire(row.getString(2)),
                meta.plannedStartAt(), row.getLong(3), row.getLong(4), meta.rehearsal()));
          }
          return listing;
        });
  }

  @Override
  public Future<Void> append(String showId, List<Recorded> events) {
    return append(showId, events, null);
  }

  @Override
  public Future<Void> append(String showId, List<Recorded> events, long epoch) {
    return append(showId, events, Long.valueOf(epoch));
  }

  private Future<Void> append(String showId, List<Recorded> events, Long epoch) {
    if (events.isEmpty()) {
      return Future.succeededFuture();
    }
    int n = events.size();
    Long[] seqs = new Long[n];
    Long[] stamps = new Long[n];
    String[] kinds = new String[n];
    String[] actors = new String[n];
    String[] keys = new String[n];
    String[] bodies = new String[n];
    String status = null;
    Long startedAt = null;
    Long endedAt = null;
    for (int i = 0; i < n; i++) {
      Recorded recorded = events.get(i);
      seqs[i] = recorded.seq();
      stamps[i] = recorded.ts();
      kinds[i] = recorded.kind();
      actors[i] = recorded.actor().keyScope();
      keys[i] = recorded.key();
      bodies[i] = new String(EventCodec.toBytes(recorded), StandardCharsets.UTF_8);
      if (recorded.event() instanceof Event.ShowStarted) {
        status = ShowStatus.LIVE.wire();
        startedAt = recorded.ts();
      } else if (recorded.event() instanceof Event.ShowEnded) {
        status = ShowStatus.ENDED.wire();
        endedAt = recorded.ts();
      }
    }
    long first = seqs[0];
    long last = seqs[n - 1];
    if (last - first != n - 1) {
      return Future.failedFuture(new IllegalArgumentException("append to show " + showId + " is not gapless: seq "
          + first + " to " + last + " in " + n + " events"));
    }
    Tuple advance = Tuple.of(showId, first - 1, last, status, startedAt, endedAt).addLong(epoch);
    Tuple rows = Tuple.of(showId, seqs, stamps, kinds, actors, keys).addArrayOfString(bodies);
    Future<Void> appended = pool.withTransaction(conn -> conn.preparedQuery(ADVANCE).execute(advance)
        .compose(moved -> moved.rowCount() == 1
            ? conn.preparedQuery(INSERT_EVENTS).execute(rows).<Void>mapEmpty()
            : refusal(conn, showId, first, epoch)));
    return bounded(appended);
  }

  /** Why an append did not continue the show's history: no such show, a gap or overlap, or a stale epoch. */
  private static Future<Void> refusal(SqlConnection conn, String showId, long first, Long epoch) {
    return conn.preparedQuery(WHERE_IT_ENDS).execute(Tuple.of(showId)).compose(rows -> {
      if (rows.size() == 0) {
        return Future.failedFuture(new IllegalStateException("no show " + showId));
      }
      Row row = rows.iterator().next();
      long lastSeq = row.getLong(0);
      long current = row.getLong(1);
      if (epoch != null && current != epoch) {
        return Future.failedFuture(new FencedOut("show " + showId + " is written under epoch " + current
            + " now, not " + epoch));
      }
      return Future.failedFuture(new IllegalStateException("append to show " + showId + " starts at seq " + first
          + " but its history ends at " + lastSeq));
    });
  }

  @Override
  public Future<Long> claimWriter(String showId) {
    return showRow("UPDATE shows SET writer_epoch = writer_epoch + 1 WHERE id = $1 RETURNING writer_epoch", showId)
        .map(row -> {
          if (row == null) {
            throw ShowError.notFound("no show " + showId);
          }
          return row.getLong(0);
        });
  }

  @Override
  public Future<List<Recorded>> read(String showId, long afterSeq, int limit) {
    // seqs are gapless, so the page is a closed range: whatever plan the statistics of a freshly written
    // history lead to, it reads those rows only (an open range with LIMIT was planned as a scan of the
    // whole rest of the show and a sort on disk, 200 ms a page)
    return bounded(pool.preparedQuery("SELECT body::text FROM events WHERE show_id = $1 AND seq > $2 AND seq <= $3 "
            + "ORDER BY seq")
        .execute(Tuple.of(showId, afterSeq, afterSeq + limit)))
        .compose(rows -> {
          List<String> bodies = new ArrayList<>(rows.size());
          for (Row row : rows) {
            bodies.add(row.getString(0));
          }
          if (bodies.size() > DECODE_INLINE) {
            return vertx.executeBlocking(() -> decode(showId, afterSeq, bodies), false);
          }
          try {
            return Future.succeededFuture(decode(showId, afterSeq, bodies));
          } catch (IOException e) {
            return Future.failedFuture(e);
          }
        });
  }

  /** The page's events; one that does not decode is reported with its show and seq (seqs are gapless). */
  private static List<Recorded> decode(String showId, long afterSeq, List<String> bodies) throws IOException {
    List<Recorded> events = new ArrayList<>(bodies.size());
    for (String body : bodies) {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      try {
        events.add(EventCodec.fromBytes(bytes, 0, bytes.length));
      } catch (IOException e) {
        throw new DamagedHistory("show " + showId + ": stored event seq " + (afterSeq + 1 + events.size())
            + " cannot be read: " + e.getMessage(), e);
      }
    }
    return events;
  }

  @Override
  public Future<Long> lastSeq(String showId) {
    return showRow("SELECT last_seq FROM shows WHERE id = $1", showId).map(row -> row == null ? 0L : row.getLong(0));
  }

  /** Reaching the database is all an append needs of it: a show's rows are never out of reach alone. */
  @Override
  public Future<Long> probe(String showId) {
    return lastSeq(showId);
  }

  /**
   * Nothing here fails one show alone: an unreachable database is {@link #check()}'s, and an event that
   * does not decode fails the read with {@link DamagedHistory}, which puts the show out of service in the
   * engine that read it.
   */
  /** A newer snapshot replaces the show's row; an older one (a slower writer's) is dropped. */
  private static final String SAVE_SNAPSHOT = "INSERT INTO show_snapshots (show_id, seq, version, checksum, body) "
      + "VALUES ($1, $2, $3, $4, $5) ON CONFLICT (show_id) DO UPDATE SET seq = EXCLUDED.seq, "
      + "version = EXCLUDED.version, checksum = EXCLUDED.checksum, body = EXCLUDED.body "
      + "WHERE show_snapshots.seq < EXCLUDED.seq";

  @Override
  public Future<Void> saveSnapshot(String showId, long seq, byte[] snapshot) {
    return snapshotBounded(pool.preparedQuery(SAVE_SNAPSHOT).execute(Tuple.of(showId, seq, EventUpcaster.CURRENT,
        checksum(snapshot), Buffer.buffer(snapshot)))).mapEmpty();
  }

  @Override
  public Future<byte[]> latestSnapshot(String showId) {
    return snapshotBounded(pool.preparedQuery("SELECT checksum, body FROM show_snapshots WHERE show_id = $1")
        .execute(Tuple.of(showId))).compose(rows -> {
          if (rows.size() == 0) {
            return Future.succeededFuture();
          }
          Row row = rows.iterator().next();
          byte[] body = row.getBuffer(1).getBytes();
          if (checksum(body) != row.getLong(0)) {
            return Future.failedFuture(new IllegalStateException("show " + showId
                + ": its snapshot's checksum does not match its body"));
          }
          return Future.succeededFuture(body);
        });
  }

  private static long checksum(byte[] bytes) {
    CRC32C crc = new CRC32C();
    crc.update(bytes);
    return crc.getValue();
  }

  /** A snapshot may be megabytes: it gets more time than a query of a few rows. */
  private <T> Future<T> snapshotBounded(Future<T> work) {
    return TimeLimit.of(vertx, work, 10L * queryTimeoutMillis, "PostgreSQL at " + where)
        .recover(e -> Future.failedFuture(unavailable(where, e)));
  }

  @Override
  public Map<String, String> showsOutOfService() {
    return Map.of();
  }

  /** Webhooks and their cursors, in this store's database (docs/design.md §Webhooks). */
  public WebhookStore webhooks() {
    return new PostgresWebhookStore(pool, this::bounded);
  }

  /** The ended shows retention may anonymise now (docs/design.md §Data retention). */
  @Override
  public Future<List<String>> anonymisable(long endedBy) {
    return bounded(new PostgresRetention(vertx, pool).anonymisable(endedBy));
  }

  /**
   * Replaces the viewer ids of an ended show's rows in one transaction ({@link PostgresRetention}); not
   * bounded by the query timeout as a whole, as a long show takes longer, but each statement is.
   */
  @Override
  public Future<Void> anonymizeViewers(String showId, ViewerPseudonyms names, long now) {
    return new PostgresRetention(vertx, pool).anonymize(showId, names, now)
        .recover(e -> Future.failedFuture(unavailable(where, e)));
  }

  @Override
  public Future<Void> check() {
    return bounded(pool.query("SELECT 1").execute()).mapEmpty();
  }

  @Override
  public Future<Void> close() {
    return pool.close();
  }

  /** The row of the show a statement on {@code shows} reads or changes, or null when there is no such show. */
  private Future<Row> showRow(String sql, String showId) {
    return bounded(pool.preparedQuery(sql).execute(Tuple.of(showId)))
        .map(rows -> rows.size() == 0 ? null : rows.iterator().next());
  }

  <T> Future<T> bounded(Future<T> work) {
    return TimeLimit.of(vertx, work, queryTimeoutMillis, "PostgreSQL at " + where)
        .recover(e -> Future.failedFuture(unavailable(where, e)));
  }

  /** Failures that say the database is out of reach become UNAVAILABLE; refusals by the database stay as they are. */
  private static Throwable unavailable(String where, Throwable e) {
    if (e instanceof ShowError || e instanceof FencedOut || e instanceof IllegalStateException
        || e instanceof IllegalArgumentException) {
      return e;
    }
    if (e instanceof DatabaseException db && !isOutOfReach(db.getSqlState())) {
      return e;
    }
    return new ShowError(ErrorCode.UNAVAILABLE, "PostgreSQL at " + where + " is unavailable: "
        + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
  }

  /** Connection exceptions, an operator shutting the server down, or a server out of resources. */
  private static boolean isOutOfReach(String sqlState) {
    return sqlState != null && (sqlState.startsWith("08") || sqlState.startsWith("57") || sqlState.startsWith("53"));
  }

  private static boolean isUniqueViolation(Throwable e) {
    return e instanceof DatabaseException db && UNIQUE_VIOLATION.equals(db.getSqlState());
  }

  private static ShowMeta meta(String json) {
    try {
      return Json.MAPPER.readValue(json, ShowMeta.class);
    } catch (IOException e) {
      throw new IllegalStateException("a show's stored meta is unreadable: " + e.getMessage(), e);
    }
  }
}
