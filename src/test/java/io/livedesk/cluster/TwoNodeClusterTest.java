package io.livedesk.cluster;

import static io.livedesk.testing.Api.args;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.livedesk.json.Json;
import io.livedesk.testing.ClusterNamespace;
import io.livedesk.testing.Api;
import io.livedesk.testing.NodeProcess;
import io.livedesk.testing.WsClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Two server processes sharing PostgreSQL and Redis, as behind a load balancer: what happens on one node
 * is seen on the other, the writer of a show stays single across them, and a killed writer is replaced.
 */
class TwoNodeClusterTest {

  static final long LEASE_MILLIS = 2000;
  static final String ITEM = "SHINE-MUSCAT-2";
  /** How often a buyer sends an order answered UNAVAILABLE, half a second apart. */
  private static final int ORDER_TRIES = 20;

  @RegisterExtension
  static final ClusterNamespace names = new ClusterNamespace();
  NodeProcess a;
  NodeProcess b;


  @BeforeEach
  void startNodes() throws Exception {
    a = NodeProcess.start("node-a", NodeProcess.clusterConfig(names.schema(), names.prefix(), LEASE_MILLIS));
    b = NodeProcess.start("node-b", NodeProcess.clusterConfig(names.schema(), names.prefix(), LEASE_MILLIS));
  }

  @AfterEach
  void stopNodes() throws Exception {
    a.close();
    b.close();
  }

  @Test
  @DisplayName("a price change sent to node A reaches a prompter and a viewer connected to node B")
  void controlOnAReachesB() throws Exception {
    Api.Show show = a.api().liveSampleShow("across nodes");
    a.api().command(show.controlToken(), show.id(), "item.list", args("itemId", ITEM));
    try (WsClient prompter = WsClient.connect(b.wsUrl(show.id()), "prompter", show.prompterToken(), null, null);
         WsClient viewer = WsClient.connect(b.wsUrl(show.id()), "viewer", null, "v-on-b", null);
         WsClient control = WsClient.connect(a.wsUrl(show.id()), "control", show.controlToken(), null, null)) {
      prompter.awaitType("welcome");
      viewer.awaitType("welcome");
      control.awaitType("welcome");

      JsonNode reply = control.command("item.set_price", args("itemId", ITEM, "priceCents", 7900));

      assertThat(reply.get("ok").asBoolean()).as(reply.toString()).isTrue();
      JsonNode onPrompter = prompter.awaitEvent("item.price_changed");
      JsonNode onViewer = viewer.awaitEvent("item.price_changed");
      assertThat(onPrompter.get("seq").asLong()).isEqualTo(reply.get("seq").asLong());
      assertThat(onViewer.get("seq").asLong()).isEqualTo(reply.get("seq").asLong());
      assertThat(onViewer.path("data").path("toCents").asLong()).isEqualTo(7900);
    }
  }

  @Test
  @DisplayName("1,000 orders at once, spread over both nodes, against a stock of 100 sell exactly 100")
  void thousandOrdersSellExactlyTheStock() throws Exception {
    Api.Show show = a.api().liveSampleShow("flash sale");
    a.api().command(show.controlToken(), show.id(), "item.set_stock", args("itemId", ITEM, "stock", 100));
    a.api().command(show.controlToken(), show.id(), "item.list", args("itemId", ITEM));
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(10)).build();
    AtomicInteger repeats = new AtomicInteger();
    List<CompletableFuture<HttpResponse<String>>> orders = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      orders.add(order(client, i % 2 == 0 ? a : b, show, "buyer-" + i, ORDER_TRIES, repeats));
    }
    CompletableFuture.allOf(orders.toArray(CompletableFuture[]::new)).join();
    System.out.println("flash sale over two nodes: " + repeats.get() + " orders repeated after UNAVAILABLE");

    Map<String, Integer> outcomes = new HashMap<>();
    for (CompletableFuture<HttpResponse<String>> order : orders) {
      HttpResponse<String> response = order.join();
      String outcome = response.statusCode() == 200 ? "ok"
          : Json.parse(response.body()).path("error").path("code").asText();
      outcomes.merge(outcome, 1, Integer::sum);
    }
    assertThat(outcomes).containsExactlyInAnyOrderEntriesOf(Map.of("ok", 100, "SOLD_OUT", 900));
    assertThat(b.api().events(show).stream().filter(e -> e.path("kind").asText().equals("order.placed"))).hasSize(100);
    for (NodeProcess node : List.of(a, b)) {
      assertThat(soldEventually(node, show)).as(node.nodeId()).isEqualTo(100);
    }
  }

  @Test
  @DisplayName("kill -9 of the writer: the other node takes over within the lease, nothing acknowledged is lost, "
      + "clients resume from their seq")
  void writerKilled() throws Exception {
    Api.Show show = a.api().liveSampleShow("writer killed");
    Map<Long, String> acknowledged = new LinkedHashMap<>();
    long lastSeenOnA;
    try (WsClient prompterOnA = WsClient.connect(a.wsUrl(show.id()), "prompter", show.prompterToken(), null, null)) {
      prompterOnA.awaitType("welcome");
      for (int i = 0; i < 20; i++) {
        Announcements.publish((i % 2 == 0 ? a : b).api(), show, "before " + i, acknowledged);
      }
      lastSeenOnA = prompterOnA.await(f -> f.path("data").path("text").asText().equals("before 19"), 10_000)
          .get("seq").asLong();

      a.kill();
    }
    long killedAt = System.currentTimeMillis();
    long tookOverAt = 0;
    int failed = 0;
    for (int i = 0; acknowledged.size() < 30 && System.currentTimeMillis() - killedAt < 30_000; i++) {
      if (Announcements.publish(b.api(), show, "after " + i, acknowledged)) {
        tookOverAt = tookOverAt == 0 ? System.currentTimeMillis() : tookOverAt;
      } else {
        failed++;
        Thread.sleep(100);
      }
    }

    assertThat(tookOverAt).as("node B took the show over").isPositive();
    assertThat(tookOverAt - killedAt).as("takeover time").isLessThan(3 * LEASE_MILLIS);
    assertThat(acknowledged).hasSize(30);
    List<JsonNode> history = b.api().events(show);
    Announcements.assertGaplessWithEveryAcknowledged(history, acknowledged);
    System.out.println("writer killed: B took over after " + (tookOverAt - killedAt) + " ms; " + failed
        + " commands answered UNAVAILABLE meanwhile");

    try (WsClient resumed = WsClient.connect(b.wsUrl(show.id()), "prompter", show.prompterToken(), null, lastSeenOnA)) {
      JsonNode welcome = resumed.awaitType("welcome");
      assertThat(welcome.has("replay")).as(welcome.toString()).isTrue();
      List<Long> replayed = new ArrayList<>();
      welcome.get("replay").forEach(event -> replayed.add(event.get("seq").asLong()));
      long last = history.get(history.size() - 1).get("seq").asLong();
      assertThat(replayed).first().isEqualTo(lastSeenOnA + 1);
      assertThat(replayed).last().isEqualTo(last);
      assertThat(replayed).hasSize((int) (last - lastSeenOnA));
    }
  }

  /** Units sold of the item as the node's replica sees it, once it has caught up with the 100th order. */
  private static long soldEventually(NodeProcess node, Api.Show show) throws InterruptedException {
    long sold = -1;
    for (int i = 0; i < 100 && sold != 100; i++) {
      JsonNode snapshot = node.api().get("/api/shows/" + show.id(), Api.bearer(show.controlToken())).json();
      for (JsonNode item : snapshot.get("items")) {
        if (item.get("id").asText().equals(ITEM)) {
          sold = item.get("sold").asLong();
        }
      }
      if (sold != 100) {
        Thread.sleep(100);
      }
    }
    return sold;
  }

  /**
   * One buyer's order, sent with an idempotency key and repeated while the answer is UNAVAILABLE: a burst can
   * outlast the store's deadline, and then only a repeat with the same key tells whether the order was taken
   * (docs/protocol.md §Errors). A repeat never places a second order.
   */
  private static CompletableFuture<HttpResponse<String>> order(HttpClient client, NodeProcess node, Api.Show show,
      String buyer, int tries, AtomicInteger repeats) {
    String body = Json.text(Json.object().put("cmd", "order.place").put("key", "order-of-" + buyer)
        .set("args", args("itemId", ITEM, "qty", 1)));
    HttpRequest request = HttpRequest.newBuilder(URI.create(node.baseUrl() + "/api/shows/" + show.id() + "/commands"))
        .timeout(Duration.ofSeconds(60))
        .header("Content-Type", "application/json")
        .header("X-Viewer", buyer)
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
    return client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenCompose(response -> {
      if (response.statusCode() != 503 || tries <= 1) {
        return CompletableFuture.completedFuture(response);
      }
      repeats.incrementAndGet();
      return CompletableFuture.supplyAsync(() -> null, CompletableFuture.delayedExecutor(500, TimeUnit.MILLISECONDS))
          .thenCompose(v -> order(client, node, show, buyer, tries - 1, repeats));
    });
  }
}
