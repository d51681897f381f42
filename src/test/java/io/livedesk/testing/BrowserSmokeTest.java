package io.livedesk.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class BrowserSmokeTest {

  @Test
  @DisplayName("the index page is served and renders in headless Chromium without errors")
  void indexRenders() throws Exception {
    try (TestServer server = TestServer.start(); Browser browser = Browser.launch()) {
      Page page = browser.newPage();
      page.navigate(server.baseUrl() + "/");
      assertThat(page.textContent("h1")).contains("Livedesk");
      assertThat(browser.errors()).isEmpty();
    }
  }
}
