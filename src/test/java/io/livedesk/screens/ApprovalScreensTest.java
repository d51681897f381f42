package io.livedesk.screens;

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

  private static final String GRAPE = "SHINE-MUSCAT-2";

  @RegisterExtension
  static final Screens screens = Screens.perClass();

  @Test
  @DisplayName("a deep cut on one console waits there as its own; the other console approves it and only then the prompter flashes the new price")
  void approvedOnTheOtherConsole() {
    var options = Json.object();
    options.putObject("approval").put("cutFraction", 0.3);
    Api.Show show = screens.api.liveSampleShow("双人复核", options);
    screens.control(show, "cue.go", Api.args("itemId", GRAPE, "list", true));
    Page technician = screens.console(show);
    Page admin = screens.open("/console/?show=" + show.id() + "#token=" + TestServer.ADMIN_TOKEN, 1440, 900);
    Page prompter = screens.prompter(show, "");
    Page viewer = screens.viewer(show, "amy");

    String price = "#sheet tr[data-item=" + GRAPE + "] .price";
    technician.click(price + " .edit");
    technician.fill(price + " input", "80");
    technician.press(price + " input", "Enter");

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
    viewer.close();
    prompter.close();
    admin.close();
    technician.close();
  }

  private static String text(Page page, String selector) {
    return page.textContent(selector).strip();
  }
}
