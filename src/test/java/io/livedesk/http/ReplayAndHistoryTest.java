package io.livedesk.http;

import static io.livedesk.testing.Api.args;
import static io.livedesk.testing.Api.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.livedesk.json.Json;
import io.livedesk.testing.Api;
import io.livedesk.testing.TestServer;
import io.livedesk.testing.WsClient;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("resuming with after, the audit history, and the lottery seed kept secret")
class ReplayAndHistoryTest {

  @RegisterExtension
  static final TestServer server = TestServer.forClass();
  static final Api api = server.api();

  private static List<Long> seqs(JsonNode events) {
    List<Long> out = new ArrayList<>();
    events.forEach(event -> out.add(event.get("seq").asLong()));
    return out;
  }

  private static List<Long> range(long from, long to) {
    return LongStream.rangeClosed(from, to).boxed().toList();
  }

  @Test
  @DisplayName("a prompter that reconnects with after gets exactly the events it missed, then the live ones")
  void reconnectReplaysMissed() throws Exception {
    Api.Show show = api.liveSampleShow("replay");
    long seen;
    try (WsClient prompter = server.prompter(show).welcomed()) {
      api.command(show.controlToken(), show.id(), "cue.next", Json.object());
      seen = prompter.awaitEvent("cue.changed").get("seq").asLong();
    }
    api.command(show.controlToken(), show.id(), "item.list", args("itemId", "JJ-CHERRY-10"));
    api.command(show.controlToken(), show.id(), "item.set_price", args("itemId", "JJ-CHERRY-10", "priceCents", 44_900));
    api.command(show.controlToken(), show.id(), "cue.note", args("text", "while you were away"));
    long last = api.command(show.controlToken(), show.id(), "item.add_stock", args("itemId", "JJ-CHERRY-10", "delta", 5))
        .json().get("seq").asLong();

    try (WsClient prompter = WsClient.connect(server.wsUrl(show.id()), "prompter", show.prompterToken(), null, seen)) {
      JsonNode welcome = prompter.awaitType("welcome");

      assertThat(welcome.has("snapshot")).isFalse();
      assertThat(welcome.get("seq").asLong()).isEqualTo(last);
      assertThat(seqs(welcome.get("replay"))).containsExactlyElementsOf(range(seen + 1, last));
      assertThat(welcome.get("replay").get(2).get("kind").asText()).isEqualTo("cue.note");
      assertThat(welcome.get("replay").get(2).get("data").get("text").asText()).isEqualTo("while you were away");
      assertThat(welcome.get("serverTime").asLong()).isPositive();

      api.command(show.controlToken(), show.id(), "item.delist", args("itemId", "JJ-CHERRY-10"));
      JsonNode live = prompter.awaitType("event");
      assertThat(live.get("seq").asLong()).isEqualTo(last + 1);
    }
  }

  @Test
  @DisplayName("after equal to the last seq replays nothing; a viewer's replay holds public kinds only")
  void replayEdges() throws Exception {
    Api.Show show = api.liveSampleShow("replay edges");
    api.command(show.controlToken(), show.id(), "cue.note", args("text", "staff only"));
    api.command(show.controlToken(), show.id(), "item.list", args("itemId", "BANANA-5"));

    try (WsClient control = WsClient.connect(server.wsUrl(show.id()), "control", show.controlToken(), null, 5L);
         WsClient viewer = WsClient.connect(server.wsUrl(show.id()), "viewer", null, "viewer-9", 0L)) {
      JsonNode upToDate = control.awaitType("welcome");
      JsonNode viewerWelcome = viewer.awaitType("welcome");

      assertThat(upToDate.get("replay")).isEmpty();
      List<String> kinds = new ArrayList<>();
      viewerWelcome.get("replay").forEach(event -> kinds.add(event.get("kind").asText()));
      assertThat(kinds).containsExactly("runsheet.loaded", "show.started", "cue.changed", "item.listed");
      assertThat(viewerWelcome.toString()).doesNotContain("staff only").doesNotContain("\"script\"");
    }
  }

  @Test
  @DisplayName("after beyond the replay window, or ahead of the show, gets a snapshot instead")
  void beyondWindowGetsSnapshot() throws Exception {
    ObjectNode config = Json.object();
    config.putObject("fanout").put("replayWindow", 5);
    try (TestServer small = TestServer.start(config, System::currentTimeMillis)) {
      Api local = small.api();
      Api.Show show = local.liveSampleShow("small window");
      for (int i = 0; i < 8; i++) {
        local.command(show.controlToken(), show.id(), "item.add_stock", args("itemId", "BANANA-5", "delta", 1));
      }
      try (WsClient far = WsClient.connect(small.wsUrl(show.id()), "prompter", show.prompterToken(), null, 2L);
           WsClient ahead = WsClient.connect(small.wsUrl(show.id()), "prompter", show.prompterToken(), null, 99L);
           WsClient near = WsClient.connect(small.wsUrl(show.id()), "prompter", show.prompterToken(), null, 6L)) {
        JsonNode farWelcome = far.awaitType("welcome");
        JsonNode aheadWelcome = ahead.awaitType("welcome");
        JsonNode nearWelcome = near.awaitType("welcome");

        assertThat(farWelcome.has("replay")).isFalse();
        assertThat(farWelcome.get("snapshot").get("seq").asLong()).isEqualTo(11);
        assertThat(farWelcome.get("snapshot").get("items").get(3).get("stock").asLong()).isEqualTo(2008);
        assertThat(aheadWelcome.has("snapshot")).isTrue();
        assertThat(seqs(nearWelcome.get("replay"))).containsExactlyElementsOf(range(7, 11));
      }
    }
  }

  @Test
  @DisplayName("GET /events pages through the audit history with next")
  void eventsPaging() {
    Api.Show show = api.liveSampleShow("paging");
    api.command(show.controlToken(), show.id(), "item.list", args("itemId", "BANANA-5"));
    api.command(show.controlToken(), show.id(), "item.set_price", args("itemId", "BANANA-5", "priceCents", 2490));

    List<Long> all = new ArrayList<>();
    long after = 0;
    int pages = 0;
    while (true) {
      JsonNode page = api.get("/api/shows/" + show.id() + "/events?after=" + after + "&limit=2",
          bearer(show.controlToken())).json();
      if (page.get("events").isEmpty()) {
        assertThat(page.get("next").asLong()).isEqualTo(after);
        break;
      }
      assertThat(page.get("events").size()).isLessThanOrEqualTo(2);
      all.addAll(seqs(page.get("events")));
      after = page.get("next").asLong();
      pages++;
    }

    assertThat(all).containsExactlyElementsOf(range(1, 5));
    assertThat(pages).isEqualTo(3);
    JsonNode change = api.get("/api/shows/" + show.id() + "/events?after=4&limit=1", bearer(show.controlToken()))
        .json().get("events").get(0);
    assertThat(change.get("kind").asText()).isEqualTo("item.price_changed");
    assertThat(change.get("actor").get("role").asText()).isEqualTo("control");
    assertThat(change.get("data").get("toCents").asLong()).isEqualTo(2490);
    assertThat(change.get("ts").asLong()).isPositive();
    assertThat(api.get("/api/shows/" + show.id() + "/events?after=x", bearer(show.controlToken())).status()).isEqualTo(400);
  }

  @Test
  @DisplayName("the lottery seed is in no audit event and no staff frame until the draw reveals it")
  void seedStaysSecret() throws Exception {
    Api.Show show = api.liveSampleShow("seed");
    try (WsClient control = server.control(show).welcomed()) {
      JsonNode opened = control.command("lottery.open", args("itemId", "LT-CHERRY-1", "winners", 1,
          "rule", Json.object().put("type", "any")));
      String lotteryId = opened.get("result").get("lotteryId").asText();
      control.command("lottery.close", args("lotteryId", lotteryId));
      String eventsBefore = api.get("/api/shows/" + show.id() + "/events", bearer(show.controlToken())).text();
      String snapshotBefore = api.get("/api/shows/" + show.id(), bearer(show.controlToken())).text();
      String proofBefore = api.get("/api/shows/" + show.id() + "/lotteries/" + lotteryId + "/proof", java.util.Map.of()).text();
      String framesBefore;
      try (WsClient late = WsClient.connect(server.wsUrl(show.id()), "prompter", show.prompterToken(), null, 0L)) {
        framesBefore = late.awaitType("welcome").toString() + control.seen();
      }

      JsonNode drawn = control.command("lottery.draw", args("lotteryId", lotteryId));
      String seed = drawn.get("result").get("seed").asText();

      assertThat(seed).hasSize(64);
      assertThat(opened.toString()).doesNotContain(seed);
      assertThat(eventsBefore).contains("lottery.opened").doesNotContain(seed).doesNotContain("\"seed\"");
      assertThat(snapshotBefore).doesNotContain(seed);
      assertThat(proofBefore).doesNotContain(seed);
      assertThat(framesBefore).contains("lottery.opened").doesNotContain(seed);
      assertThat(control.event("lottery.drawn").get("data").get("seed").asText()).isEqualTo(seed);
      assertThat(api.get("/api/shows/" + show.id() + "/events", bearer(show.controlToken())).text()).contains(seed);
    }
  }
}
