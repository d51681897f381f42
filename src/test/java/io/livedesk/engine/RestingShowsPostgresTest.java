package io.livedesk.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.livedesk.testing.SharedServices;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The same with the shows in PostgreSQL: the listing's status column says which shows ended. */
@DisplayName("ended shows rest with the PostgreSQL store")
class RestingShowsPostgresTest extends RestingShowsTest {

  /** A schema for each test: what a test counts at rest is its own shows only. */
  static final List<String> SCHEMAS = new CopyOnWriteArrayList<>();

  @AfterAll
  static void dropSchemas() throws Exception {
    for (String schema : SCHEMAS) {
      SharedServices.dropSchema(schema);
    }
  }

  @Override
  void store(ObjectNode config) {
    String schema = SharedServices.newSchema();
    SCHEMAS.add(schema);
    config.put("store", "postgres");
    config.putObject("postgres").put("uri", SharedServices.PG_URI).put("schema", schema).put("poolSize", 4);
  }

  @Override
  @Test
  @Disabled("damages a journal file: the file store's")
  void damagedWhileResting() {
  }
}
