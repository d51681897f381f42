package io.livedesk.testing;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A PostgreSQL schema of a test class's own, made before its tests and dropped after them:
 * {@code @RegisterExtension static final PostgresSchema schema = new PostgresSchema();}
 */
public final class PostgresSchema implements BeforeAllCallback, AfterAllCallback {

  private String name;

  @Override
  public void beforeAll(ExtensionContext context) {
    name = SharedServices.newSchema();
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    SharedServices.dropSchema(name);
  }

  public String name() {
    return name;
  }
}
