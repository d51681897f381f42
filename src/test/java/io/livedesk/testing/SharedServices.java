package io.livedesk.testing;

import static io.livedesk.testing.Futures.await;

import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vertx.sqlclient.Pool;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The machine's PostgreSQL and Redis as tests share them with everyone else's: each test class works in
 * a schema and under a key prefix of its own and removes them afterwards.
 */
public final class SharedServices {

  public static final String PG_URI = "postgresql://postgres@127.0.0.1:5432/postgres";
  public static final String REDIS_URI = "redis://127.0.0.1:6379";

  private SharedServices() {
  }

  /** A schema name nobody else uses: {@code livedesk_test_<random>}. */
  public static String newSchema() {
    return "livedesk_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  }

  /** A Redis key prefix nobody else uses. */
  public static String newPrefix() {
    return "livedesk-test-" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  }

  public static void dropSchema(String schema) throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      Pool pool = PgBuilder.pool().connectingTo(PG_URI).using(vertx).build();
      await(pool.query("DROP SCHEMA IF EXISTS " + schema + " CASCADE").execute()
          .eventually(() -> pool.close()));
    } finally {
      await(vertx.close());
    }
  }

  /** Every row of the members' tables of {@code schema}, as text, one row a line. */
  public static String memberRows(String schema) throws Exception {
    return rows("SELECT m::text FROM " + schema + ".members m UNION ALL SELECT s::text FROM " + schema
        + ".staff_sessions s");
  }

  /** The first column of every row {@code query} answers, as text, one row a line. */
  public static String rows(String query) throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      Pool pool = PgBuilder.pool().connectingTo(PG_URI).using(vertx).build();
      StringBuilder text = new StringBuilder();
      await(pool.query(query).execute().eventually(() -> pool.close()))
          .forEach(row -> text.append(row.getString(0)).append('\n'));
      return text.toString();
    } finally {
      await(vertx.close());
    }
  }

  /** Deletes every key under the prefix. */
  public static void deleteKeys(String prefix) throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      Redis redis = Redis.createClient(vertx, REDIS_URI);
      String cursor = "0";
      do {
        Response page = await(redis.send(Request.cmd(Command.SCAN).arg(cursor).arg("MATCH").arg(prefix + ":*")
            .arg("COUNT").arg(1000)));
        cursor = page.get(0).toString();
        List<String> keys = new ArrayList<>();
        page.get(1).forEach(key -> keys.add(key.toString()));
        if (!keys.isEmpty()) {
          Request del = Request.cmd(Command.DEL);
          keys.forEach(del::arg);
          await(redis.send(del));
        }
      } while (!"0".equals(cursor));
      await(redis.close());
    } finally {
      await(vertx.close());
    }
  }

}
