package io.livedesk.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import io.livedesk.testing.Api;
import io.livedesk.testing.Browser;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The review page (/report/) in headless Chromium against a finished show. */
class ReportPageTest {

  @RegisterExtension
  static final ReviewedShow show = ReviewedShow.onItsOwnServer();
  static Browser browser;

  @BeforeAll
  static void play() throws Exception {
    show.playFirstHalf();
    show.playSecondHalf();
    browser = Browser.launch();
  }

  @AfterAll
  static void stop() throws Exception {
    browser.close();
  }

  /** Closes the page, which must have logged no script error. */
  private static void closeClean(Page page) {
    page.close();
    assertThat(browser.errors()).isEmpty();
  }

  private Page open(String fragment) {
    Page page = browser.newPage();
    page.navigate(show.server.baseUrl() + "/report/?show=" + show.show.id() + fragment);
    return page;
  }

  private Page review() {
    Page page = open("#token=" + show.show.controlToken());
    page.waitForSelector("body[data-ready=true]");
    return page;
  }

  @Test
  @DisplayName("the review shows the finished show's totals, its rehearsal mark and its title as typed")
  void totals() {
    Page page = review();
    assertThat(page.textContent("[data-figure=gmvCents] .value")).isEqualTo("¥635.00");
    assertThat(page.textContent("[data-figure=paidGmvCents] .value")).isEqualTo("¥140.00");
    // A's tier took o1 from 2 × ¥80 to 2 × ¥70: ¥20 owed back, in the tiles and in A's row
    assertThat(page.textContent("[data-figure=refundCents] .value")).isEqualTo("¥20.00");
    int column = 0;
    while (!"refundCents".equals(page.locator("#items thead th").nth(column).getAttribute("data-key"))) {
      column++;
    }
    assertThat(page.locator("#items tbody tr").first().locator("td").nth(column).textContent()).isEqualTo("¥20.00");
    assertThat(page.textContent("[data-figure=orders] .value")).isEqualTo("3");
    assertThat(page.textContent("[data-figure=uv] .value")).isEqualTo("3");
    assertThat(page.textContent("[data-figure=pv] .value")).isEqualTo("3");
    assertThat(page.textContent("[data-figure=peakOnline] .value")).isEqualTo("2");
    // clickers 3 of UV 3
    assertThat(page.textContent("[data-figure=clickRate] .value")).isEqualTo("100.0%");
    assertThat(page.textContent("#title")).isEqualTo("周五晚场 <b>复盘</b>");
    assertThat(page.locator("h1 b").count()).isZero();
    assertThat(page.isVisible("#rehearsal-badge")).isTrue();
    assertThat(page.isVisible("#rehearsal-banner")).isTrue();
    assertThat(page.locator("#chart-online svg").count()).isPositive();
    assertThat(page.locator("#chart-funnel svg").count()).isPositive();
    closeClean(page);
  }

  @Test
  @DisplayName("the item table has every item, sorts by any column, and a formula name stays plain text")
  void itemTable() {
    Page page = review();
    assertThat(page.locator("#items tbody tr").count()).isEqualTo(4);
    assertThat(names(page)).containsExactly(ReviewedShow.NAME_A, ReviewedShow.NAME_B, "备用面膜", "福袋");

    page.click("#items th[data-key=gmvCents] button");
    // numbers sort largest first: B ¥400, A ¥235, then the two without orders in running order
    assertThat(names(page)).containsExactly(ReviewedShow.NAME_B, ReviewedShow.NAME_A, "备用面膜", "福袋");
    assertThat(page.getAttribute("#items th[data-key=gmvCents]", "aria-sort")).isEqualTo("descending");

    page.click("#items th[data-key=gmvCents] button");
    assertThat(names(page)).containsExactly("备用面膜", "福袋", ReviewedShow.NAME_A, ReviewedShow.NAME_B);

    page.click("#items th[data-key=airedSeconds] button");
    assertThat(names(page).get(0)).isEqualTo(ReviewedShow.NAME_B);
    closeClean(page);
  }

  @Test
  @DisplayName("an item that ran over its slot is marked; one that ran short is not")
  void overrun() {
    Page page = review();
    // B aired 150 s of a 60 s slot, A 110 s of 120 s
    assertThat(page.getAttribute(".timing-row[data-item=B]", "class")).contains("over");
    assertThat(page.textContent(".timing-row[data-item=B] .delta")).contains("1:30");
    assertThat(page.getAttribute(".timing-row[data-item=A]", "class")).doesNotContain("over");
    assertThat(page.textContent(".timing-row[data-item=A] .delta")).contains("0:10");
    page.close();
  }

  @Test
  @DisplayName("each lottery links to its proof, which anyone can fetch and which checks out")
  void verifyLink() {
    Page page = review();
    String href = page.getAttribute("#lotteries tr[data-lottery=" + show.lotteryId + "] a.verify", "href");
    assertThat(href).isEqualTo("/api/shows/" + show.show.id() + "/lotteries/" + show.lotteryId + "/proof");
    Api.Response proof = show.api().get(href, Map.of());
    assertThat(proof.status()).isEqualTo(200);
    assertThat(proof.json().get("verified").asBoolean()).isTrue();
    assertThat(page.textContent("#lotteries tr[data-lottery=" + show.lotteryId + "]")).contains("v1");
    page.close();
  }

  @Test
  @DisplayName("English is one click away and is remembered on the next visit")
  void english() {
    Page page = review();
    page.click("#lang");
    assertThat(page.textContent("[data-figure=gmvCents] .label")).isEqualTo("GMV (ordered)");
    assertThat(page.textContent("#items th[data-key=orders]")).isEqualTo("Orders");
    page.reload();
    page.waitForSelector("body[data-ready=true]");
    assertThat(page.textContent("[data-figure=gmvCents] .label")).isEqualTo("GMV (ordered)");
    page.click("#lang");
    assertThat(page.textContent("[data-figure=gmvCents] .label")).isEqualTo("下单金额 GMV");
    page.close();
  }

  @Test
  @DisplayName("without a token or a member's session the page sends to the sign-in page, which comes back to it")
  void missingToken() {
    // a browser of its own: the page's check for a session is a 401 the browser logs, which the others must not see
    try (Browser own = Browser.launch()) {
      Page page = own.newPage();
      page.navigate(show.server.baseUrl() + "/report/?show=" + show.show.id());
      page.waitForURL("**/login/?next=*");
      assertThat(page.url()).endsWith("/login/?next=%2Freport%2F%3Fshow%3D" + show.show.id());
    }
  }

  private static List<String> names(Page page) {
    return page.locator("#items tbody td.name").allTextContents();
  }
}
