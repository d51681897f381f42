package io.livedesk.engine;

import io.livedesk.store.PostgresEventStore;
import io.livedesk.testing.SharedServices;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class RedisEngineTest extends EngineContract {

  static String schema;
  static String prefix;

  @BeforeAll
  static void names() {
    schema = SharedServices.newSchema();
    prefix = SharedServices.newPrefix();
  }

  @AfterAll
  static void cleanUp() throws Exception {
    SharedServices.dropSchema(schema);
    SharedServices.deleteKeys(prefix);
  }

  @Override
  Engine start(Vertx vertx) throws Exception {
    PostgresEventStore store = await(PostgresEventStore.open(vertx,
        new PostgresEventStore.Settings(SharedServices.PG_URI, schema, 4)));
    return await(RedisEngine.start(vertx, store, DECIDER, LOTTERY, System::currentTimeMillis, 1000, ShowMetrics.NONE,
        new RedisEngine.Settings(SharedServices.REDIS_URI, prefix, "node-a", 2000, 1000)));
  }
}
