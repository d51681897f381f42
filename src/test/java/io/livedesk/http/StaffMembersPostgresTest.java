package io.livedesk.http;

import static io.livedesk.testing.Api.bearer;
import static io.livedesk.testing.Futures.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.livedesk.json.Json;
import io.livedesk.testing.SharedServices;
import io.livedesk.testing.TestServer;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("staff members kept in PostgreSQL")
class StaffMembersPostgresTest {

  static final String SCHEMA = SharedServices.newSchema();

  @RegisterExtension
  static final TestServer server = TestServer.forClass(c -> {
    c.put("store", "postgres");
    c.putObject("postgres").put("uri", SharedServices.PG_URI).put("schema", SCHEMA).put("poolSize", 4);
  });

  @AfterAll
  static void dropSchema() throws Exception {
    SharedServices.dropSchema(SCHEMA);
  }

  @Test
  @DisplayName("a member and their session are there after a restart, and no row holds the clear password")
  void survivesRestart() throws Exception {
    assertThat(server.api().post("/api/members", bearer(TestServer.ADMIN_TOKEN), Json.object().put("login", "ma")
        .put("name", "马").put("password", "a long password").put("role", "analyst")).status()).isEqualTo(201);
    String token = server.api().post("/api/login", Map.of(), Json.object().put("login", "ma")
        .put("password", "a long password")).json().path("token").asText();

    server.restart();

    assertThat(server.api().get("/api/me", bearer(token)).json().path("member").path("name").asText()).isEqualTo("马");
    String rows = rows();
    assertThat(rows).contains("$argon2id$").doesNotContain("a long password").doesNotContain(token);
  }

  private static String rows() throws Exception {
    Vertx vertx = Vertx.vertx();
    Pool pool = PgBuilder.pool().connectingTo(SharedServices.PG_URI).using(vertx).build();
    try {
      StringBuilder text = new StringBuilder();
      await(pool.query("SELECT m::text FROM " + SCHEMA + ".members m UNION ALL SELECT s::text FROM " + SCHEMA
          + ".staff_sessions s").execute()).forEach(row -> text.append(row.getString(0)).append('\n'));
      return text.toString();
    } finally {
      await(vertx.close());
    }
  }
}
