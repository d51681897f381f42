package io.livedesk.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.livedesk.json.Json;
import io.livedesk.testing.Api;
import io.livedesk.testing.TestServer;
import io.livedesk.testing.WsClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * docs/grafana/livedesk-dashboard.json against what /metrics serves: every metric its queries name is
 * one the server exports, and every livedesk_* metric the server exports has a panel.
 */
class DashboardTest {

  private static final Path DASHBOARD = Path.of("docs/grafana/livedesk-dashboard.json");
  /** A metric name in a PromQL expression (labels and functions are not prefixed so). */
  private static final Pattern METRIC = Pattern.compile("\\b(?:livedesk|vertx|jvm|process|system)_[a-z0-9_]+\\b");
  private static final Pattern SAMPLE = Pattern.compile("(?m)^([a-zA-Z_:][a-zA-Z0-9_:]*)[{ ]");
  private static final Pattern FAMILY = Pattern.compile("(?m)^# TYPE (livedesk_[a-z0-9_]+) (\\w+)$");

  /** Snapshots every few events, a webhook, orders and a viewer: the metrics that have rows only then have them. */
  @RegisterExtension
  static final TestServer server = TestServer.forClass(c -> c.putObject("snapshots").put("everyEvents", 5));

  @Test
  @DisplayName("the Grafana dashboard queries only metrics /metrics exports, and charts every livedesk_* metric")
  void dashboardMatchesMetrics() throws Exception {
    Api api = server.api();
    Api.Response webhook = api.post("/api/webhooks", Api.bearer(TestServer.ADMIN_TOKEN),
        Api.args("url", "http://127.0.0.1:9/hook", "kinds", List.of("order.placed")));
    assertThat(webhook.status()).as(webhook.text()).isEqualTo(200);
    Api.Show show = api.liveSampleShow("dashboard");
    api.command(show.controlToken(), show.id(), "item.list", Api.args("itemId", "JJ-CHERRY-10"));
    for (int i = 0; i < 6; i++) {
      api.viewerCommand("d" + i, show.id(), "order.place", Api.args("itemId", "JJ-CHERRY-10", "qty", 1));
    }
    String text;
    try (WsClient viewer = server.viewer(show, "d-watching").welcomed()) {
      text = scrapeOnceSnapshotted(api);
    }
    Set<String> exported = new TreeSet<>();
    Matcher sample = SAMPLE.matcher(text);
    while (sample.find()) {
      exported.add(sample.group(1));
    }

    Set<String> queried = queriedMetrics(Json.parse(Files.readAllBytes(DASHBOARD)));

    assertThat(queried).as("metrics the dashboard queries").isNotEmpty();
    assertThat(exported).as("what /metrics exports").containsAll(queried);
    Matcher family = FAMILY.matcher(text);
    List<String> uncharted = new ArrayList<>();
    while (family.find()) {
      String name = family.group(1);
      // a histogram's _max gauge goes with its histogram's panel
      boolean charted = queried.stream().anyMatch(q -> q.equals(name) || q.startsWith(name + "_")
          || name.endsWith("_max") && q.startsWith(name.substring(0, name.length() - 4)));
      if (!charted) {
        uncharted.add(name);
      }
    }
    assertThat(uncharted).as("livedesk_* metrics with no panel").isEmpty();
  }

  /** The scrape once a snapshot has been saved, so that {@code livedesk_snapshot_age_seconds} has its row. */
  private static String scrapeOnceSnapshotted(Api api) throws InterruptedException {
    long until = System.nanoTime() + 30_000_000_000L;
    String text = api.get("/metrics", Map.of()).text();
    while (!text.contains("livedesk_snapshot_age_seconds{") && System.nanoTime() < until) {
      Thread.sleep(100);
      text = api.get("/metrics", Map.of()).text();
    }
    return text;
  }

  /** Every metric named in a panel's or a variable's query, rows' nested panels included. */
  private static Set<String> queriedMetrics(JsonNode dashboard) {
    Set<String> names = new TreeSet<>();
    List<String> queries = new ArrayList<>();
    dashboard.findValues("expr").forEach(expr -> queries.add(expr.asText()));
    dashboard.path("templating").path("list").forEach(variable -> queries.add(variable.path("definition").asText()));
    for (String query : queries) {
      Matcher metric = METRIC.matcher(query);
      while (metric.find()) {
        names.add(metric.group());
      }
    }
    return names;
  }
}
