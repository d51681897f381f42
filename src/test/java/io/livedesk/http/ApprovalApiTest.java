package io.livedesk.http;

import static io.livedesk.testing.Api.args;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.livedesk.json.Json;
import io.livedesk.testing.Api;
import io.livedesk.testing.TestServer;
import io.livedesk.testing.WsClient;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("two-person rule over REST and WebSocket")
class ApprovalApiTest {

  private static final String GRAPE = "SHINE-MUSCAT-2";

  @RegisterExtension
  static final TestServer server = TestServer.forClass();
  static final Api api = server.api();

  static ObjectNode approval(Object cutFraction, Object expireSeconds) {
    ObjectNode options = Json.object();
    ObjectNode rule = options.putObject("approval");
    rule.set("cutFraction", Json.tree(cutFraction));
    if (expireSeconds != null) {
      rule.set("expireSeconds", Json.tree(expireSeconds));
    }
    return options;
  }

  @Test
  @DisplayName("a deep cut answers {pending, approvalId}; only another staff identity grants it, and the prompter then gets the price")
  void pendingThenGranted() throws Exception {
    Api.Show show = api.liveSampleShow("双人复核", approval(0.3, null));
    try (WsClient control = server.control(show); WsClient prompter = server.prompter(show)) {
      control.awaitType("welcome");
      prompter.awaitType("welcome");
      // 128 → 80 yuan is 37.5 % off the list price
      JsonNode reply = control.command("item.set_price", args("itemId", GRAPE, "priceCents", 8_000));
      assertThat(reply.path("ok").asBoolean()).as(reply.toString()).isTrue();
      assertThat(reply.path("result").path("pending").asBoolean()).isTrue();
      String id = reply.path("result").path("approvalId").asText();
      assertThat(id).isNotEmpty();
      JsonNode requested = control.event("approval.requested");
      assertThat(requested.path("data").path("setPrice").path("priceCents").asLong()).isEqualTo(8_000);
      assertThat(requested.path("data").path("requester").path("role").asText()).isEqualTo("control");

      JsonNode staff = api.get("/api/shows/" + show.id(), Api.bearer(show.controlToken())).json();
      assertThat(staff.path("approvals")).hasSize(1);
      assertThat(staff.path("approvals").get(0).path("approvalId").asText()).isEqualTo(id);
      JsonNode pub = api.get("/api/shows/" + show.id(), Api.viewer("amy")).json();
      assertThat(pub.has("approvals")).isFalse();

      Api.Response self = api.command(show.controlToken(), show.id(), "approval.grant", args("approvalId", id));
      assertThat(self.status()).isEqualTo(403);
      assertThat(self.errorCode()).isEqualTo("FORBIDDEN");
      Api.Response unknown = api.command(TestServer.ADMIN_TOKEN, show.id(), "approval.grant", args("approvalId", "ap1"));
      assertThat(unknown.errorCode()).isEqualTo("NOT_FOUND");

      Api.Response granted = api.command(TestServer.ADMIN_TOKEN, show.id(), "approval.grant", args("approvalId", id));
      assertThat(granted.status()).as(granted.text()).isEqualTo(200);
      assertThat(granted.json().path("result").path("priceCents").asLong()).isEqualTo(8_000);
      JsonNode grantedEvent = prompter.awaitEvent("approval.granted");
      JsonNode price = prompter.awaitEvent("item.price_changed");
      assertThat(price.path("seq").asLong()).isEqualTo(grantedEvent.path("seq").asLong() + 1);
      assertThat(price.path("data").path("toCents").asLong()).isEqualTo(8_000);
      assertThat(price.path("actor").path("role").asText()).isEqualTo("admin");

      Api.Response again = api.command(TestServer.ADMIN_TOKEN, show.id(), "approval.grant", args("approvalId", id));
      assertThat(again.errorCode()).isEqualTo("CONFLICT");
    }
  }

  @Test
  @DisplayName("a waiting request and its deadline survive a restart")
  void survivesRestart() throws Exception {
    Api.Show show = api.liveSampleShow("重启后仍待批准", approval(0.3, 60));
    Api.Response held = api.command(show.controlToken(), show.id(), "item.set_price", args("itemId", GRAPE, "priceCents", 8_000));
    String id = held.json().path("result").path("approvalId").asText();
    server.restart();
    JsonNode staff = api.get("/api/shows/" + show.id(), Api.bearer(show.controlToken())).json();
    assertThat(staff.path("approvals").get(0).path("approvalId").asText()).isEqualTo(id);
    Api.Response denied = api.command(TestServer.ADMIN_TOKEN, show.id(), "approval.deny", args("approvalId", id));
    assertThat(denied.status()).as(denied.text()).isEqualTo(200);
    assertThat(api.get("/api/shows/" + show.id(), Api.bearer(show.controlToken())).json().path("approvals")).isEmpty();
    Api.Response heldAgain = api.command(show.controlToken(), show.id(), "item.set_price",
        args("itemId", GRAPE, "priceCents", 8_000));
    assertThat(heldAgain.json().path("result").path("pending").asBoolean()).as("the rule is kept with the show")
        .isTrue();
  }

  @Test
  @DisplayName("the approval option is checked when the show is created")
  void optionChecked() {
    for (ObjectNode bad : new ObjectNode[] {approval(0, null), approval(1.5, null), approval("a third", null),
        approval(0.3, 5), approval(0.3, 0.5)}) {
      Api.Response created = api.post("/api/shows", Api.bearer(TestServer.ADMIN_TOKEN), bad.put("title", "x"));
      assertThat(created.status()).as(bad.toString()).isEqualTo(400);
      assertThat(created.errorCode()).isEqualTo("INVALID_ARGUMENT");
    }
    Api.Response created = api.post("/api/shows", Api.bearer(TestServer.ADMIN_TOKEN),
        approval(1, 600).put("title", "全额"));
    assertThat(created.status()).as(created.text()).isEqualTo(201);
  }
}
