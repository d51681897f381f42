package io.livedesk.retention;

import static io.livedesk.testing.Api.args;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.livedesk.json.Json;
import io.livedesk.testing.Api;
import io.livedesk.testing.TestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ViewerRetentionTest {

  private static final long DAY = 24L * 60 * 60 * 1000;
  private static final List<String> VIEWERS = List.of("alice-7f3a91", "bob-2c88e0", "carol-d41b07");
  private static final String ITEM = "JJ-CHERRY-10";

  private final AtomicLong clock = new AtomicLong(1_760_000_000_000L);
  @RegisterExtension
  final TestServer server = TestServer.forEachTest(
      TestServer.config(c -> c.putObject("retention").put("viewerIdsDays", 30)), clock::get);

  @Test
  @DisplayName("an ended show's viewer ids become pseudonyms after the kept days, its report as it was and no id left in its files")
  void anonymisesEndedShows() throws Exception {
    Api api = server.api();
    Api.Show ended = api.liveSampleShow("ended long ago");
    play(ended);
    Api.Show live = api.liveSampleShow("still live");
    api.viewerCommand("dave-live-5521", live.id(), "viewer.subscribe", Json.object());
    api.command(ended.controlToken(), ended.id(), "show.end", Json.object());

    clock.addAndGet(29 * DAY);
    server.restart();
    awaitExpired(ended, 4);
    JsonNode before = figures(report(ended));
    assertThat(before.path("totals").path("orders").asInt()).isEqualTo(4);
    assertThat(before.path("totals").path("orderers").asInt()).isEqualTo(3);
    assertThat(showFiles(ended)).contains(VIEWERS.get(0)).doesNotContain("anonymizedAt");

    clock.addAndGet(2 * DAY);
    server.restart();

    JsonNode after = figures(report(ended));
    assertThat(after.path("totals")).isEqualTo(before.path("totals"));
    assertThat(after.path("items")).isEqualTo(before.path("items"));
    String renamed = before.toString();
    for (int i = 0; i < VIEWERS.size(); i++) {
      renamed = renamed.replace(VIEWERS.get(i), "anon-" + (i + 1));
    }
    assertThat(after.toString()).as("the whole report, the lottery's winners by pseudonym").isEqualTo(renamed);
    String files = showFiles(ended);
    for (String viewer : VIEWERS) {
      assertThat(files).doesNotContain(viewer);
    }
    assertThat(files).contains("anon-1", "anon-3", "\"anonymizedAt\":" + clock.get());
    assertThat(api.events(ended).toString()).doesNotContain(VIEWERS.get(1)).contains("anon-2");
    assertThat(showFiles(live)).contains("dave-live-5521").doesNotContain("anonymizedAt");
  }

  /** Three viewers order (one twice), comment, and enter a lottery one of them wins, whose proof is stored. */
  private void play(Api.Show show) {
    Api api = server.api();
    api.command(show.controlToken(), show.id(), "cue.go", args("itemId", ITEM, "list", true));
    for (String viewer : VIEWERS) {
      assertThat(api.viewerCommand(viewer, show.id(), "order.place", args("itemId", ITEM, "qty", 1)).status())
          .isEqualTo(200);
      api.viewerCommand(viewer, show.id(), "comment.post", args("text", "好吃吗"));
      clock.addAndGet(3_000);
    }
    api.viewerCommand(VIEWERS.get(0), show.id(), "order.place", args("itemId", ITEM, "qty", 1));
    ObjectNode rule = Json.object().put("type", "ordered");
    String lotteryId = api.command(show.controlToken(), show.id(), "lottery.open",
        args("itemId", "LT-COUPON-50", "winners", 2, "rule", rule)).json().at("/result/lotteryId").asText();
    for (String viewer : VIEWERS) {
      api.viewerCommand(viewer, show.id(), "lottery.enter", args("lotteryId", lotteryId));
    }
    api.command(show.controlToken(), show.id(), "lottery.close", args("lotteryId", lotteryId));
    assertThat(api.command(show.controlToken(), show.id(), "lottery.draw", args("lotteryId", lotteryId)).status())
        .isEqualTo(200);
    Api.Response proof = api.get("/api/shows/" + show.id() + "/lotteries/" + lotteryId + "/proof", java.util.Map.of());
    assertThat(proof.text()).contains(VIEWERS.get(2));
  }

  /** The unpaid orders' holds ran out while the clock moved on: the show records their expiry after it ended. */
  private void awaitExpired(Api.Show show, int orders) throws InterruptedException {
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (server.api().events(show).stream().filter(e -> e.path("kind").asText().equals("order.expired")).count()
        < orders) {
      assertThat(System.nanoTime()).as("orders expired").isLessThan(deadline);
      Thread.sleep(100);
    }
  }

  private JsonNode report(Api.Show show) {
    Api.Response answer = server.api().get("/api/shows/" + show.id() + "/report", Api.bearer(show.controlToken()));
    assertThat(answer.status()).as(answer.text()).isEqualTo(200);
    return answer.json();
  }

  /** The report without the moment it was read. */
  private static JsonNode figures(JsonNode report) {
    ObjectNode copy = report.deepCopy();
    ((ObjectNode) copy.get("show")).remove("asOf");
    return copy;
  }

  /** Everything the data directory keeps of the show: its folder and its lottery proofs. */
  private String showFiles(Api.Show show) throws Exception {
    StringBuilder all = new StringBuilder();
    for (Path dir : List.of(server.dataDir().resolve("shows").resolve(show.id()),
        server.dataDir().resolve("proofs").resolve(show.id()))) {
      if (!Files.isDirectory(dir)) {
        continue;
      }
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path file : files.filter(Files::isRegularFile).toList()) {
          all.append(Files.readString(file, StandardCharsets.UTF_8)).append('\n');
        }
      }
    }
    return all.toString();
  }
}
