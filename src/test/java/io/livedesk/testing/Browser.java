package io.livedesk.testing;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Debian's Chromium driven by Playwright, headless. Playwright never downloads a browser here: it is
 * pointed at /usr/bin/chromium. Console errors and uncaught page errors of every page are collected.
 */
public final class Browser implements AutoCloseable {

  public static final Path CHROMIUM = Path.of("/usr/bin/chromium");

  private final Playwright playwright;
  private final com.microsoft.playwright.Browser browser;
  private final List<String> errors = Collections.synchronizedList(new ArrayList<>());

  private Browser() {
    playwright = Playwright.create(new Playwright.CreateOptions()
        .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
        .setExecutablePath(CHROMIUM)
        .setHeadless(true)
        .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic")));
  }

  public static Browser launch() {
    return new Browser();
  }

  /** A new page in a fresh context, its console errors and page errors recorded. */
  public Page newPage(int width, int height) {
    return newPage(new com.microsoft.playwright.Browser.NewContextOptions().setViewportSize(width, height));
  }

  /** A new page that accepts any certificate, as a browser told to trust a test's self-signed one would. */
  public Page newPageAcceptingAnyCertificate() {
    return newPage(new com.microsoft.playwright.Browser.NewContextOptions().setViewportSize(1440, 900)
        .setIgnoreHTTPSErrors(true));
  }

  private Page newPage(com.microsoft.playwright.Browser.NewContextOptions options) {
    BrowserContext context = browser.newContext(options.setLocale("zh-CN"));
    Page page = context.newPage();
    page.onConsoleMessage(message -> {
      if ("error".equals(message.type())) {
        errors.add(page.url() + ": " + message.text());
      }
    });
    page.onPageError(error -> errors.add(page.url() + ": uncaught " + error));
    return page;
  }

  public Page newPage() {
    return newPage(1440, 900);
  }

  /** Every console error and uncaught error seen so far, on any page. */
  public List<String> errors() {
    return List.copyOf(errors);
  }

  @Override
  public void close() {
    browser.close();
    playwright.close();
  }
}
