package io.livedesk.webhooks;

import static io.livedesk.testing.WebhookReceiver.within;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.livedesk.json.Json;
import io.livedesk.testing.Api;
import io.livedesk.testing.ShopSheet;
import io.livedesk.testing.TestServer;
import io.livedesk.testing.WebhookReceiver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Webhooks over real HTTP: a receiver on this machine, the server failing it, restarted, kept waiting. */
class WebhookDeliveryTest {

  @RegisterExtension
  final TestServer server = TestServer.forEachTest(TestServer.config(c -> c.putObject("webhooks")
      .put("timeoutSeconds", 1).put("backoffBaseMillis", 50).put("backoffMaxSeconds", 1).put("max", 3)
      .put("failingAfter", 3)), System::currentTimeMillis);
  private WebhookReceiver receiver;

  @BeforeEach
  void openReceiver() throws Exception {
    receiver = new WebhookReceiver();
  }

  @AfterEach
  void closeReceiver() throws Exception {
    receiver.close();
  }

  private Api api() {
    return server.api();
  }

  private JsonNode createWebhook(Object kinds) {
    Api.Response created = api().post("/api/webhooks", Api.bearer(TestServer.ADMIN_TOKEN),
        Api.args("url", receiver.url(), "kinds", kinds));
    assertThat(created.status()).as(created.text()).isEqualTo(200);
    return created.json();
  }

  private Api.Show openShow() {
    return ShopSheet.of().item("GRAPE", 8_800, 10_000, null).openShow(api(), "webhooks");
  }

  private List<Long> placeOrders(Api.Show show, int count) {
    List<Long> seqs = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Api.Response placed = api().viewerCommand("v" + i, show.id(), "order.place", Api.args("itemId", "GRAPE", "qty", 1));
      assertThat(placed.status()).as(placed.text()).isEqualTo(200);
      seqs.add(placed.json().get("seq").asLong());
    }
    return seqs;
  }

  private List<Long> receivedSeqs(String kind) {
    return receiver.events().stream().filter(e -> e.get("kind").asText().equals(kind))
        .map(e -> e.get("seq").asLong()).toList();
  }

  @Test
  @DisplayName("a delivery is signed as documented, carries the wanted kinds in seq order, and never a note")
  void signedAndFiltered() throws Exception {
    JsonNode webhook = createWebhook(List.of("*"));
    String secret = webhook.get("secret").asText();
    Api.Show show = openShow();
    api().command(show.controlToken(), show.id(), "cue.note", Api.args("text", "slow down"));
    List<Long> orders = placeOrders(show, 3);

    assertThat(within(Duration.ofSeconds(10), () -> receivedSeqs("order.placed").size() == 3)).isTrue();
    for (WebhookReceiver.Request request : receiver.requests()) {
      assertThat(WebhookReceiver.verifies(secret, request.signature(), request.body())).as(request.signature()).isTrue();
      assertThat(WebhookReceiver.verifies("another secret", request.signature(), request.body())).isFalse();
    }
    assertThat(receivedSeqs("order.placed")).isEqualTo(orders);
    List<Long> all = receiver.events().stream().map(e -> e.get("seq").asLong()).toList();
    assertThat(all).isSorted().doesNotHaveDuplicates();
    assertThat(receiver.events()).noneMatch(e -> e.get("kind").asText().startsWith("cue.note")
        || e.get("kind").asText().equals("cue.acked"));
    JsonNode first = receiver.events().get(0);
    assertThat(first.get("id").asText()).isEqualTo(show.id() + ":" + first.get("seq").asLong());
    assertThat(first.get("showId").asText()).isEqualTo(show.id());
    assertThat(first.has("ts") && first.has("data")).isTrue();
    assertThat(webhook.get("id").asText()).startsWith("wh_");
  }

  @Test
  @DisplayName("through errors, timeouts and a receiver that is down, every event arrives, in order")
  void completeThroughFailures() throws Exception {
    createWebhook(List.of("order.placed"));
    Api.Show show = openShow();
    receiver.answer(500, 0);
    List<Long> orders = new ArrayList<>(placeOrders(show, 10));
    assertThat(within(Duration.ofSeconds(5), () -> receiver.requests().size() >= 4)).isTrue();
    assertThat(within(Duration.ofSeconds(5), () -> health().get("status").asText().equals("DEGRADED"))).isTrue();
    assertThat(health().path("checks").path("webhooks").size()).isEqualTo(1);

    receiver.answer(200, 1_500);
    orders.addAll(placeOrders(show, 10));
    Thread.sleep(2_000);
    receiver.down();
    orders.addAll(placeOrders(show, 10));
    Thread.sleep(1_500);
    receiver.answer(200, 0);
    receiver.up();

    assertThat(within(Duration.ofSeconds(20), () -> receivedSeqs("order.placed").size() == orders.size())).isTrue();
    assertThat(receivedSeqs("order.placed")).isEqualTo(orders);
    assertThat(within(Duration.ofSeconds(5), () -> health().get("status").asText().equals("UP"))).isTrue();
  }

  @Test
  @DisplayName("a restart in the middle of deliveries resumes from the stored cursor and loses nothing")
  void resumesAfterRestart() throws Exception {
    createWebhook(List.of("order.placed"));
    Api.Show show = openShow();
    receiver.answer(200, 100);
    List<Long> orders = placeOrders(show, 30);
    Thread.sleep(150);
    server.restart();
    List<Long> later = placeOrders(show, 5);

    assertThat(within(Duration.ofSeconds(20), () -> receivedSeqs("order.placed").size() == 35)).isTrue();
    List<Long> all = new ArrayList<>(orders);
    all.addAll(later);
    assertThat(receivedSeqs("order.placed")).isEqualTo(all);
  }

  @Test
  @DisplayName("a receiver that takes seconds to answer does not slow the orders down")
  void slowReceiverDoesNotSlowOrders() throws Exception {
    createWebhook(List.of("*"));
    Api.Show show = openShow();
    receiver.answer(200, 900);
    List<Long> millis = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      long started = System.nanoTime();
      placeOrders(show, 1);
      millis.add((System.nanoTime() - started) / 1_000_000);
    }
    // were the orders waiting for the receiver, each would take its 900 ms
    assertThat(within(Duration.ofSeconds(5), () -> !receiver.requests().isEmpty())).isTrue();
    assertThat(millis.stream().sorted().toList().get(millis.size() / 2)).isLessThan(300);
    assertThat(millis).allMatch(ms -> ms < 900);
  }

  @Test
  @DisplayName("deliveries list the attempts; a redelivery sends a show's events again from a seq")
  void deliveriesAndRedelivery() throws Exception {
    String id = createWebhook(List.of("order.placed")).get("id").asText();
    Api.Show show = openShow();
    List<Long> orders = placeOrders(show, 3);
    assertThat(within(Duration.ofSeconds(10), () -> receivedSeqs("order.placed").size() == 3)).isTrue();
    int requestsBefore = receiver.requests().size();

    JsonNode deliveries = api().get("/api/webhooks/" + id + "/deliveries", Api.bearer(TestServer.ADMIN_TOKEN))
        .json().get("deliveries");
    assertThat(deliveries.get(0).get("status").asText()).isEqualTo("delivered");
    assertThat(deliveries.get(0).get("showId").asText()).isEqualTo(show.id());
    assertThat(deliveries.get(0).has("latencyMs")).isTrue();

    Api.Response redeliver = api().post("/api/webhooks/" + id + "/redeliver", Api.bearer(TestServer.ADMIN_TOKEN),
        Api.args("showId", show.id(), "fromSeq", orders.get(1)));
    assertThat(redeliver.status()).as(redeliver.text()).isEqualTo(200);
    assertThat(within(Duration.ofSeconds(10), () -> receiver.requests().size() > requestsBefore)).isTrue();
    List<Long> again = new ArrayList<>();
    receiver.requests().subList(requestsBefore, receiver.requests().size())
        .forEach(r -> r.json().get("events").forEach(e -> again.add(e.get("seq").asLong())));
    assertThat(again).containsExactly(orders.get(1), orders.get(2));
  }

  @Test
  @DisplayName("after a rotation both secrets sign, so a receiver may switch at its own pace")
  void rotation() throws Exception {
    JsonNode webhook = createWebhook(List.of("order.placed"));
    String old = webhook.get("secret").asText();
    Api.Response rotated = api().post("/api/webhooks/" + webhook.get("id").asText() + "/rotate",
        Api.bearer(TestServer.ADMIN_TOKEN), Json.object());
    assertThat(rotated.status()).as(rotated.text()).isEqualTo(200);
    String fresh = rotated.json().get("secret").asText();
    assertThat(fresh).isNotEqualTo(old);

    placeOrders(openShow(), 1);
    assertThat(within(Duration.ofSeconds(10), () -> !receiver.requests().isEmpty())).isTrue();
    WebhookReceiver.Request request = receiver.requests().get(0);
    assertThat(request.signature().split(",v1=")).hasSize(3);
    assertThat(WebhookReceiver.verifies(fresh, request.signature(), request.body())).isTrue();
    assertThat(WebhookReceiver.verifies(old, request.signature(), request.body())).isTrue();
  }

  @Test
  @DisplayName("webhooks are the admin's, with a checked url and kinds, and a bounded number of them")
  void adminAndValidation() {
    Map<String, String> admin = Api.bearer(TestServer.ADMIN_TOKEN);
    assertThat(api().post("/api/webhooks", Api.bearer("nobody"), Api.args("url", receiver.url(), "kinds", List.of("*")))
        .status()).isEqualTo(401);
    assertThat(api().post("/api/webhooks", admin, Api.args("url", "ftp://x/y", "kinds", List.of("*"))).errorCode())
        .isEqualTo("INVALID_ARGUMENT");
    assertThat(api().post("/api/webhooks", admin, Api.args("url", receiver.url(), "kinds", List.of("order.eaten")))
        .errorCode()).isEqualTo("INVALID_ARGUMENT");
    assertThat(api().post("/api/webhooks", admin, Api.args("url", receiver.url(), "kinds", List.of("cue.note")))
        .errorCode()).isEqualTo("INVALID_ARGUMENT");
    assertThat(api().post("/api/webhooks", admin, Api.args("url", "http://x/" + "a".repeat(3000), "kinds",
        List.of("*"))).errorCode()).isEqualTo("INVALID_ARGUMENT");
    for (int i = 0; i < 3; i++) {
      createWebhook(List.of("*"));
    }
    assertThat(api().post("/api/webhooks", admin, Api.args("url", receiver.url(), "kinds", List.of("*"))).errorCode())
        .isEqualTo("LIMIT_EXCEEDED");
    JsonNode listed = api().get("/api/webhooks", admin).json().get("webhooks");
    assertThat(listed).hasSize(3);
    assertThat(listed.get(0).has("secret")).isFalse();
    String id = listed.get(0).get("id").asText();
    assertThat(api().send("DELETE", "/api/webhooks/" + id, admin, null).status()).isEqualTo(200);
    assertThat(api().get("/api/webhooks", admin).json().get("webhooks")).hasSize(2);
    assertThat(api().send("DELETE", "/api/webhooks/" + id, admin, null).errorCode()).isEqualTo("NOT_FOUND");
  }

  private JsonNode health() {
    return api().get("/health", Map.of()).json();
  }

}
