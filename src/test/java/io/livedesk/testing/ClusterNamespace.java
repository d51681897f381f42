package io.livedesk.testing;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A PostgreSQL schema and a Redis key prefix of a test class's own, made before its tests and removed
 * after them: {@code @RegisterExtension static final ClusterNamespace names = new ClusterNamespace();}
 */
public final class ClusterNamespace implements BeforeAllCallback, AfterAllCallback {

  private String schema;
  private String prefix;

  @Override
  public void beforeAll(ExtensionContext context) {
    schema = SharedServices.newSchema();
    prefix = SharedServices.newPrefix();
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    SharedServices.dropSchema(schema);
    SharedServices.deleteKeys(prefix);
  }

  public String schema() {
    return schema;
  }

  public String prefix() {
    return prefix;
  }
}
