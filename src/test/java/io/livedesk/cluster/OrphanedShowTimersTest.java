package io.livedesk.cluster;

import static io.livedesk.testing.Api.args;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.livedesk.json.Json;
import io.livedesk.testing.Api;
import io.livedesk.testing.ClusterNamespace;
import io.livedesk.testing.NodeProcess;
import io.livedesk.testing.Futures;
import io.livedesk.testing.SharedServices;
import io.livedesk.testing.WsClient;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The writer of two live shows is killed and nobody sends a command after it: the surviving node claims
 * both shows on its own, and their clocks keep running there (an unpaid order expires, a lottery countdown
 * closes, the dead node's viewers are dropped). One show the survivor already served, one it had never opened.
 */
class OrphanedShowTimersTest {

  static final long LEASE_MILLIS = 2000;
  static final int HOLD_SECONDS = 6;
  static final int COUNTDOWN_SECONDS = 6;
  /** The survivor looks at the leases every 250 to 500 ms, so it claims a show within a second of its lease running out. */
  static final long CLAIM_WITHIN_MILLIS = LEASE_MILLIS + 1000;
  /** Scheduling allowance: this test polls every 50 ms and shares two cores with other builds. */
  static final long ALLOWANCE_MILLIS = 500;
  /** The writer checks its deadlines every 200 ms. */
  static final long DEADLINE_CHECK_MILLIS = 200;
  static final String ITEM = "SHINE-MUSCAT-2";
  static final String PRIZE = "LT-CHERRY-1";
  @RegisterExtension
  static final ClusterNamespace names = new ClusterNamespace();
  NodeProcess a;
  NodeProcess b;
  Vertx vertx;
  Redis redis;

  @BeforeEach
  void startNodes() throws Exception {
    a = NodeProcess.start("node-a", config());
    b = NodeProcess.start("node-b", config());
    vertx = Vertx.vertx();
    redis = Redis.createClient(vertx, SharedServices.REDIS_URI);
  }

  static ObjectNode config() {
    ObjectNode config = NodeProcess.clusterConfig(names.schema(), names.prefix(), LEASE_MILLIS);
    config.putObject("orders").put("holdSeconds", HOLD_SECONDS);
    return config;
  }

  @AfterEach
  void stopNodes() throws Exception {
    a.close();
    b.close();
    Futures.await(redis.close().eventually(() -> vertx.close()));
  }

  @Test
  @DisplayName("kill -9 of the writer and no command after it: the other node claims its shows within the lease "
      + "and a second, and their order holds, lottery countdowns and dead node's viewers end on time there")
  void timersOutliveTheirWriter() throws Exception {
    Api.Show served = a.api().liveSampleShow("served by both nodes");
    Api.Show unseen = a.api().liveSampleShow("never opened on node B");
    try (WsClient controlOnB = WsClient.connect(b.wsUrl(served.id()), "control", served.controlToken(), null, null);
         WsClient viewerOnA = WsClient.connect(a.wsUrl(served.id()), "viewer", null, "v-on-a", null)) {
      controlOnB.awaitType("welcome");
      viewerOnA.awaitType("welcome");
      assertThat(onlineEventually(b, served, 1)).as("the viewer on node A, seen from node B").isEqualTo(1);
      Clocks servedClocks = startClocks(served);
      Clocks unseenClocks = startClocks(unseen);
      assertThat(holder(served)).startsWith("node-a|");
      assertThat(holder(unseen)).startsWith("node-a|");

      long killedAt = System.currentTimeMillis();
      a.kill();

      long servedClaimedAt = claimedByB(served, killedAt);
      long unseenClaimedAt = claimedByB(unseen, killedAt);
      System.out.println("writer killed, no command sent: node B claimed the shows after " + (servedClaimedAt - killedAt)
          + " ms and " + (unseenClaimedAt - killedAt) + " ms");
      assertThat(servedClaimedAt - killedAt).as("claim of the show node B served")
          .isLessThanOrEqualTo(CLAIM_WITHIN_MILLIS + ALLOWANCE_MILLIS);
      assertThat(unseenClaimedAt - killedAt).as("claim of the show node B had never opened")
          .isLessThanOrEqualTo(CLAIM_WITHIN_MILLIS + ALLOWANCE_MILLIS);

      JsonNode expiredLive = controlOnB.await(f -> isEvent(f, "order.expired")
          && f.path("data").path("orderId").asText().equals(servedClocks.orderId()), 20_000);
      JsonNode closedLive = controlOnB.event("lottery.closed");
      assertOnTime(expiredLive, servedClocks.expiresAt());
      assertOnTime(closedLive, servedClocks.closesAt());
      assertThat(closedLive.path("data").path("automatic").asBoolean()).isTrue();

      assertOnTime(eventEventually(b, unseen, "order.expired"), unseenClocks.expiresAt());
      JsonNode unseenClosed = eventEventually(b, unseen, "lottery.closed");
      assertOnTime(unseenClosed, unseenClocks.closesAt());
      assertThat(unseenClosed.path("data").path("lotteryId").asText()).isEqualTo(unseenClocks.lotteryId());

      assertThat(onlineEventually(b, served, 0)).as("the dead node's viewer, dropped by node B").isZero();
      JsonNode stock = item(b, served, ITEM);
      assertThat(stock.get("sold").asLong()).as(stock.toString()).isZero();
    }
  }

  /** What a show's clock is running for: an unpaid order and a lottery countdown, both decided by node A. */
  record Clocks(String orderId, long expiresAt, String lotteryId, long closesAt) {}

  private Clocks startClocks(Api.Show show) {
    assertThat(a.api().command(show.controlToken(), show.id(), "item.list", args("itemId", ITEM)).status()).isEqualTo(200);
    Api.Response order = a.api().viewerCommand("buyer", show.id(), "order.place", args("itemId", ITEM, "qty", 1));
    assertThat(order.status()).as(order.text()).isEqualTo(200);
    Api.Response lottery = a.api().command(show.controlToken(), show.id(), "lottery.open", args("itemId", PRIZE,
        "winners", 1, "rule", Json.object().put("type", "any"), "seconds", COUNTDOWN_SECONDS));
    assertThat(lottery.status()).as(lottery.text()).isEqualTo(200);
    JsonNode placed = order.json().get("result");
    JsonNode opened = lottery.json().get("result");
    return new Clocks(placed.get("orderId").asText(), placed.get("expiresAt").asLong(),
        opened.get("lotteryId").asText(), opened.get("closesAt").asLong());
  }

  /** Decided no earlier than its deadline, and no later than the writer's next look at the clock (plus allowance). */
  private static void assertOnTime(JsonNode event, long deadline) {
    assertThat(event.get("ts").asLong()).as(event.toString())
        .isBetween(deadline, deadline + DEADLINE_CHECK_MILLIS + ALLOWANCE_MILLIS);
  }

  private static boolean isEvent(JsonNode frame, String kind) {
    return "event".equals(frame.path("type").asText()) && kind.equals(frame.path("kind").asText());
  }

  /** The lease holder ({@code <node>|<token>}) of the show, or null when nobody holds it. */
  private String holder(Api.Show show) throws Exception {
    Response value = Futures.await(redis.send(Request.cmd(Command.GET).arg(names.prefix() + ":show:" + show.id()
        + ":lease")));
    return value == null ? null : value.toString();
  }

  /** When node B was first seen holding the show's lease. */
  private long claimedByB(Api.Show show, long killedAt) throws Exception {
    while (System.currentTimeMillis() - killedAt < 15_000) {
      String holder = holder(show);
      if (holder != null && holder.startsWith("node-b|")) {
        return System.currentTimeMillis();
      }
      Thread.sleep(50);
    }
    throw new AssertionError("node B did not claim show " + show.id() + " within 15 s of node A's death");
  }

  private static JsonNode eventEventually(NodeProcess node, Api.Show show, String kind) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 20_000;
    while (true) {
      Optional<JsonNode> found = node.api().events(show).stream().filter(e -> e.path("kind").asText().equals(kind)).findFirst();
      if (found.isPresent()) {
        return found.get();
      }
      assertThat(System.currentTimeMillis()).as("no " + kind + " in show " + show.id()).isLessThan(deadline);
      Thread.sleep(200);
    }
  }

  private static JsonNode snapshot(NodeProcess node, Api.Show show) {
    Api.Response response = node.api().get("/api/shows/" + show.id(), Api.bearer(show.controlToken()));
    assertThat(response.status()).as(response.text()).isEqualTo(200);
    return response.json();
  }

  private static JsonNode item(NodeProcess node, Api.Show show, String itemId) {
    for (JsonNode item : snapshot(node, show).get("items")) {
      if (item.get("id").asText().equals(itemId)) {
        return item;
      }
    }
    throw new AssertionError("no item " + itemId + " in show " + show.id());
  }

  /** The show's online figure on the node, once it is {@code expected} or 20 s have passed. */
  private static int onlineEventually(NodeProcess node, Api.Show show, int expected) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 20_000;
    int online = snapshot(node, show).get("figures").get("online").asInt();
    while (online != expected && System.currentTimeMillis() < deadline) {
      Thread.sleep(200);
      online = snapshot(node, show).get("figures").get("online").asInt();
    }
    return online;
  }
}
