package io.livedesk.screens;

import com.microsoft.playwright.Page;
import io.livedesk.demo.DemoShow;
import io.livedesk.json.Json;
import io.livedesk.testing.Api;
import io.livedesk.testing.Browser;
import io.livedesk.testing.ShopSheet;
import io.livedesk.testing.TestServer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Makes the README's screenshots from a demo show: console (and its comment panel), prompter (as is,
 * mirrored, and with a pinned question), review, storefront, sign-in, a cut waiting for approval and the studio, under docs/screenshots/. Run by src/test/scripts/screenshots.sh, which makes sure a CJK font
 * is there first. It takes about three minutes: the simulated audience needs time to make figures worth showing.
 */
public final class Screenshots {

  private static final Path OUT = Path.of("docs/screenshots");

  private Screenshots() {
  }

  public static void main(String[] args) throws Exception {
    Files.createDirectories(OUT);
    try (TestServer server = TestServer.start(); Browser browser = Browser.launch()) {
      DemoShow.Addresses demo = server.openDemo();
      Api.Show show = new Api.Show(demo.showId(), token(demo.console()), token(demo.prompter()));
      Api api = server.api();
      Page console = browser.newPage(1440, 900);
      console.navigate(demo.console());
      Page viewer = browser.newPage(420, 860);
      viewer.navigate(demo.viewer() + "&viewer=demo-fan");

      control(api, show, "announce.publish", Api.args("text", "晴王葡萄直播间专享价，今晚下单包邮到家！", "pinned", true));
      control(api, show, "cue.go", Api.args("itemId", "JJ-CHERRY-10", "list", true));
      Thread.sleep(45_000);
      control(api, show, "cue.go", Api.args("itemId", "SHINE-MUSCAT-2", "list", true));
      Thread.sleep(25_000);
      control(api, show, "item.set_price", Api.args("itemId", "SHINE-MUSCAT-2", "priceCents", 7800));
      control(api, show, "cue.note", Api.args("text", "库存还剩一半，再推一次晴王，然后准备抽奖"));
      Thread.sleep(2_000);

      Page prompter = browser.newPage(1600, 900);
      prompter.navigate(demo.prompter());
      prompter.waitForSelector("body[data-ready=true][data-connection=live]");
      settle(prompter);
      shoot(prompter, "prompter.png");
      prompter.navigate(demo.prompter().replace("#", "&mirror=1&marker=top#"));
      prompter.waitForSelector("body[data-ready=true][data-connection=live]");
      settle(prompter);
      shoot(prompter, "prompter-mirrored.png");
      viewer.click("#buy");
      settle(viewer);
      shoot(viewer, "viewer.png");

      control(api, show, "comment.pin", Api.args("commentId", mostAsked(api, show)));
      prompter.navigate(demo.prompter());
      prompter.waitForSelector("#question-box:not([hidden])");
      settle(prompter);
      shoot(prompter, "prompter-question.png");

      Thread.sleep(20_000);
      control(api, show, "cue.go", Api.args("itemId", "DURIAN-MSK", "list", true));
      Thread.sleep(40_000);
      control(api, show, "cue.go", Api.args("itemId", "LT-MUSCAT"));
      Thread.sleep(15_000);
      settle(console);
      shoot(console, "console.png");
      console.locator("#comments").screenshot(new com.microsoft.playwright.Locator.ScreenshotOptions()
          .setPath(OUT.resolve("console-comments.png")));

      Page report = browser.newPage(1440, 1500);
      report.navigate(demo.report());
      report.waitForSelector("body[data-ready=true]");
      settle(report);
      shoot(report, "report.png");

      Page login = browser.newPage(1000, 700);
      login.navigate(server.baseUrl() + "/login/");
      login.waitForSelector("#sign-in");
      settle(login);
      shoot(login, "login.png");

      approval(api, browser, server);

      studio(api);
      Page studio = browser.newPage(1440, 1100);
      studio.navigate(server.baseUrl() + "/studio/#token=" + TestServer.ADMIN_TOKEN);
      studio.waitForSelector("body[data-ready=true]");
      settle(studio);
      shoot(studio, "studio.png");
      if (!browser.errors().isEmpty()) {
        System.err.println("the pages reported errors: " + browser.errors());
      }
      System.out.println("screenshots written to " + OUT.toAbsolutePath());
    }
  }

  /** A deep cut waiting on the two-person rule, as the other control console sees it: old and new price, the cut, who asked. */
  private static void approval(Api api, Browser browser, TestServer server) {
    var options = Json.object();
    options.putObject("approval").put("cutFraction", 0.3);
    Api.Show show = api.liveSampleShow("周五晚场 · 双人复核", options);
    control(api, show, "cue.go", Api.args("itemId", "SHINE-MUSCAT-2", "list", true));
    control(api, show, "item.set_price", Api.args("itemId", "SHINE-MUSCAT-2", "priceCents", 7_800));
    Page console = browser.newPage(1440, 900);
    console.navigate(server.baseUrl() + "/console/?show=" + show.id() + "#token=" + TestServer.ADMIN_TOKEN);
    console.waitForSelector("#approval-list li .grant");
    settle(console);
    console.locator("#approvals").screenshot(new com.microsoft.playwright.Locator.ScreenshotOptions()
        .setPath(OUT.resolve("console-approval.png")));
  }

  /** Two ended shows of last week's items and next week's draft with its reservations, for the studio's picture. */
  private static void studio(Api api) {
    String[][] weeks = {{"上周二晚场", "3", "2"}, {"上周五晚场", "5", "1"}};
    for (String[] week : weeks) {
      Api.Show ended = ShopSheet.of().item("JJ-CHERRY-10", 39_900, 800, null).item("SHINE-MUSCAT-2", 7_800, 500, null)
          .openShow(api, week[0]);
      control(api, ended, "cue.go", Api.args("itemId", "JJ-CHERRY-10"));
      for (int i = 0; i < Integer.parseInt(week[1]); i++) {
        api.viewerCommand("fan-" + i, ended.id(), "viewer.click", Api.args("itemId", "JJ-CHERRY-10"));
        api.viewerCommand("fan-" + i, ended.id(), "order.place", Api.args("itemId", "SHINE-MUSCAT-2", "qty", 2));
      }
      api.viewerCommand("fan-0", ended.id(), "order.place", Api.args("itemId", "JJ-CHERRY-10", "qty",
          Integer.parseInt(week[2])));
      control(api, ended, "show.end", null);
    }
    Api.Show next = api.createShow("下周五晚场 · 鲜果专场");
    api.loadSampleSheet(next);
    for (String fan : new String[] {"fan-0", "fan-1", "fan-7"}) {
      api.viewerCommand(fan, next.id(), "show.reserve", Json.object());
    }
  }

  /** The latest comment of the question the simulated audience asks most, to pin for the host. */
  private static String mostAsked(Api api, Api.Show show) {
    com.fasterxml.jackson.databind.JsonNode comments = api.get("/api/shows/" + show.id(), Api.bearer(show.controlToken()))
        .json().get("comments");
    String found = null;
    for (com.fasterxml.jackson.databind.JsonNode comment : comments) {
      if (comment.get("text").asText().startsWith("包邮") && !comment.has("shadow")) {
        found = comment.get("commentId").asText();
      }
    }
    if (found == null) {
      throw new IllegalStateException("the audience has not asked 包邮吗 yet: " + comments.size() + " comments");
    }
    return found;
  }

  private static String token(String address) {
    return URI.create(address).getFragment().substring("token=".length());
  }

  private static void control(Api api, Api.Show show, String cmd, com.fasterxml.jackson.databind.node.ObjectNode args) {
    Api.Response response = api.command(show.controlToken(), show.id(), cmd, args == null ? Json.object() : args);
    if (response.status() != 200) {
      throw new IllegalStateException(cmd + ": " + response.text());
    }
  }

  /** Lets charts finish animating and the flashes land on their bright half. */
  private static void settle(Page page) {
    page.waitForTimeout(1_500);
  }

  private static void shoot(Page page, String name) {
    page.screenshot(new Page.ScreenshotOptions().setPath(OUT.resolve(name)).setAnimations(
        com.microsoft.playwright.options.ScreenshotAnimations.DISABLED));
  }
}
