package io.livedesk.store.postgres;

import static io.livedesk.testing.Futures.await;

import io.livedesk.store.WebhookStore;
import io.livedesk.store.WebhookStoreContract;
import io.livedesk.testing.PostgresSchema;
import io.livedesk.testing.SharedServices;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresWebhookStoreTest extends WebhookStoreContract {

  @RegisterExtension
  static final PostgresSchema schema = new PostgresSchema();

  private static final List<PostgresEventStore> OPENED = new ArrayList<>();

  @AfterAll
  static void closeStores() throws Exception {
    for (PostgresEventStore store : OPENED) {
      await(store.close());
    }
  }

  @Override
  protected WebhookStore open() throws Exception {
    PostgresEventStore store = await(PostgresEventStore.open(vertx,
        new PostgresEventStore.Settings(SharedServices.PG_URI, schema.name(), 2)));
    OPENED.add(store);
    return store.webhooks();
  }
}
