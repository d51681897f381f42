package io.livedesk.testing;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A store's contract: the store under test opened before each test and closed after it, on one Vert.x for
 * the class. Each kind of store says how it opens and closes in its subclass.
 */
public abstract class StoreContract<S> extends VertxPerClass {

  protected S store;

  /** Opens the store under test; a second call after {@link #close()} reopens the same data. */
  protected abstract S open() throws Exception;

  /** Closes {@link #store}. */
  protected abstract void close() throws Exception;

  @BeforeEach
  void openStore() throws Exception {
    store = open();
  }

  @AfterEach
  void closeStore() throws Exception {
    close();
  }
}
