package io.livedesk.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.livedesk.json.Json;
import io.livedesk.testing.Api;
import io.livedesk.testing.Figures;
import io.livedesk.testing.PaymentNotices;
import io.livedesk.testing.ShopSheet;
import io.livedesk.testing.TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The studio over three played shows whose figures are worked out by hand: two ended shows, an ended
 * rehearsal that must count for nothing, and a draft planned after them.
 */
@DisplayName("the studio: every show, shows side by side, the item history and a show's standing")
class StudioApiTest {

  private static final long T0 = 1_760_000_000_000L;
  private static final long DAY = 86_400_000L;
  private static final String SECRET = "studio-payment-secret";
  private static final AtomicLong clock = new AtomicLong(T0);
  private static final Map<String, String> ADMIN = Api.bearer(TestServer.ADMIN_TOKEN);

  @RegisterExtension
  static final TestServer server = TestServer.forClass(TestServer.config(c -> {
    c.putObject("payments").put("webhookSecret", SECRET);
    c.putObject("orders").put("holdSeconds", 3600);
  }), clock::get);

  static Api.Show first;
  static Api.Show second;
  static Api.Show rehearsal;
  static Api.Show upcoming;

  @BeforeAll
  static void play() {
    Api api = server.api();
    // first: A on air 120 s (v1 and v2 click, v1 buys 2 × ¥100 and pays), B on air 60 s (v3 orders 1 × ¥50, unpaid)
    clock.set(T0);
    first = ShopSheet.of().item("A", 10_000, 100, null).item("B", 5_000, 100, null).openShow(api, "第一场");
    control(first, "cue.go", "itemId", "A");
    click(first, "v1", "A");
    click(first, "v2", "A");
    pay(first, order(first, "v1", "A", 2));
    clock.set(T0 + 120_000);
    control(first, "cue.go", "itemId", "B");
    order(first, "v3", "B", 1);
    clock.set(T0 + 180_000);
    control(first, "show.end");

    // second, a day later: A on air 60 s (v4 clicks, buys 1 × ¥100), C on air 180 s (v5 clicks, buys 3 × ¥30)
    clock.set(T0 + DAY);
    second = ShopSheet.of().item("A", 10_000, 100, null).item("C", 3_000, 100, null).openShow(api, "第二场");
    control(second, "cue.go", "itemId", "A");
    click(second, "v4", "A");
    pay(second, order(second, "v4", "A", 1));
    clock.set(T0 + DAY + 60_000);
    control(second, "cue.go", "itemId", "C");
    click(second, "v5", "C");
    pay(second, order(second, "v5", "C", 3));
    clock.set(T0 + DAY + 240_000);
    control(second, "show.end");

    // a rehearsal later still, selling a lot of A: never compared, never in the item history
    clock.set(T0 + 2 * DAY);
    ObjectNode create = Json.object().put("title", "排练").put("rehearsal", true);
    Api.Response created = api.post("/api/shows", ADMIN, create);
    rehearsal = new Api.Show(created.json().get("id").asText(), created.json().get("controlToken").asText(),
        created.json().get("prompterToken").asText());
    ObjectNode sheet = Json.object();
    sheet.putArray("items").addObject().put("id", "A").put("role", "main").put("name", "商品 A")
        .put("listPriceCents", 20_000).put("livePriceCents", 10_000).put("stock", 100);
    assertThat(api.send("PUT", "/api/shows/" + rehearsal.id() + "/runsheet", Map.of("Authorization",
        "Bearer " + rehearsal.controlToken(), "Content-Type", "application/json"), Json.bytes(sheet)).status()).isEqualTo(200);
    control(rehearsal, "show.start");
    control(rehearsal, "cue.go", "itemId", "A", "list", true);
    pay(rehearsal, order(rehearsal, "r1", "A", 50));
    clock.set(T0 + 2 * DAY + 60_000);
    control(rehearsal, "show.end");

    // a draft planned for the day after
    upcoming = api.createShow("第三场");
    assertThat(api.loadSampleSheet(upcoming).status()).isEqualTo(200);
  }

  @Test
  @DisplayName("GET /api/studio/shows lists every show with its status and totals, admin only")
  void everyShow() {
    Api.Response answer = server.api().get("/api/studio/shows", ADMIN);
    assertThat(answer.status()).as(answer.text()).isEqualTo(200);
    List<String> ids = new ArrayList<>();
    answer.json().get("shows").forEach(show -> ids.add(show.get("id").asText()));
    // unplanned drafts first, then newest start first
    assertThat(ids).containsExactly(upcoming.id(), rehearsal.id(), second.id(), first.id());
    JsonNode one = answer.json().get("shows").get(3);
    assertThat(one.get("title").asText()).isEqualTo("第一场");
    assertThat(one.get("status").asText()).isEqualTo("ended");
    assertThat(one.get("airedSeconds").asLong()).isEqualTo(180);
    assertThat(one.at("/totals/gmvCents").asLong()).isEqualTo(25_000);
    assertThat(one.at("/totals/paidGmvCents").asLong()).isEqualTo(20_000);
    assertThat(answer.json().get("shows").get(0).get("status").asText()).isEqualTo("draft");

    assertThat(server.api().get("/api/studio/shows", Map.of()).errorCode()).isEqualTo("UNAUTHORIZED");
    assertThat(server.api().get("/api/studio/shows", Api.bearer(first.controlToken())).errorCode())
        .as("a show's control token is not the studio's").isEqualTo("UNAUTHORIZED");
  }

  @Test
  @DisplayName("GET /api/studio/compare puts the named shows side by side in the order asked; unknown ids are NOT_FOUND")
  void compare() {
    Api api = server.api();
    Api.Response answer = api.get("/api/studio/compare?shows=" + second.id() + "," + first.id(), ADMIN);
    assertThat(answer.status()).as(answer.text()).isEqualTo(200);
    JsonNode shows = answer.json().get("shows");
    assertThat(shows).hasSize(2);
    assertThat(shows.get(0).get("id").asText()).isEqualTo(second.id());
    // second: 1 × ¥100 + 3 × ¥30, both paid; viewers v4 and v5 clicked and bought
    assertThat(shows.get(0).at("/totals/gmvCents").asLong()).isEqualTo(19_000);
    assertThat(shows.get(0).at("/totals/buyers").asLong()).isEqualTo(2);
    assertThat(shows.get(1).at("/totals/orders").asLong()).isEqualTo(2);
    assertThat(shows.get(1).at("/totals/uv").asLong()).isEqualTo(3);

    assertThat(api.get("/api/studio/compare?shows=" + first.id() + ",s-nope", ADMIN).errorCode()).isEqualTo("NOT_FOUND");
    assertThat(api.get("/api/studio/compare?shows=" + first.id() + ",", ADMIN).errorCode()).isEqualTo("NOT_FOUND");
    assertThat(api.get("/api/studio/compare?shows=%2E%2E%2Fx", ADMIN).errorCode()).isEqualTo("NOT_FOUND");
    assertThat(api.get("/api/studio/compare", ADMIN).errorCode()).isEqualTo("INVALID_ARGUMENT");
    assertThat(api.get("/api/studio/compare?shows=" + first.id() + "," + first.id(), ADMIN).errorCode())
        .isEqualTo("INVALID_ARGUMENT");
    StringBuilder many = new StringBuilder();
    for (int i = 0; i < 11; i++) {
      many.append(i == 0 ? "" : ",").append("s").append(i);
    }
    assertThat(api.get("/api/studio/compare?shows=" + many, ADMIN).errorCode()).isEqualTo("INVALID_ARGUMENT");
    assertThat(api.get("/api/studio/compare?shows=" + first.id(), Map.of()).errorCode()).isEqualTo("UNAUTHORIZED");
  }

  @Test
  @DisplayName("GET /api/studio/items sums each item over the ended shows, rehearsals left out, by paid GMV")
  void itemHistory() {
    Api.Response answer = server.api().get("/api/studio/items", ADMIN);
    assertThat(answer.status()).as(answer.text()).isEqualTo(200);
    JsonNode items = answer.json().get("items");
    assertThat(items).hasSize(3);
    JsonNode a = items.get(0);
    assertThat(a.get("id").asText()).isEqualTo("A");
    // ¥300 over 3 minutes on air: ¥100 a minute
    assertThat(Figures.whole(a, "shows", "airedSeconds", "units", "gmvCents", "paidGmvCents", "gmvPerMinuteCents"))
        .containsExactly(entry("shows", 2L), entry("airedSeconds", 180L), entry("units", 3L), entry("gmvCents", 30_000L),
            entry("paidGmvCents", 30_000L), entry("gmvPerMinuteCents", 10_000L));
    // clickers who ordered: v1 of v1 and v2, v4 of v4
    assertThat(a.get("clickConversion").asDouble()).isEqualTo(2.0 / 3);

    JsonNode c = items.get(1);
    assertThat(c.get("id").asText()).isEqualTo("C");
    assertThat(c.get("airedSeconds").asLong()).isEqualTo(180);
    assertThat(c.get("gmvPerMinuteCents").asLong()).isEqualTo(3_000);
    assertThat(c.get("clickConversion").asDouble()).isEqualTo(1.0);

    JsonNode b = items.get(2);
    assertThat(b.get("id").asText()).isEqualTo("B");
    assertThat(b.get("shows").asLong()).isEqualTo(1);
    assertThat(b.get("paidGmvCents").asLong()).isZero();
    assertThat(b.get("gmvPerMinuteCents").asLong()).isEqualTo(5_000);
    assertThat(b.get("clickConversion").isNull()).as("nobody clicked B").isTrue();
  }

  @Test
  @DisplayName("a show's standing: the show that started last before it, and the median of the others")
  void standing() {
    Api api = server.api();
    JsonNode ofSecond = api.get("/api/shows/" + second.id() + "/standing", Api.bearer(second.controlToken())).json();
    assertThat(ofSecond.at("/previous/id").asText()).isEqualTo(first.id());
    assertThat(ofSecond.at("/previous/totals/gmvCents").asLong()).isEqualTo(25_000);
    assertThat(ofSecond.get("shows").asInt()).isEqualTo(1);
    assertThat(ofSecond.at("/median/gmvCents").asLong()).isEqualTo(25_000);

    JsonNode ofFirst = api.get("/api/shows/" + first.id() + "/standing", Api.bearer(first.controlToken())).json();
    assertThat(ofFirst.get("previous").isNull()).isTrue();

    JsonNode ofUpcoming = api.get("/api/shows/" + upcoming.id() + "/standing", Api.bearer(upcoming.controlToken())).json();
    assertThat(ofUpcoming.at("/previous/id").asText()).as("the rehearsal is never the previous show").isEqualTo(second.id());
    assertThat(ofUpcoming.get("shows").asInt()).isEqualTo(2);
    // between 25,000 and 19,000; 20,000 and 19,000 paid, rounded down; 2 and 2 orders
    assertThat(ofUpcoming.at("/median/gmvCents").asLong()).isEqualTo(22_000);
    assertThat(ofUpcoming.at("/median/paidGmvCents").asLong()).isEqualTo(19_500);
    assertThat(ofUpcoming.at("/median/orders").asLong()).isEqualTo(2);
    // clicks converted: 1 of 2 in the first, 2 of 2 in the second
    assertThat(ofUpcoming.at("/median/clickConversion").asDouble()).isEqualTo(0.75);

    assertThat(api.get("/api/shows/" + first.id() + "/standing", Api.bearer(second.controlToken())).errorCode())
        .isEqualTo("UNAUTHORIZED");
  }

  private static void control(Api.Show show, String cmd, Object... args) {
    Api.Response response = server.api().command(show.controlToken(), show.id(), cmd, Api.args(args));
    assertThat(response.status()).as(cmd + ": " + response.text()).isEqualTo(200);
  }

  private static void click(Api.Show show, String viewer, String itemId) {
    assertThat(server.api().viewerCommand(viewer, show.id(), "viewer.click", Api.args("itemId", itemId)).status())
        .isEqualTo(200);
  }

  private static JsonNode order(Api.Show show, String viewer, String itemId, int qty) {
    Api.Response placed = server.api().viewerCommand(viewer, show.id(), "order.place", Api.args("itemId", itemId, "qty", qty));
    assertThat(placed.status()).as(placed.text()).isEqualTo(200);
    return placed.json().get("result");
  }

  private static void pay(Api.Show show, JsonNode order) {
    byte[] notice = PaymentNotices.body(show.id(), order.get("orderId").asText(), "PAID",
        "pay-" + order.get("orderId").asText(), order.get("amountCents").asLong());
    Api.Response paid = PaymentNotices.post(server.api(), SECRET, show.id(), notice);
    assertThat(paid.status()).as(paid.text()).isEqualTo(200);
  }
}
