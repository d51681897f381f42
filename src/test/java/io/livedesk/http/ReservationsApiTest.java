package io.livedesk.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.livedesk.json.Json;
import io.livedesk.testing.Api;
import io.livedesk.testing.PaymentNotices;
import io.livedesk.testing.TestServer;
import io.livedesk.testing.WsClient;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("reservations (预约) over the wire: show.reserve, the public count, reservations.csv and the funnel")
class ReservationsApiTest {

  private static final String SECRET = "reservations-payment-secret";
  private static final String ITEM = "JJ-CHERRY-10";

  @RegisterExtension
  static final TestServer server = TestServer.forClass(c -> c.putObject("payments").put("webhookSecret", SECRET));

  @Test
  @DisplayName("idempotent per viewer, only before the start, listed for the shop, and followed to payment")
  void reserveThenFunnel() throws Exception {
    Api api = server.api();
    Api.Show show = api.createShow("预约场");
    assertThat(api.loadSampleSheet(show).status()).isEqualTo(200);

    assertThat(reserve(api, show, "fan").json().at("/result/reservations").asInt()).isEqualTo(1);
    assertThat(reserve(api, show, "fan").json().at("/result/reservations").asInt()).isEqualTo(1);
    assertThat(reserve(api, show, "@cmd").json().at("/result/reservations").asInt()).isEqualTo(2);
    assertThat(reserve(api, show, "lurker").json().at("/result/reservations").asInt()).isEqualTo(3);
    assertThat(api.get("/api/shows/" + show.id(), Api.viewer("passer-by")).json().get("reservations").asInt())
        .as("the count is public").isEqualTo(3);
    assertThat(api.get("/api/shows/" + show.id(), Api.viewer("passer-by")).json().get("reserved").asBoolean()).isFalse();
    assertThat(api.get("/api/shows/" + show.id(), Api.viewer("fan")).json().get("reserved").asBoolean())
        .as("a viewer's own snapshot says they reserved").isTrue();
    assertThat(api.events(show).stream().filter(e -> e.get("kind").asText().equals("show.reserved")).count())
        .as("a repeat records nothing").isEqualTo(3);

    Api.Response csv = api.get("/api/shows/" + show.id() + "/reservations.csv", Api.bearer(show.controlToken()));
    assertThat(csv.status()).isEqualTo(200);
    String text = csv.text();
    assertThat(text).startsWith("\uFEFF观众 (viewerId),预约时间 (reservedAt)\r\n");
    String[] lines = text.substring(1).split("\r\n");
    assertThat(lines).hasSize(4);
    assertThat(lines[1]).startsWith("fan,20");
    assertThat(lines[2]).as("a cell that starts with @ is never a formula").startsWith("'@cmd,20");
    assertThat(lines[3]).startsWith("lurker,");
    assertThat(api.get("/api/shows/" + show.id() + "/reservations.csv", Api.viewer("fan")).status()).isEqualTo(403);

    try (WsClient fan = server.viewer(show, "fan")) {
      fan.awaitType("welcome");
      command(api, show, "show.start");
      assertThat(reserve(api, show, "late").errorCode()).isEqualTo("CONFLICT");
      command(api, show, "item.list", "itemId", ITEM);
      assertThat(api.viewerCommand("fan", show.id(), "viewer.click", Api.args("itemId", ITEM)).status()).isEqualTo(200);
      JsonNode order = api.viewerCommand("fan", show.id(), "order.place", Api.args("itemId", ITEM, "qty", 1)).json();
      String orderId = order.at("/result/orderId").asText();
      byte[] notice = PaymentNotices.body(show.id(), orderId, "PAID", "pay-1", order.at("/result/amountCents").asLong());
      assertThat(PaymentNotices.post(api, SECRET, show.id(), notice).status()).isEqualTo(200);
      command(api, show, "show.end");
    }
    assertThat(reserve(api, show, "late").errorCode()).isEqualTo("SHOW_ENDED");

    JsonNode report = api.get("/api/shows/" + show.id() + "/report", Api.bearer(show.controlToken())).json();
    assertThat(report.at("/totals/reservations").asInt()).isEqualTo(3);
    assertThat(report.at("/totals/reservedAttended").asInt()).isEqualTo(1);
    assertThat(report.get("funnel")).isEqualTo(Json.parse(
        "{\"reserved\":3,\"attended\":1,\"clicked\":1,\"ordered\":1,\"paid\":1}".getBytes(StandardCharsets.UTF_8)));
  }

  private static Api.Response reserve(Api api, Api.Show show, String viewerId) {
    return api.viewerCommand(viewerId, show.id(), "show.reserve", Json.object());
  }

  private static void command(Api api, Api.Show show, String cmd, Object... args) {
    Api.Response response = api.command(show.controlToken(), show.id(), cmd, Api.args(args));
    assertThat(response.status()).as(cmd + ": " + response.text()).isEqualTo(200);
  }
}
