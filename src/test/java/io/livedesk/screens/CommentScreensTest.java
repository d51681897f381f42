package io.livedesk.screens;

import static io.livedesk.testing.SampleSheet.GRAPE;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.BoundingBox;
import io.livedesk.testing.Api;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A question asked on the storefront, pinned on the console and shown to the host; markup stays text. */
class CommentScreensTest {

  private static final String MARKUP = "<img src=x onerror=\"window.pwned=1\">";

  @RegisterExtension
  static final Screens screens = Screens.perClass(config -> config.putObject("comments")
      .put("minIntervalSeconds", 0).putArray("blockedWords").add("加微信"));

  private Api.Show show;
  private Page console;
  private Page amy;

  /** Each test's own live show with the grapes on air, its console and amy's storefront open on it. */
  @BeforeEach
  void openShow() {
    show = screens.liveShow("评论互动", GRAPE);
    console = screens.console(show);
    amy = screens.viewer(show, "amy");
  }

  @Test
  @DisplayName("a question posted on the storefront reaches the console, is pinned and shows on the prompter; markup is text; a blocked comment only its author sees")
  void askPinShow() {
    Page bob = screens.viewer(show, "bob");
    Page prompter = screens.prompter(show, "");

    post(amy, "包邮吗？");
    Screens.waitForText(amy, "#comment-list .comment.mine .text", "包邮吗？");
    Screens.waitForText(console, "#comment-stream .comment .text", "包邮吗？");
    Screens.waitForText(bob, "#comment-list .comment .author", "a**");

    console.click("#comment-stream .comment .pin");
    Screens.waitForText(prompter, "#question-text", "包邮吗？");
    BoundingBox question = prompter.locator("#question-box").boundingBox();
    BoundingBox script = prompter.locator("#script-scroll").boundingBox();
    assertThat(question.y + question.height).as("the question sits above the script, not over it")
        .isLessThanOrEqualTo(script.y + 0.5);
    Screens.waitForText(bob, "#comment-pinned-text", "置顶提问： 包邮吗？");

    post(amy, MARKUP);
    Screens.waitForText(bob, "#comment-list .comment:last-child .text", MARKUP);
    Screens.waitForText(console, "#comment-stream .comment:first-child .text", MARKUP);
    assertThat(bob.evaluate("() => document.querySelectorAll('#comment-list img').length")).isEqualTo(0);
    assertThat(bob.evaluate("() => window.pwned === undefined")).isEqualTo(true);
    assertThat(console.evaluate("() => document.querySelectorAll('#comments img').length")).isEqualTo(0);

    post(bob, "加 微-信 领红包");
    Screens.waitForText(bob, "#comment-list .comment.mine:last-child .text", "加 微-信 领红包");
    Screens.waitForText(console, "#comment-stream .comment.shadow .mark", "仅作者可见");
    post(amy, "还有货吗");
    Screens.waitForText(amy, "#comment-list .comment:last-child .text", "还有货吗");
    assertThat(amy.textContent("#comment-list")).doesNotContain("领红包");

    post(bob, "包 邮 吗");
    Screens.waitForText(console, "#comment-groups .group .text", "包邮吗？");
    Screens.waitForText(console, "#comment-groups .group .count", "×2");

    console.click("#comment-unpin");
    Screens.waitUntilHidden(prompter, "#question-box");
    Page review = screens.review(show);
    assertThat(review.textContent(Screens.figure("comments"))).isEqualTo("5");
    assertThat(review.textContent(Screens.figure("commenters"))).isEqualTo("2");
    assertThat(review.textContent("#top-questions li")).isEqualTo("包邮吗？ ×2");
  }

  @Test
  @DisplayName("the pinned question, a note and a price change on the prompter at once each take their room from the script, which shrinks and stays readable")
  void bannersNeverCoverTheScript() {
    Page prompter = screens.prompter(show, "&marker=bottom");

    String question = "这个葡萄是阳光玫瑰吗？甜不甜？一箱几斤？坏果包赔吗？能不能今天发货？";
    post(amy, question);
    Screens.waitForText(console, "#comment-stream .comment .text", question);
    console.click("#comment-stream .comment .pin");
    console.fill("#note-text", "还剩一分钟，准备抽奖。".repeat(12));
    console.click("#note-send");
    Screens.typePrice(console, GRAPE, "78");
    prompter.waitForSelector("#question-box:visible");
    prompter.waitForSelector("#note-flash:visible");
    prompter.waitForSelector("#price-flash:visible");

    for (int[] screen : new int[][] {{1600, 900}, {1280, 720}}) {
      prompter.setViewportSize(screen[0], screen[1]);
      String size = screen[0] + "×" + screen[1] + ": ";
      BoundingBox script = prompter.locator("#script-scroll").boundingBox();
      BoundingBox area = prompter.locator("#script-area").boundingBox();
      for (String banner : List.of("#question-box", "#note-flash", "#price-flash")) {
        BoundingBox box = prompter.locator(banner).boundingBox();
        assertThat(overlaps(box, script)).as(size + banner + " beside the script, not over it").isFalse();
        assertThat(inside(box, area)).as(size + banner + " whole, not cut off by the script column").isTrue();
        assertThat(box.y + box.height).as(size + banner + " within the screen").isLessThanOrEqualTo(screen[1]);
      }
      BoundingBox name = prompter.locator("#on-air-name").boundingBox();
      assertThat(script.height).as(size + "the script keeps its room").isGreaterThan(screen[1] / 8.0);
      assertThat(overlaps(name, script)).as(size + "the item's name shows in the script").isTrue();
    }
    prompter.keyboard().press("Space");
    Screens.waitUntilHidden(prompter, "#price-flash");
    Screens.waitUntilHidden(prompter, "#note-flash");
  }

  /** The viewer types the comment on the storefront and sends it. */
  private static void post(Page viewer, String text) {
    viewer.fill("#comment-text", text);
    viewer.click("#comment-send");
  }

  private static boolean overlaps(BoundingBox a, BoundingBox b) {
    return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
  }

  private static boolean inside(BoundingBox inner, BoundingBox outer) {
    double slack = 0.5;
    return inner.x >= outer.x - slack && inner.y >= outer.y - slack
        && inner.x + inner.width <= outer.x + outer.width + slack
        && inner.y + inner.height <= outer.y + outer.height + slack;
  }
}
