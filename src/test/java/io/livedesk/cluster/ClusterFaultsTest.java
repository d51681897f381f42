package io.livedesk.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.livedesk.testing.ClusterNamespace;
import io.livedesk.testing.Api;
import io.livedesk.testing.LocalServices;
import io.livedesk.testing.NodeProcess;
import io.livedesk.testing.TestServer;
import io.livedesk.testing.WsClient;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Redis and PostgreSQL stopped and started again under two live nodes. These tests stop the machine's
 * shared servers, so they are kept together, short, and tagged: {@code -DexcludedGroups=faults} skips them.
 */
@Tag("faults")
class ClusterFaultsTest {

  static final long LEASE_MILLIS = 2000;
  /** A command must be answered, one way or the other, well within this while a server is down. */
  static final long ANSWER_WITHIN_MILLIS = 10_000;
  @RegisterExtension
  static final ClusterNamespace names = new ClusterNamespace();
  TestServer a;
  TestServer b;


  @BeforeEach
  void startNodes() throws Exception {
    a = TestServer.start(node("node-a"), System::currentTimeMillis);
    b = TestServer.start(node("node-b"), System::currentTimeMillis);
  }

  static ObjectNode node(String nodeId) {
    return NodeProcess.clusterConfig(names.schema(), names.prefix(), LEASE_MILLIS).put("nodeId", nodeId);
  }

  @AfterEach
  void stopNodes() throws Exception {
    a.close();
    b.close();
  }

  @Test
  @DisplayName("Redis restarted mid-show: UNAVAILABLE and DOWN meanwhile, sockets stay open, full service after, "
      + "nothing acknowledged lost")
  void redisRestart() throws Exception {
    outage("redis", LocalServices::stopRedis, LocalServices::startRedis);
  }

  @Test
  @DisplayName("PostgreSQL restarted mid-show: UNAVAILABLE and DOWN meanwhile, sockets stay open, full service after, "
      + "nothing acknowledged lost")
  void postgresRestart() throws Exception {
    outage("store", LocalServices::stopPostgres, LocalServices::startPostgres);
  }

  /** A step that stops or starts a server. */
  interface Step {
    void run() throws Exception;
  }

  private void outage(String check, Step stop, Step start) throws Exception {
    Api.Show show = a.api().liveSampleShow("outage of " + check);
    Map<Long, String> acknowledged = new LinkedHashMap<>();
    try (WsClient prompterOnA = WsClient.connect(a.wsUrl(show.id()), "prompter", show.prompterToken(), null, null);
         WsClient viewerOnB = WsClient.connect(b.wsUrl(show.id()), "viewer", null, "v-b", null)) {
      prompterOnA.awaitType("welcome");
      viewerOnB.awaitType("welcome");
      for (int i = 0; i < 6; i++) {
        assertThat(Announcements.publish((i % 2 == 0 ? a : b).api(), show, "before " + i, acknowledged)).isTrue();
      }
      long outageStarted = System.currentTimeMillis();
      try {
        stop.run();
        for (TestServer node : List.of(a, b, a)) {
          long asked = System.currentTimeMillis();
          assertThat(Announcements.publish(node.api(), show, "during the outage", acknowledged)).isFalse();
          assertThat(System.currentTimeMillis() - asked).isLessThan(ANSWER_WITHIN_MILLIS);
        }
        Api.Response health = a.api().get("/health", Map.of());
        assertThat(health.status()).isEqualTo(503);
        assertThat(health.json().path("status").asText()).isEqualTo("DOWN");
        assertThat(health.json().path("checks").path("error").asText()).contains(check + " DOWN");
        prompterOnA.send(io.livedesk.json.Json.object().put("type", "ping").put("t", 1));
        assertThat(prompterOnA.awaitType("pong").get("t").asLong()).isEqualTo(1);
        assertThat(viewerOnB.closeCode()).isNull();
      } finally {
        start.run();
      }
      for (TestServer node : List.of(a, b)) {
        awaitHealthy(node);
      }
      assertThat(publishEventually(b, show, "after on b", acknowledged)).isTrue();
      assertThat(publishEventually(a, show, "after on a", acknowledged)).isTrue();
      System.out.println(check + " outage: full service again " + (System.currentTimeMillis() - outageStarted)
          + " ms after it began");

      viewerOnB.await(f -> f.path("data").path("text").asText().equals("after on a"), 10_000);
      prompterOnA.await(f -> f.path("data").path("text").asText().equals("after on b"), 10_000);
      assertThat(prompterOnA.closeCode()).isNull();
      assertThat(viewerOnB.closeCode()).isNull();
    }
    Announcements.assertGaplessWithEveryAcknowledged(a.api().events(show), acknowledged);
  }

  private static boolean publishEventually(TestServer node, Api.Show show, String text, Map<Long, String> acknowledged)
      throws InterruptedException {
    long deadline = System.currentTimeMillis() + 30_000;
    while (System.currentTimeMillis() < deadline) {
      if (Announcements.publish(node.api(), show, text, acknowledged)) {
        return true;
      }
      Thread.sleep(200);
    }
    return false;
  }

  private static void awaitHealthy(TestServer node) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 30_000;
    Api.Response health = node.api().get("/health", Map.of());
    while (health.status() != 200 && System.currentTimeMillis() < deadline) {
      Thread.sleep(200);
      health = node.api().get("/health", Map.of());
    }
    assertThat(health.status()).as(health.text()).isEqualTo(200);
  }
}
