package io.livedesk.store.postgres;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Brings the database schema up to date on start: the versioned scripts under {@code db/} are applied in
 * order, each once, and recorded in {@code schema_migrations}. Nodes starting together take turns.
 */
final class Migrations {

  private static final Logger LOG = Logger.getLogger(Migrations.class.getName());
  /** Every script, oldest first; a new version is a new file added at the end. */
  static final List<String> SCRIPTS = List.of("V1__events.sql", "V2__webhooks.sql", "V3__members.sql",
      "V4__snapshots.sql", "V5__retention.sql");

  private Migrations() {
  }

  static Future<Void> apply(Vertx vertx, Pool pool, String schema) {
    return vertx.executeBlocking(Migrations::readScripts, false)
        .compose(scripts -> pool.withTransaction(conn -> conn.preparedQuery("SELECT pg_advisory_xact_lock(hashtext($1))")
            .execute(Tuple.of("livedesk-migrations:" + schema))
            .compose(locked -> schema == null ? Future.succeededFuture()
                // a schema name cannot be a parameter; PostgresEventStore accepts only [a-z0-9_] names
                : conn.query("CREATE SCHEMA IF NOT EXISTS " + schema).execute())
            .compose(v -> conn.query("CREATE TABLE IF NOT EXISTS schema_migrations (version int PRIMARY KEY, "
                + "name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())").execute())
            .compose(v -> conn.query("SELECT version FROM schema_migrations").execute())
            .compose(rows -> {
              Set<Integer> applied = new HashSet<>();
              for (Row row : rows) {
                applied.add(row.getInteger(0));
              }
              Future<Void> chain = Future.succeededFuture();
              for (int i = 0; i < SCRIPTS.size(); i++) {
                int version = version(SCRIPTS.get(i));
                if (!applied.contains(version)) {
                  String name = SCRIPTS.get(i);
                  String sql = scripts.get(i);
                  chain = chain.compose(v -> run(conn, version, name, sql));
                }
              }
              return chain;
            })));
  }

  private static Future<Void> run(SqlConnection conn, int version, String name, String sql) {
    return conn.query(sql).execute()
        .compose(done -> conn.preparedQuery("INSERT INTO schema_migrations (version, name) VALUES ($1, $2)")
            .execute(Tuple.of(version, name)))
        .onSuccess(done -> LOG.info(() -> "database schema migrated to " + name))
        .mapEmpty();
  }

  /** {@code V12__name.sql} is version 12. */
  static int version(String script) {
    return Integer.parseInt(script.substring(1, script.indexOf("__")));
  }

  private static List<String> readScripts() throws IOException {
    String[] texts = new String[SCRIPTS.size()];
    for (int i = 0; i < texts.length; i++) {
      try (InputStream in = Migrations.class.getResourceAsStream("/db/" + SCRIPTS.get(i))) {
        if (in == null) {
          throw new IOException("db/" + SCRIPTS.get(i) + " is missing from the classpath");
        }
        texts[i] = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
    }
    return List.of(texts);
  }
}
