package io.livedesk.commerce;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.livedesk.http.Signatures;
import io.livedesk.json.Json;
import io.livedesk.testing.Api;
import io.livedesk.testing.ShopSheet;
import io.livedesk.testing.TestServer;
import io.livedesk.testing.WsClient;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ViewerIdentityTest {

  private static final String SECRET = "shop-viewer-secret";
  static final AtomicLong CLOCK = new AtomicLong(System.currentTimeMillis());
  @RegisterExtension
  static final TestServer server = TestServer.forClass(
      Json.object().set("viewers", Json.object().put("signingSecret", SECRET)), CLOCK::get);
  static Api.Show show;

  @BeforeAll
  static void openShow() {
    show = ShopSheet.of().item("GRAPE", 8_800, 10, null).openShow(server.api(), "signed viewers");
  }

  private static long inOneHour() {
    return CLOCK.get() / 1000 + 3600;
  }

  @Test
  @DisplayName("with a signing secret, a valid unexpired token identifies the viewer over REST")
  void validToken() {
    Api.Response placed = click(Map.of("X-Viewer-Token", Signatures.viewerToken(SECRET, "vip-7", inOneHour())));

    assertThat(placed.status()).as(placed.text()).isEqualTo(200);
    JsonNode last = lastEvent();
    assertThat(last.path("actor").path("id").asText()).isEqualTo("vip-7");
  }

  @Test
  @DisplayName("with a signing secret, X-Viewer alone, an expired token or a bad signature is 401")
  void refusedOverRest() {
    String expired = Signatures.viewerToken(SECRET, "vip-7", CLOCK.get() / 1000 - 1);
    String foreign = Signatures.viewerToken("not-the-shop", "vip-7", inOneHour());
    String valid = Signatures.viewerToken(SECRET, "vip-7", inOneHour());
    String tampered = valid.replace("vip-7", "vip-8");

    for (Map<String, String> headers : List.of(Map.of("X-Viewer", "vip-7"), Map.of("X-Viewer-Token", expired),
        Map.of("X-Viewer-Token", foreign), Map.of("X-Viewer-Token", tampered),
        Map.of("X-Viewer-Token", "v1.vip-7"), Map.of("X-Viewer", "vip-7", "X-Viewer-Token", "garbage"))) {
      Api.Response refused = click(headers);
      assertThat(refused.status()).as(headers + " → " + refused.text()).isEqualTo(401);
      assertThat(refused.errorCode()).isEqualTo("UNAUTHORIZED");
    }
  }

  @Test
  @DisplayName("a token stops working once the clock passes its expiry")
  void tokenExpiresWithTheClock() {
    String token = Signatures.viewerToken(SECRET, "vip-9", CLOCK.get() / 1000 + 10);
    assertThat(click(Map.of("X-Viewer-Token", token)).status()).isEqualTo(200);

    CLOCK.addAndGet(10_000);

    assertThat(click(Map.of("X-Viewer-Token", token)).status()).isEqualTo(401);
  }

  @Test
  @DisplayName("over the WebSocket only a valid token connects a viewer; anything else gets UNAUTHORIZED and a close")
  void overWebSocket() throws Exception {
    String valid = Signatures.viewerToken(SECRET, "ws-viewer", inOneHour());
    try (WsClient ok = connect(null, valid)) {
      JsonNode welcome = ok.awaitType("welcome");
      assertThat(welcome.path("snapshot").path("status").asText()).isEqualTo("live");
    }
    String expired = Signatures.viewerToken(SECRET, "ws-viewer", CLOCK.get() / 1000 - 1);
    String foreign = Signatures.viewerToken("not-the-shop", "ws-viewer", inOneHour());
    for (String[] identity : new String[][] {{"ws-viewer", null}, {null, expired}, {null, foreign},
        {"ws-viewer", tampered(valid)}}) {
      try (WsClient refused = connect(identity[0], identity[1])) {
        JsonNode error = refused.awaitType("error");
        assertThat(error.path("error").path("code").asText()).isEqualTo("UNAUTHORIZED");
        assertThat(refused.awaitClosed(5_000)).isTrue();
        assertThat(refused.closeCode()).isEqualTo(4401);
      }
    }
  }

  /** The token with its signature's last hex digit changed (to another digit: one that was already 0 stays valid). */
  private static String tampered(String token) {
    char last = token.charAt(token.length() - 1);
    return token.substring(0, token.length() - 1) + (last == '0' ? '1' : '0');
  }

  private static WsClient connect(String viewer, String viewerToken) throws Exception {
    ObjectNode connect = WsClient.connectFrame("viewer", null, viewer, null);
    if (viewerToken != null) {
      connect.put("viewerToken", viewerToken);
    }
    return WsClient.connect(server.wsUrl(show.id()), connect);
  }

  private static Api.Response click(Map<String, String> headers) {
    ObjectNode body = Json.object();
    body.put("cmd", "viewer.click");
    body.set("args", Api.args("itemId", "GRAPE"));
    return server.api().post("/api/shows/" + show.id() + "/commands", headers, body);
  }

  private static JsonNode lastEvent() {
    Api.Response events = server.api().get("/api/shows/" + show.id() + "/events?after=0&limit=10000",
        Api.bearer(show.controlToken()));
    JsonNode all = events.json().get("events");
    return all.get(all.size() - 1);
  }
}
