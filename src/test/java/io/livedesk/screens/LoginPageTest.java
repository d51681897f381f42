package io.livedesk.screens;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import io.livedesk.testing.Api;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Signing in on the login page and opening the console on the member's session, in headless Chromium. */
class LoginPageTest {

  @RegisterExtension
  static final Screens screens = Screens.perClass();

  @Test
  @DisplayName("a console without a token sends to the sign-in page; signed in, it opens with the member's name"
      + " and lists them on the show, and signing out ends the session; both pages wear the Livedesk icon")
  void signInToTheConsole() {
    Api.Show show = screens.liveShow("登录", "SHINE-MUSCAT-2");
    screens.addMember("li.na", "李娜", "correct horse battery", "control");
    // the console asks who is signed in before anyone is, and a wrong password is refused: the browser logs both 401s
    screens.expectError("/console/");
    screens.expectError("/login/");

    Page page = screens.newPage(1440, 900);
    page.navigate(screens.server.baseUrl() + "/console/?show=" + show.id());
    page.waitForURL("**/login/?next=*");
    assertThat(page.textContent("h1")).isEqualTo("员工登录");
    assertThat(page.getAttribute("link[rel=icon]", "href")).isEqualTo("/favicon.svg");
    page.fill("#login", "li.na");
    page.fill("#password", "wrong password");
    page.click("#sign-in");
    Screens.waitForText(page, "#state", "账号或密码不正确。");
    page.fill("#password", "correct horse battery");
    page.click("#sign-in");
    page.waitForSelector("body[data-ready=true][data-connection=live]");

    assertThat(page.url()).endsWith("/console/?show=" + show.id());
    assertThat(page.textContent("#who-name")).isEqualTo("李娜（中控）");
    assertThat(page.getAttribute("link[rel=icon]", "href")).isEqualTo("/favicon.svg");
    Screens.waitForText(page, "#staff-on", "在线同事：李娜");
    assertThat(page.context().cookies().get(0).httpOnly).isTrue();

    page.click("#sign-out");
    page.waitForURL("**/login/?next=*");
    assertThat(screens.api.get("/api/me", java.util.Map.of()).status()).isEqualTo(401);
  }

  @Test
  @DisplayName("a host member (副播) signed in on the prompter sends a note: it is recorded under her name for the"
      + " technician and the other host")
  void hostSendsANote() {
    screens.addMember("zhao.fu", "赵副播", "assistant host 2026", "host");
    Api.Show show = screens.liveShow("副播便签", "SHINE-MUSCAT-2");

    Page page = screens.signedIn("/prompter/?show=" + show.id(), "zhao.fu", "assistant host 2026");
    assertThat(page.isVisible("#host-note")).isTrue();

    page.fill("#host-note-text", "下一款先讲库存");
    page.click("#host-note button[type=submit]");
    Screens.waitForText(page, "#host-note-state", "已发送");

    var note = screens.lastEvent(show, "cue.note");
    assertThat(note.path("data").path("text").asText()).isEqualTo("下一款先讲库存");
    assertThat(note.path("actor").path("role").asText()).isEqualTo("host");
    assertThat(note.path("actor").path("id").asText()).isEqualTo("zhao.fu");
    assertThat(note.path("actor").path("name").asText()).isEqualTo("赵副播");
  }
}
