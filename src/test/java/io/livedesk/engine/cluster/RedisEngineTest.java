package io.livedesk.engine.cluster;

import static io.livedesk.testing.Futures.await;

import io.livedesk.engine.Engine;
import io.livedesk.engine.EngineContract;
import io.livedesk.engine.Fanout;
import io.livedesk.engine.ShowMetrics;
import io.livedesk.store.postgres.PostgresEventStore;
import io.livedesk.testing.ClusterNamespace;
import io.livedesk.testing.SharedServices;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.extension.RegisterExtension;

class RedisEngineTest extends EngineContract {

  @RegisterExtension
  static final ClusterNamespace names = new ClusterNamespace();

  @Override
  protected Engine start(Vertx vertx) throws Exception {
    PostgresEventStore store = await(PostgresEventStore.open(vertx,
        new PostgresEventStore.Settings(SharedServices.PG_URI, names.schema(), 4)));
    return await(RedisEngine.start(vertx, store, DECIDER, LOTTERY, System::currentTimeMillis, Fanout.window(1000), ShowMetrics.NONE,
        new RedisEngine.Settings(SharedServices.REDIS_URI, names.prefix(), "node-a", 2000, 1000)));
  }
}
