package io.livedesk.screens;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import io.livedesk.testing.Api;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What the screens do when the server goes away and comes back: no stale number shown as live, no reload needed. */
class ConnectionLossTest {

  private static final String GREY = "rgb(110, 110, 115)";

  private static String colour(Page page, String selector) {
    return (String) page.evalOnSelector(selector, "e => getComputedStyle(e).color");
  }

  @Test
  @DisplayName("when the server dies the prompter says so and greys its prices; when it is back the prompter, console "
      + "and storefront are live again, with what changed meanwhile, and no page was reloaded")
  void serverLostAndBack() throws Exception {
    try (Screens screens = Screens.start()) {
      Api.Show show = screens.liveShow("断线", "SHINE-MUSCAT-2");
      Page prompter = screens.prompter(show, "&mirror=1&fontsize=12&marker=center&margin=3");
      Page console = screens.console(show);
      Page viewer = screens.viewer(show, "dora");
      for (Page page : new Page[] {prompter, console, viewer}) {
        page.evaluate("() => { window.sameDocument = true; }");
      }
      assertThat(prompter.isVisible("#lost")).isFalse();
      String live = colour(prompter, "#price");
      assertThat(live).isNotEqualTo(GREY);
      assertThat(prompter.getAttribute("#stage", "class")).contains("mirror");

      screens.server.stop();

      prompter.waitForSelector("#lost:visible");
      assertThat(prompter.textContent("#lost")).contains("失去连接");
      assertThat(prompter.getAttribute("body", "data-connection")).isEqualTo("lost");
      assertThat(colour(prompter, "#price")).isEqualTo(GREY);
      assertThat(colour(prompter, "#stock")).isEqualTo(GREY);
      assertThat(colour(prompter, "#slot-countdown")).isEqualTo(GREY);
      console.waitForSelector("body[data-connection=lost]");
      viewer.waitForSelector("#connection:visible");

      screens.server.startOnSamePort();
      // what happens while the screens reconnect reaches them too
      screens.control(show, "item.set_price", Api.args("itemId", "SHINE-MUSCAT-2", "priceCents", 8500));

      prompter.waitForSelector("body[data-connection=live]");
      Screens.waitForText(prompter, "#price", "¥85.00");
      assertThat(prompter.isVisible("#lost")).isFalse();
      assertThat(colour(prompter, "#price")).isEqualTo(live);
      Screens.waitForText(console, "#sheet tr[data-item=SHINE-MUSCAT-2] .price .edit", "¥85.00");
      assertThat(console.textContent("#connection")).isEqualTo("已连接");
      Screens.waitForText(viewer, "#price", "¥85.00");
      Screens.waitUntilHidden(viewer, "#connection");
      for (Page page : new Page[] {prompter, console, viewer}) {
        assertThat(page.evaluate("() => window.sameDocument === true")).isEqualTo(true);
      }
      assertThat(screens.browser.errors()).allMatch(error -> error.contains("WebSocket"));
      assertThat(screens.dialogs).isEmpty();
    }
  }
}
