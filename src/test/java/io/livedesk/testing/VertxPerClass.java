package io.livedesk.testing;

import static io.livedesk.testing.Futures.await;

import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** One Vert.x for all the tests of a class, closed after them: the base of the stores' contracts. */
public abstract class VertxPerClass {

  protected static Vertx vertx;

  @BeforeAll
  static void startVertx() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stopVertx() throws Exception {
    await(vertx.close());
  }
}
