package io.livedesk.retention;

import static io.livedesk.testing.Futures.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.livedesk.testing.Api;
import io.livedesk.testing.SharedServices;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;

/** The same retention with the shows in PostgreSQL: the show's rows, not its files, lose the viewer ids. */
@DisplayName("viewer-id retention with the PostgreSQL store")
class ViewerRetentionPostgresTest extends ViewerRetentionTest {

  static final String SCHEMA = SharedServices.newSchema();

  @AfterAll
  static void dropSchema() throws Exception {
    SharedServices.dropSchema(SCHEMA);
  }

  @Override
  void store(ObjectNode config) {
    config.put("store", "postgres");
    config.putObject("postgres").put("uri", SharedServices.PG_URI).put("schema", SCHEMA).put("poolSize", 4);
  }

  /** Every events row of the show (actor column and body), when it was anonymised, and its lottery proofs. */
  @Override
  String stored(Api.Show show) throws Exception {
    Vertx vertx = Vertx.vertx();
    Pool pool = PgBuilder.pool().connectingTo(SharedServices.PG_URI).using(vertx).build();
    try {
      StringBuilder text = new StringBuilder();
      for (Row row : await(pool.preparedQuery("SELECT actor, idempotency_key, body::text FROM " + SCHEMA + ".events "
          + "WHERE show_id = $1 ORDER BY seq").execute(Tuple.of(show.id())))) {
        text.append(row.getString(0)).append(' ').append(row.getString(1)).append(' ').append(row.getString(2))
            .append('\n');
      }
      Row record = await(pool.preparedQuery("SELECT anonymized_at FROM " + SCHEMA + ".shows WHERE id = $1")
          .execute(Tuple.of(show.id()))).iterator().next();
      if (record.getLong(0) != null) {
        text.append("\"anonymizedAt\":").append(record.getLong(0)).append('\n');
      }
      return text.append(showFiles(show)).toString();
    } finally {
      await(vertx.close());
    }
  }
}
