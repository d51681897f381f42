package io.livedesk.screens;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.Page;
import io.livedesk.testing.Api;
import io.livedesk.testing.ShopSheet;
import io.livedesk.testing.TestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The studio page, the review's show-over-show row and the storefront's reservation, in headless Chromium. */
class StudioPageTest {

  @RegisterExtension
  static final Screens screens = Screens.perClass();
  static Api.Show first;
  static Api.Show second;

  /** Two ended shows: the first sells 2 × ¥100 of A, the second 3 × ¥100 of A and 1 × ¥50 of B. */
  @BeforeAll
  static void play() {
    first = ShopSheet.of().item("A", 10_000, 100, null).openShow(screens.api, "第一场");
    screens.control(first, "cue.go", Api.args("itemId", "A"));
    order(first, "v1", "A", 2);
    screens.control(first, "show.end", Api.args());
    second = ShopSheet.of().item("A", 10_000, 100, null).item("B", 5_000, 100, null).openShow(screens.api, "第二场");
    screens.control(second, "cue.go", Api.args("itemId", "A"));
    order(second, "v2", "A", 3);
    order(second, "v3", "B", 1);
    screens.control(second, "show.end", Api.args());
  }

  private static void order(Api.Show show, String viewer, String itemId, int qty) {
    assertThat(screens.api.viewerCommand(viewer, show.id(), "order.place", Api.args("itemId", itemId, "qty", qty))
        .status()).isEqualTo(200);
  }

  private static Page studio() {
    return screens.openDrawn("/studio/#token=" + TestServer.ADMIN_TOKEN, 1440, 1000);
  }

  @Test
  @DisplayName("the studio lists every show with its figures and screens, creates a show and loads its run-sheet")
  void studioPage() {
    Page page = studio();
    assertThat(page.textContent("h1")).isEqualTo("直播工作室");
    assertThat(page.textContent("tr[data-show=" + first.id() + "] [data-figure=gmvCents]")).isEqualTo("¥200.00");
    assertThat(page.textContent("tr[data-show=" + second.id() + "] [data-figure=gmvCents]")).isEqualTo("¥350.00");
    assertThat(page.textContent("tr[data-show=" + second.id() + "] .status")).isEqualTo("已结束");
    String console = page.getAttribute("tr[data-show=" + first.id() + "] a[data-screen=console]", "href");
    assertThat(console).isEqualTo("/console/?show=" + first.id() + "#token=" + TestServer.ADMIN_TOKEN);
    assertThat(page.getAttribute("tr[data-show=" + first.id() + "] a[data-screen=viewer]", "href"))
        .isEqualTo("/viewer/?show=" + first.id());

    page.fill("#create-title", "下周五晚场 <b>");
    page.click("#create-form button[type=submit]");
    page.waitForSelector("#created:not([hidden])");
    assertThat(page.textContent("#created-control")).hasSizeGreaterThan(20);
    page.waitForSelector("tr[data-status=draft].target");
    assertThat(page.textContent("tr.target td.name")).isEqualTo("下周五晚场 <b>");
    assertThat(page.locator("tr.target button.remind").count()).as("nobody has reserved yet").isZero();
    assertThat(page.locator("tr.target td.name b").count()).isZero();

    assertThat(page.textContent("#drop-zone")).contains("排期表拖到这里", "选择文件");
    assertThat(page.getAttribute("#sheet-file", "accept")).contains(".csv", ".xlsx", ".json");
    page.setInputFiles("#sheet-file", Path.of("src/test/resources/runsheets/sample-runsheet.csv"));
    page.waitForSelector("#sheet-summary.ok");
    assertThat(page.textContent("#sheet-summary")).contains("34");

    // the item history: A in both shows, B in one; by paid GMV, then sorted by units
    assertThat(page.locator("#items tbody tr").count()).isEqualTo(2);
    page.click("#items th[data-key=units] button");
    List<String> ids = page.locator("#items tbody tr td:first-child").allTextContents();
    assertThat(ids).containsExactly("A", "B");
    assertThat(page.locator("#items tbody tr").first().locator("td").nth(2).textContent()).isEqualTo("2");
  }

  @Test
  @DisplayName("the webhooks panel adds a webhook showing its secret once, lists its deliveries, rotates and deletes it")
  void webhooksPanel() {
    Page page = studio();
    page.onDialog(dialog -> dialog.accept());
    page.fill("#webhook-url", "http://127.0.0.1:9/unreachable");
    page.fill("#webhook-kinds", "order.placed, order.paid");
    page.click("#webhook-form button[type=submit]");
    page.waitForSelector("#webhook-secret:not([hidden])");
    assertThat(page.textContent("#webhook-secret")).contains("whsec_").contains("只显示这一次");
    page.waitForSelector("#webhook-list tr[data-webhook]");
    String id = page.getAttribute("#webhook-list tr[data-webhook]", "data-webhook");
    assertThat(page.textContent("#webhook-list tr[data-webhook] td:nth-child(2)")).isEqualTo("order.placed, order.paid");
    assertThat(page.textContent("#webhook-list tr[data-webhook] .status")).isEqualTo("正常");

    page.click("tr[data-webhook=" + id + "] button[data-action=deliveries]");
    page.waitForSelector("#webhook-deliveries:not([hidden])");
    page.click("tr[data-webhook=" + id + "] button[data-action=rotate]");
    page.waitForFunction("() => document.querySelector('#webhook-secret').textContent.includes('" + id + "')");
    page.click("tr[data-webhook=" + id + "] button[data-action=delete]");
    page.waitForSelector("#webhook-list tr[data-webhook]", new Page.WaitForSelectorOptions()
        .setState(com.microsoft.playwright.options.WaitForSelectorState.DETACHED));
    assertThat(screens.api.get("/api/webhooks", Api.bearer(TestServer.ADMIN_TOKEN)).json().get("webhooks")).isEmpty();
  }

  @Test
  @DisplayName("the review shows each headline figure against the previous show and the studio median, in percent")
  void reviewShowOverShow() {
    Page page = screens.openDrawn("/report/?show=" + second.id() + "#token=" + second.controlToken(), 1440, 1000);
    page.waitForSelector("body[data-standing=true]");
    String row = "#standing tr[data-standing=gmvCents] td";
    assertThat(page.locator(row).allTextContents())
        .containsExactly("下单金额 GMV", "¥350.00", "¥200.00", "+75.0%", "¥200.00", "+75.0%");
    assertThat(page.textContent("#standing-note")).contains("第一场");
    assertThat(page.getAttribute("#standing tr[data-standing=orders] td[data-change=previous]", "class")).contains("up");
  }

  @Test
  @DisplayName("on a draft show the storefront offers 预约开播提醒 and counts who reserved; the studio lists them")
  void storefrontReservation() throws Exception {
    Api.Show draft = screens.api.createShow("预约场");
    screens.api.loadSampleSheet(draft);
    screens.api.viewerCommand("early", draft.id(), "show.reserve", Api.args());
    Page page = screens.viewer(draft, "fan");
    Screens.waitForText(page, "#reservations", "1 人已预约");
    assertThat(page.textContent("#reserve")).isEqualTo("预约开播提醒");
    page.click("#reserve");
    Screens.waitForText(page, "#reservations", "2 人已预约");
    Screens.waitForText(page, "#reserve", "已预约，开播时提醒你");
    assertThat(page.isDisabled("#reserve")).isTrue();

    page.reload();
    page.waitForSelector("body[data-ready=true][data-connection=live]");
    Screens.waitForText(page, "#reserve", "已预约，开播时提醒你");
    assertThat(page.textContent("#reservations")).isEqualTo("2 人已预约");
    page.close();

    Page studio = studio();
    Download list = studio.waitForDownload(() -> studio.click("tr[data-show=" + draft.id() + "] button.remind"));
    assertThat(list.suggestedFilename()).isEqualTo("预约-预约场-" + draft.id() + ".csv");
    String csv = new String(Files.readAllBytes(list.path()), StandardCharsets.UTF_8);
    assertThat(csv.lines().skip(1).map(line -> line.split(",")[0])).containsExactly("early", "fan");
  }
}
