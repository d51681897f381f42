package io.livedesk.store.postgres;

import static io.livedesk.testing.Futures.await;

import io.livedesk.store.WebhookStore;
import io.livedesk.store.WebhookStoreContract;
import io.livedesk.testing.SharedServices;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class PostgresWebhookStoreTest extends WebhookStoreContract {

  private static String schema;
  private static final List<PostgresEventStore> OPENED = new ArrayList<>();

  @BeforeAll
  static void newSchema() {
    schema = SharedServices.newSchema();
  }

  @AfterAll
  static void dropSchema() throws Exception {
    for (PostgresEventStore store : OPENED) {
      await(store.close());
    }
    SharedServices.dropSchema(schema);
  }

  @Override
  protected WebhookStore open() throws Exception {
    PostgresEventStore store = await(PostgresEventStore.open(vertx,
        new PostgresEventStore.Settings(SharedServices.PG_URI, schema, 2)));
    OPENED.add(store);
    return store.webhooks();
  }
}
