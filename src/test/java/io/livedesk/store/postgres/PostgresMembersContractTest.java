package io.livedesk.store.postgres;

import static io.livedesk.testing.Futures.await;

import io.livedesk.people.MemberStore;
import io.livedesk.people.MemberStoreContract;
import io.livedesk.testing.SharedServices;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class PostgresMembersContractTest extends MemberStoreContract {

  static String schema;
  private PostgresEventStore events;

  @BeforeAll
  static void newSchema() {
    schema = SharedServices.newSchema();
  }

  @AfterAll
  static void dropSchema() throws Exception {
    SharedServices.dropSchema(schema);
  }

  @Override
  protected MemberStore open() throws Exception {
    events = await(PostgresEventStore.open(vertx, new PostgresEventStore.Settings(SharedServices.PG_URI, schema, 2)));
    return events.members();
  }

  @Override
  protected void close() throws Exception {
    await(events.close());
  }

  @Override
  protected String storedText() throws Exception {
    return storedText(schema);
  }

  /** Every row of the members' tables of {@code schema}, as text. */
  static String storedText(String schema) throws Exception {
    Pool pool = PgBuilder.pool().connectingTo(SharedServices.PG_URI).using(vertx).build();
    try {
      StringBuilder text = new StringBuilder();
      await(pool.query("SELECT m::text FROM " + schema + ".members m UNION ALL SELECT s::text FROM " + schema
          + ".staff_sessions s").execute()).forEach(row -> text.append(row.getString(0)).append('\n'));
      return text.toString();
    } finally {
      await(pool.close());
    }
  }
}
