package io.livedesk.commerce;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.livedesk.testing.Api;
import io.livedesk.testing.TestServer;
import io.livedesk.testing.WsClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("comments over real sockets: masked, shadowed, batched for viewers, every one for staff")
class CommentsOverSocketsTest {

  @RegisterExtension
  static final TestServer server = TestServer.forClass(c -> c.putObject("comments").put("minIntervalSeconds", 2)
      .putArray("blockedWords").add("加微信"));

  @Test
  @DisplayName("others see the author masked, a blocked comment reaches only its author and staff, a quick second comment is RATE_LIMITED")
  void maskedAndShadowed() throws Exception {
    Api api = server.api();
    Api.Show show = api.liveSampleShow("评论场");
    try (WsClient staff = server.control(show).welcomed();
        WsClient fan = server.viewer(show, "fan-zhang").welcomed();
        WsClient troll = server.viewer(show, "troll").welcomed()) {
      assertThat(post(api, show, "troll", "加 微-信 领红包").status()).isEqualTo(200);
      Api.Response asked = post(api, show, "fan-zhang", "包邮吗？");
      String question = asked.json().at("/result/commentId").asText();
      assertThat(post(api, show, "fan-zhang", "再问一次").errorCode()).isEqualTo("RATE_LIMITED");

      JsonNode shadowed = staff.awaitEvent("comment.posted");
      assertThat(shadowed.at("/data/author").asText()).isEqualTo("troll");
      assertThat(shadowed.at("/data/shadow").asBoolean()).as(shadowed.toString()).isTrue();
      assertThat(staff.awaitEvent("comment.posted").at("/data/author").asText()).isEqualTo("fan-zhang");

      assertThat(comment(troll, "加 微-信 领红包").at("/data/shadow").asBoolean()).isTrue();
      assertThat(comment(troll, "包邮吗？").at("/data/author").asText()).isEqualTo("f********");
      assertThat(troll.seen().stream().flatMap(f -> texts(f).stream())).doesNotContain("再问一次");

      comment(fan, "包邮吗？");
      assertThat(fan.seen().stream().flatMap(f -> texts(f).stream())).doesNotContain("加 微-信 领红包");

      assertThat(api.command(show.controlToken(), show.id(), "comment.pin", Api.args("commentId", question))
          .status()).isEqualTo(200);
      JsonNode pinned = fan.await(f -> items(f).stream().anyMatch(i -> i.path("kind").asText().equals("comment.pinned")),
          5_000);
      assertThat(items(pinned).get(0).at("/data/author").asText()).isEqualTo("f********");

      JsonNode snapshot = api.get("/api/shows/" + show.id(), Api.viewer("passer-by")).json();
      assertThat(snapshot.get("comments")).hasSize(1);
      assertThat(snapshot.at("/pinnedComment/text").asText()).isEqualTo("包邮吗？");
      JsonNode trollSnapshot = api.get("/api/shows/" + show.id(), Api.viewer("troll")).json();
      assertThat(trollSnapshot.get("comments")).hasSize(2);

      assertThat(post(api, show, "@cmd", "=HYPERLINK(\"http://x\")").status()).isEqualTo(200);
      Api.Response csv = api.get("/api/shows/" + show.id() + "/comments.csv", Api.bearer(show.controlToken()));
      assertThat(csv.status()).isEqualTo(200);
      String[] lines = csv.text().split("\r\n");
      assertThat(lines[0]).startsWith("\uFEFF评论 (commentId),时间 (ts),观众 (viewerId),内容 (text)");
      assertThat(lines).hasSize(4);
      assertThat(lines[1]).contains(",troll,加 微-信 领红包,true,false");
      assertThat(lines[3]).as("no cell is a formula").contains(",'@cmd,\"'=HYPERLINK(\"\"http://x\"\")\",false,false");
      assertThat(api.get("/api/shows/" + show.id() + "/comments.csv", Api.viewer("fan-zhang")).status())
          .isEqualTo(403);
    }
  }

  @Test
  @DisplayName("a flood: each viewer socket gets at most 5 comment frames a second of at most 20, its own comment always; staff get every one")
  void flood() throws Exception {
    Api api = server.api();
    Api.Show show = api.liveSampleShow("弹幕洪水");
    int total = 400;
    try (WsClient staff = server.control(show).welcomed();
        WsClient quiet = server.viewer(show, "quiet").welcomed();
        WsClient talker = server.viewer(show, "talker").welcomed()) {
      long started = System.currentTimeMillis();
      for (int i = 0; i < total; i++) {
        String viewer = i == total / 2 ? "talker" : "crowd-" + i;
        String text = i == total / 2 ? "我的问题" : "刷屏" + i;
        assertThat(post(api, show, viewer, text).status()).isEqualTo(200);
      }
      for (int i = 0; i < total; i++) {
        staff.awaitEvent("comment.posted");
      }
      talker.await(f -> hasComment(f, "我的问题"), 5_000);
      Thread.sleep(600);
      long elapsed = System.currentTimeMillis() - started;
      for (WsClient viewer : List.of(quiet, talker)) {
        viewer.drain();
        List<JsonNode> frames = viewer.seen().stream().filter(f -> f.path("type").asText().equals("comments")).toList();
        assertThat(frames).allSatisfy(f -> assertThat(f.get("items").size()).isBetween(1, 20));
        assertThat(frames.size()).as("frames in %d ms", elapsed).isLessThanOrEqualTo((int) (elapsed / 200) + 1);
        assertThat(viewer.seen().stream().filter(f -> f.path("kind").asText().equals("comment.posted")))
            .as("no comment reaches a viewer outside a batch").isEmpty();
      }
      Set<String> quietSaw = quiet.seen().stream().flatMap(f -> texts(f).stream()).collect(Collectors.toSet());
      assertThat(quietSaw.size()).as("surplus sampled away for viewers").isLessThan(total);
      assertThat(staff.seen().stream().filter(f -> f.path("kind").asText().equals("comment.posted")).count())
          .isEqualTo(total);
    }
  }

  private static Api.Response post(Api api, Api.Show show, String viewerId, String text) {
    return api.viewerCommand(viewerId, show.id(), "comment.post", Api.args("text", text));
  }

  private static List<JsonNode> items(JsonNode frame) {
    List<JsonNode> out = new ArrayList<>();
    if ("comments".equals(frame.path("type").asText())) {
      frame.get("items").forEach(out::add);
    }
    return out;
  }

  /** The comment of this text in the socket's comment frames, among those seen or the next to come. */
  private static JsonNode comment(WsClient socket, String text) throws InterruptedException {
    JsonNode frame = socket.seen().stream().filter(f -> hasComment(f, text)).findFirst().orElse(null);
    if (frame == null) {
      frame = socket.await(f -> hasComment(f, text), 5_000);
    }
    return items(frame).stream().filter(i -> i.at("/data/text").asText().equals(text)).findFirst().orElseThrow();
  }

  private static List<String> texts(JsonNode frame) {
    return items(frame).stream().map(i -> i.at("/data/text").asText()).toList();
  }

  private static boolean hasComment(JsonNode frame, String text) {
    return texts(frame).contains(text);
  }
}
