package io.livedesk.screens;

import static io.livedesk.testing.SampleSheet.GRAPE;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import io.livedesk.json.Json;
import io.livedesk.testing.Api;
import io.livedesk.testing.TestServer;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The two-person rule on two consoles, each in its own browser context and under its own identity. */
class ApprovalScreensTest {

  private static final String PASSWORD = "two people 2026";

  @RegisterExtension
  static final Screens screens = Screens.perClass();

  @Test
  @DisplayName("a deep cut on one console waits there as its own; the other console approves it and only then the prompter flashes the new price")
  void approvedOnTheOtherConsole() {
    Api.Show show = approvalShow("双人复核");
    Page technician = screens.console(show);
    Page admin = screens.open("/console/?show=" + show.id() + "#token=" + TestServer.ADMIN_TOKEN, 1440, 900);
    Page prompter = screens.prompter(show, "");
    Page viewer = screens.viewer(show, "amy");

    Screens.typePrice(technician, GRAPE, "80");

    Screens.waitForText(technician, "#approval-list li .who", "我的申请，等待他人批准");
    assertThat(technician.isVisible("#approval-list li .grant")).as("no approve button on one's own request").isFalse();
    Screens.waitForText(admin, "#approval-list li .who", "申请人：中控");
    Screens.waitForText(admin, "#approval-list li .what",
        Pattern.compile("改价 · 阳光玫瑰晴王葡萄 2串装：¥128\\.00 → ¥80\\.00（降 38%，超过 30% 需另一人批准）"));
    Screens.waitForText(admin, "#approval-list li .left", Pattern.compile("剩余 [45]:\\d\\d"));
    assertThat(text(prompter, "#price")).isEqualTo("¥88.00");
    assertThat(prompter.isVisible("#price-flash")).as("nothing flashes before the grant").isFalse();
    assertThat(text(viewer, "#price")).isEqualTo("¥88.00");

    admin.click("#approval-list li .grant");

    Screens.waitForText(prompter, "#price", "¥80.00");
    Screens.waitForText(viewer, "#price", "¥80.00");
    assertThat(prompter.isVisible("#price-flash")).isTrue();
    assertThat(text(prompter, "#price-flash-text")).contains("¥88.00 → ¥80.00");
    technician.waitForSelector("#approvals", new Page.WaitForSelectorOptions()
        .setState(com.microsoft.playwright.options.WaitForSelectorState.HIDDEN));
    assertThat(admin.isVisible("#approvals")).isFalse();
  }

  @Test
  @DisplayName("two control members signed in in two browsers: 李娜's deep cut waits, 王强 approves it under his name,"
      + " and only then the prompter flashes the new price")
  void approvedByAnotherMember() {
    Api.Show show = approvalShow("双人复核·成员");
    screens.addMember("li.na", "李娜", PASSWORD, "control");
    screens.addMember("wang.qiang", "王强", PASSWORD, "control");
    Page lina = screens.signedIn("/console/?show=" + show.id(), "li.na", PASSWORD);
    Page wang = screens.signedIn("/console/?show=" + show.id(), "wang.qiang", PASSWORD);
    Page prompter = screens.prompter(show, "");

    Screens.typePrice(lina, GRAPE, "80");

    Screens.waitForText(lina, "#approval-list li .who", "我的申请，等待他人批准");
    Screens.waitForText(wang, "#approval-list li .who", Pattern.compile("申请人：李娜.*"));
    assertThat(prompter.isVisible("#price-flash")).as("nothing flashes before the grant").isFalse();

    wang.click("#approval-list li .grant");

    Screens.waitForText(prompter, "#price", "¥80.00");
    assertThat(prompter.isVisible("#price-flash")).isTrue();
    assertThat(screens.lastEvent(show, "approval.granted").path("actor").path("name").asText()).isEqualTo("王强");
    assertThat(screens.lastEvent(show, "approval.requested").path("actor").path("name").asText()).isEqualTo("李娜");
  }

  /** A live show on the sample sheet whose cuts of more than 30% need another's approval, the grapes cued. */
  private static Api.Show approvalShow(String title) {
    var options = Json.object();
    options.putObject("approval").put("cutFraction", 0.3);
    Api.Show show = screens.api.liveSampleShow(title, options);
    screens.control(show, "cue.go", Api.args("itemId", GRAPE, "list", true));
    return show;
  }

  private static String text(Page page, String selector) {
    return page.textContent(selector).strip();
  }
}
