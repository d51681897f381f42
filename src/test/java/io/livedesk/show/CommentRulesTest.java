package io.livedesk.show;

import static io.livedesk.show.Scenario.T0;
import static io.livedesk.show.Scenario.item;
import static io.livedesk.show.Scenario.prize;
import static io.livedesk.show.Scenario.viewer;
import static org.assertj.core.api.Assertions.assertThat;

import io.livedesk.show.Command.BlockWords;
import io.livedesk.show.Command.HideComment;
import io.livedesk.show.Command.MuteViewer;
import io.livedesk.show.Command.PinComment;
import io.livedesk.show.Command.PostComment;
import io.livedesk.show.Command.ReplyComment;
import io.livedesk.show.Command.UnpinComment;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("comments (评论 / 弹幕)")
class CommentRulesTest {

  private static final ShowRules BLOCKING = new ShowRules(ShowRules.DEFAULT_PRICE_GUARD_BASIS_POINTS,
      ShowRules.DEFAULT_ORDER_HOLD_MILLIS, false, new ShowRules.CommentRules(2_000, List.of("加微信")));

  private final Scenario show = Scenario.live(BLOCKING, item("GRAPE", 8_800, 5, null), prize("P", 1));

  private String post(String viewerId, String text) {
    return (String) show.given(viewer(viewerId), new PostComment(text)).get("commentId");
  }

  @Test
  @DisplayName("a comment is 1 to 200 characters once trimmed, counted in characters, and only while live")
  void lengths() {
    String id = "m" + (show.state().seq() + 1);
    assertThat(show.when(viewer("v1"), new PostComment("  包邮吗？ ")).then(
        new Event.CommentPosted(id, "v1", "包邮吗？", null))).isEqualTo(Map.of("commentId", id));
    show.when(viewer("v2"), new PostComment("   ")).rejectedWith(ErrorCode.INVALID_ARGUMENT);
    show.given(viewer("v3"), new PostComment("好".repeat(200)));
    show.when(viewer("v4"), new PostComment("好".repeat(201))).rejectedWith(ErrorCode.INVALID_ARGUMENT);
    Scenario draft = Scenario.draft(item("GRAPE", 8_800, 5, null));
    draft.when(viewer("v1"), new PostComment("开始了吗")).rejectedWith(ErrorCode.SHOW_NOT_LIVE);
  }

  @Test
  @DisplayName("one comment per viewer every comments.minIntervalSeconds, else RATE_LIMITED; other viewers are not held")
  void rateLimited() {
    show.at(T0 + 10_000);
    post("v1", "第一条");
    show.at(T0 + 11_999);
    show.when(viewer("v1"), new PostComment("第二条")).rejectedWith(ErrorCode.RATE_LIMITED);
    post("v2", "我也来");
    show.at(T0 + 12_000);
    post("v1", "第二条");
    assertThat(show.state().comments().total()).isEqualTo(3);
    assertThat(show.state().comments().commenters()).isEqualTo(2);
  }

  @Test
  @DisplayName("a blocked word matches across full-width forms, case, spaces and punctuation, and shadows the comment")
  void blockedWordsNormalised() {
    show.at(T0 + 10_000);
    for (String troll : List.of("加 微 信 领红包", "快加，微-信！", "ＶＸ号：加微信")) {
      show.at(show.now() + 2_000);
      String id = post("troll-" + troll.length(), troll);
      assertThat(show.state().comments().comment(id).shadow()).as(troll).isTrue();
    }
    show.at(show.now() + 2_000);
    show.given(Actor.CONTROL, new BlockWords(List.of("VX")));
    show.at(show.now() + 2_000);
    assertThat(show.state().comments().comment(post("t9", "加ｖｘ：123")).shadow()).isTrue();
    assertThat(show.state().comments().comment(post("fan", "微信支付可以吗")).shadow())
        .as("a word's characters apart, in another order, do not match").isFalse();
    assertThat(CommentText.normalised("Ｖ Ｘ，号")).isEqualTo("vx号");
  }

  @Test
  @DisplayName("a muted viewer's comments are accepted but shadowed until the mute ends")
  void muteExpires() {
    show.at(T0 + 10_000);
    assertThat(show.when(new MuteViewer("troll", 60)).then(new Event.ViewerMuted("troll", T0 + 70_000)))
        .isEqualTo(Map.of("until", T0 + 70_000));
    String shadowed = post("troll", "垃圾直播");
    show.when(viewer("troll"), new PostComment("还是我")).at(T0 + 68_000).then(
        new Event.CommentPosted("m" + (show.state().seq() + 1), "troll", "还是我", true));
    show.at(T0 + 70_000);
    String heard = post("troll", "好吧我买");
    assertThat(show.state().comments().comment(shadowed).shadow()).isTrue();
    assertThat(show.state().comments().comment(heard).shadow()).isFalse();
    show.when(new MuteViewer("troll", 0)).rejectedWith(ErrorCode.INVALID_ARGUMENT);
    show.when(new MuteViewer("troll", ShowRules.MAX_MUTE_SECONDS + 1)).rejectedWith(ErrorCode.INVALID_ARGUMENT);
  }

  @Test
  @DisplayName("one comment pinned at a time: pinning another unpins the first; hiding the pinned one unpins it")
  void pinReplyHide() {
    String first = post("v1", "包邮吗");
    String second = post("v2", "有优惠券吗");
    show.when(new PinComment(first)).then(new Event.CommentPinned(first, "v1", "包邮吗"));
    show.when(new PinComment(second)).then(new Event.CommentUnpinned(first),
        new Event.CommentPinned(second, "v2", "有优惠券吗"));
    assertThat(show.state().comments().pinned().id()).isEqualTo(second);
    show.when(new ReplyComment(first, "全国包邮")).then(new Event.CommentReplied(first, "全国包邮", null));
    show.when(new ReplyComment("m999", "谁")).rejectedWith(ErrorCode.NOT_FOUND);
    show.when(new HideComment(second)).then(new Event.CommentHidden(second));
    assertThat(show.state().comments().pinned()).isNull();
    show.when(new HideComment(second)).thenNothing();
    show.when(new PinComment(second)).rejectedWith(ErrorCode.CONFLICT);
    show.when(new UnpinComment()).thenNothing();
    show.when(viewer("v1"), new PinComment(first)).rejectedWith(ErrorCode.FORBIDDEN);
  }

  @Test
  @DisplayName("blocked words are bounded in count and length and each needs a letter")
  void blockWordsBounded() {
    show.when(new BlockWords(List.of())).rejectedWith(ErrorCode.INVALID_ARGUMENT);
    show.when(new BlockWords(List.of("，，"))).rejectedWith(ErrorCode.INVALID_ARGUMENT);
    show.when(new BlockWords(List.of("字".repeat(ShowRules.MAX_BLOCKED_WORD_LENGTH + 1))))
        .rejectedWith(ErrorCode.INVALID_ARGUMENT);
    assertThat(show.when(new BlockWords(List.of("刷单", " 刷单 "))).then(new Event.WordsBlocked(List.of("刷单"))))
        .isEqualTo(Map.of("blockedWords", 1));
    show.when(new BlockWords(List.of("刷单"))).thenNothing();
    List<String> many = new java.util.ArrayList<>();
    for (int i = 0; i < ShowRules.MAX_BLOCKED_WORDS; i++) {
      many.add("w" + i);
    }
    show.when(new BlockWords(many)).rejectedWith(ErrorCode.LIMIT_EXCEEDED);
  }

  @Test
  @DisplayName("other viewers see an author masked: the first character, then at least two stars")
  void masking() {
    assertThat(CommentText.masked("张三")).isEqualTo("张**");
    assertThat(CommentText.masked("张三丰")).isEqualTo("张**");
    assertThat(CommentText.masked("viewer-7")).isEqualTo("v*******");
    assertThat(CommentText.masked("x")).isEqualTo("x**");
  }

  @Test
  @DisplayName("口令抽奖: a comment equal to an open keyword lottery's keyword enters its author once, by the lottery's rules")
  void keywordEntry() {
    String lottery = (String) show.given(Actor.CONTROL, new Command.OpenLottery("P", 1,
        new LotteryRule(LotteryRule.Type.KEYWORD, "ＶＩＰ"), 60, new byte[32])).get("lotteryId");
    show.at(T0 + 10_000);
    String id = "m" + (show.state().seq() + 1);
    show.when(viewer("v1"), new PostComment(" vip ")).then(new Event.CommentPosted(id, "v1", "vip", null),
        new Event.LotteryEntered(lottery, "v1"));
    show.at(T0 + 12_000);
    show.when(viewer("v1"), new PostComment("VIP")).then(
        new Event.CommentPosted("m" + (show.state().seq() + 1), "v1", "VIP", null));
    post("v2", "我要vip");
    assertThat(show.state().lottery(lottery).entrantCount()).isEqualTo(1);
    show.at(T0 + 80_000);
    post("v3", "VIP");
    assertThat(show.state().lottery(lottery).entrantCount()).as("closed by its time").isEqualTo(1);
  }

  @Test
  @DisplayName("comments are bounded: the latest KEPT_COMMENTS keep their text, all are counted, questions grouped")
  void bounded() {
    for (int i = 0; i < ShowRules.KEPT_COMMENTS + 20; i++) {
      show.and(viewer("v" + i), new Event.CommentPosted("m-" + i, "v" + i, i % 2 == 0 ? "包邮吗？" : "包 邮 吗", null));
    }
    Comments comments = show.state().comments();
    assertThat(comments.total()).isEqualTo(ShowRules.KEPT_COMMENTS + 20);
    assertThat(comments.latest(10_000)).hasSize(ShowRules.KEPT_COMMENTS);
    assertThat(comments.comment("m-0")).isNull();
    assertThat(comments.topQuestions(5)).containsExactly(
        new Comments.Question("包邮吗？", ShowRules.KEPT_COMMENTS + 20));
    assertThat(show.replayed().comments().total()).isEqualTo(ShowRules.KEPT_COMMENTS + 20);
  }

  @Test
  @DisplayName("a copy of the state keeps its own comments, pin, mutes and blocked words")
  void copied() {
    String first = post("v1", "包邮吗");
    show.given(Actor.CONTROL, new PinComment(first));
    ShowState copy = show.state().copy();
    show.given(Actor.CONTROL, new MuteViewer("v1", 60));
    show.given(Actor.CONTROL, new BlockWords(List.of("刷单")));
    show.given(Actor.CONTROL, new UnpinComment());
    post("v2", "还有货吗");
    assertThat(copy.comments().pinned().id()).isEqualTo(first);
    assertThat(copy.comments().total()).isEqualTo(1);
    assertThat(copy.comments().isMuted("v1", show.now())).isFalse();
    assertThat(copy.comments().blockedWords()).isEmpty();
    assertThat(show.state().comments().total()).isEqualTo(2);
  }

  @Test
  @DisplayName("the review counts comments, commenters, the interaction rate over UV and the top questions")
  void reviewed() {
    show.given(viewer("v1"), new Command.Join("n1"));
    show.given(viewer("v2"), new Command.Join("n1"));
    show.given(viewer("v3"), new Command.Join("n1"));
    show.given(viewer("v4"), new Command.Join("n1"));
    post("v1", "包邮吗？");
    post("v2", "包 邮 吗");
    post("v3", "有小码吗");
    post("v4", "加微信");
    com.fasterxml.jackson.databind.JsonNode report = io.livedesk.report.ShowReport.build(
        io.livedesk.report.ReportFacts.of(show.state(), show.figures(), show.now()));
    assertThat(report.at("/totals/comments").asLong()).isEqualTo(4);
    assertThat(report.at("/totals/commenters").asLong()).isEqualTo(4);
    assertThat(report.at("/totals/interactionRate").asDouble()).isEqualTo(1.0);
    assertThat(report.at("/topQuestions/0/text").asText()).isEqualTo("包邮吗？");
    assertThat(report.at("/topQuestions/0/count").asInt()).isEqualTo(2);
    assertThat(report.get("topQuestions")).as("a shadowed comment is no question").hasSize(2);
    long perMinute = 0;
    for (com.fasterxml.jackson.databind.JsonNode minute : report.get("timeline")) {
      perMinute += minute.get("comments").asLong();
    }
    assertThat(perMinute).as("the timeline's comments add up to the total").isEqualTo(4);
  }

  @Test
  @DisplayName("a comment holding a keyword of the on-air item's faq, else of the show's, is answered automatically")
  void faqAnswers() {
    ItemSpec cup = item("CUP", 8_800, 5, null).withFaq(List.of(new Faq(List.of("包邮", "运费"), "全国包邮")));
    ItemSpec coat = item("COAT", 9_900, 5, null);
    Scenario faqShow = Scenario.draft(Scenario.SHOW_ID, ShowRules.defaults(), cup, coat);
    faqShow.given(Actor.CONTROL, new Command.LoadRunSheet(new RunSheet(null, null, List.of(cup, coat),
        List.of(new Faq(List.of("发货"), "48小时内发货")))));
    faqShow.given(Actor.CONTROL, new Command.StartShow());
    faqShow.given(Actor.CONTROL, new Command.CueGo("CUP", null, true));
    String id = "m" + (faqShow.state().seq() + 1);
    faqShow.when(viewer("v1"), new PostComment("包 邮吗？")).then(new Event.CommentPosted(id, "v1", "包 邮吗？", null),
        new Event.CommentReplied(id, "全国包邮", true));
    faqShow.given(Actor.CONTROL, new Command.CueGo("COAT", null, true));
    String off = "m" + (faqShow.state().seq() + 1);
    faqShow.when(viewer("v2"), new PostComment("包邮吗")).then(new Event.CommentPosted(off, "v2", "包邮吗", null));
    String show = "m" + (faqShow.state().seq() + 1);
    faqShow.when(viewer("v3"), new PostComment("什么时候发货")).then(
        new Event.CommentPosted(show, "v3", "什么时候发货", null), new Event.CommentReplied(show, "48小时内发货", true));
  }
}
