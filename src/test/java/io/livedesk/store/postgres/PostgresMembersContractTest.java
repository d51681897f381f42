package io.livedesk.store.postgres;

import static io.livedesk.testing.Futures.await;

import io.livedesk.people.MemberStore;
import io.livedesk.people.MemberStoreContract;
import io.livedesk.testing.SharedServices;
import io.livedesk.testing.PostgresSchema;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresMembersContractTest extends MemberStoreContract {

  @RegisterExtension
  static final PostgresSchema schema = new PostgresSchema();

  private PostgresEventStore events;

  @Override
  protected MemberStore open() throws Exception {
    events = await(PostgresEventStore.open(vertx, new PostgresEventStore.Settings(SharedServices.PG_URI, schema.name(), 2)));
    return events.members();
  }

  @Override
  protected void close() throws Exception {
    await(events.close());
  }

  @Override
  protected String storedText() throws Exception {
    return SharedServices.memberRows(schema.name());
  }
}
