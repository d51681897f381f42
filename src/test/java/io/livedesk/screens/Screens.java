package io.livedesk.screens;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.microsoft.playwright.JSHandle;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.WaitForSelectorState;
import io.livedesk.json.Json;
import io.livedesk.testing.Api;
import io.livedesk.testing.Browser;
import io.livedesk.testing.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A server, a headless Chromium and the show's pages opened on them, for the screens' browser tests. Registered
 * on a test class it starts before the first test, closes every page a test opened through it once the test is
 * done (its browser context with it, and any page that context opened), fails any test that left a page error or
 * dialog behind, and closes after the last.
 */
final class Screens implements AutoCloseable, BeforeAllCallback, AfterEachCallback, AfterAllCallback {

  private final ObjectNode config;
  TestServer server;
  Browser browser;
  Api api;
  /** Every alert or prompt any page opened: one here means a text ran as code. */
  final List<String> dialogs = Collections.synchronizedList(new ArrayList<>());
  private final List<String> expectedErrors = new ArrayList<>();
  /** The pages opened for the running test, closed after it. */
  private final List<Page> opened = new ArrayList<>();
  private int errorsChecked;

  private Screens(ObjectNode config) {
    this.config = config;
  }

  /** Screens started now, on the default configuration, for a test that closes them itself. */
  static Screens start() throws Exception {
    Screens screens = new Screens(Json.object());
    screens.launch();
    return screens;
  }

  /** Screens shared by a test class's tests ({@code @RegisterExtension}), on the default configuration. */
  static Screens perClass() {
    return new Screens(Json.object());
  }

  /** Screens shared by a test class's tests ({@code @RegisterExtension}), with these overrides of the configuration. */
  static Screens perClass(Consumer<ObjectNode> overrides) {
    return new Screens(TestServer.config(overrides));
  }

  private void launch() throws Exception {
    server = TestServer.start(config, System::currentTimeMillis);
    browser = Browser.launch();
    api = server.api();
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    launch();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    for (Page page : opened) {
      page.context().close();
    }
    opened.clear();
    assertThat(unexpectedErrors()).isEmpty();
    assertThat(dialogs).isEmpty();
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    close();
  }

  Page console(Api.Show show) {
    return open("/console/?show=" + show.id() + "#token=" + show.controlToken(), 1440, 900);
  }

  Page prompter(Api.Show show, String options) {
    return open("/prompter/?show=" + show.id() + options + "#token=" + show.prompterToken(), 1600, 900);
  }

  Page viewer(Api.Show show, String viewerId) {
    return open("/viewer/?show=" + show.id() + "&viewer=" + viewerId, 480, 1000);
  }

  /** A blank page in a browser context of its own, closed with it after the test. */
  Page newPage(int width, int height) {
    Page page = browser.newPage(width, height);
    opened.add(page);
    return page;
  }

  /** Opens a page and waits until it has drawn its show. */
  Page open(String path, int width, int height) {
    Page page = newPage(width, height);
    page.onDialog(dialog -> {
      // the console asks before it starts, ends or swaps: yes; anything else is a text run as code
      if ("confirm".equals(dialog.type())) {
        dialog.accept();
      } else {
        dialogs.add(page.url() + ": " + dialog.type() + " " + dialog.message());
        dialog.dismiss();
      }
    });
    page.navigate(server.baseUrl() + path);
    page.waitForSelector("body[data-ready=true][data-connection=live]");
    return page;
  }

  /** Opens the show's review with its control token and waits until it has drawn its figures. */
  Page review(Api.Show show) {
    return openDrawn("/report/?show=" + show.id() + "#token=" + show.controlToken(), 1280, 900);
  }

  /** Opens a page that has no socket (the review, the studio) and waits until it has drawn. */
  Page openDrawn(String path, int width, int height) {
    Page page = newPage(width, height);
    page.navigate(server.baseUrl() + path);
    page.waitForSelector("body[data-ready=true]");
    return page;
  }

  /** A staff member added by the admin (docs/protocol.md §People). */
  void addMember(String login, String name, String password, String role) {
    Api.Response added = api.post("/api/members", Api.bearer(TestServer.ADMIN_TOKEN), Json.object()
        .put("login", login).put("name", name).put("password", password).put("role", role));
    assertThat(added.status()).as(added.text()).isEqualTo(201);
  }

  /**
   * {@code path} opened in a browser context of its own, which the page sends to the sign-in page; signed in
   * there as {@code login}, the page it comes back to, live. The page asks who is signed in before anyone is: the
   * browser's note of that 401 is expected.
   */
  Page signedIn(String path, String login, String password) {
    expectError(path.substring(0, path.indexOf('?')));
    Page page = newPage(1440, 900);
    page.navigate(server.baseUrl() + path);
    page.waitForURL("**/login/?next=*");
    page.fill("#login", login);
    page.fill("#password", password);
    page.click("#sign-in");
    page.waitForSelector("body[data-ready=true][data-connection=live]");
    return page;
  }

  /** A live show on the sample run-sheet with one item cued and on the shelf. */
  Api.Show liveShow(String title, String cuedItem) {
    Api.Show show = api.liveSampleShow(title);
    control(show, "cue.go", Api.args("itemId", cuedItem, "list", true));
    return show;
  }

  JsonNode control(Api.Show show, String cmd, ObjectNode args) {
    Api.Response response = api.command(show.controlToken(), show.id(), cmd, args);
    if (response.status() != 200) {
      throw new IllegalStateException(cmd + " failed: " + response.text());
    }
    return response.json().get("result");
  }

  JsonNode snapshot(Api.Show show) {
    return api.get("/api/shows/" + show.id(), Api.bearer(show.controlToken())).json();
  }

  /** The last event of this kind in the show's audit history. */
  JsonNode lastEvent(Api.Show show, String kind) {
    return api.events(show).stream().filter(event -> event.path("kind").asText().equals(kind))
        .reduce((earlier, later) -> later).orElseThrow(() -> new AssertionError("no " + kind + " event"));
  }

  JsonNode item(Api.Show show, String itemId) {
    for (JsonNode item : snapshot(show).get("items")) {
      if (item.get("id").asText().equals(itemId)) {
        return item;
      }
    }
    throw new AssertionError("no item " + itemId);
  }

  /**
   * Waits (polling in the page, not by evaluating code: the pages' policy forbids eval) until the first
   * element matching the selector has exactly this text.
   */
  static void waitForText(Page page, String selector, String text) {
    PlaywrightAssertions.assertThat(page.locator(selector).first())
        .hasText(text, new LocatorAssertions.HasTextOptions().setTimeout(WAIT_MILLIS));
  }

  static void waitForText(Page page, String selector, Pattern text) {
    PlaywrightAssertions.assertThat(page.locator(selector).first())
        .hasText(text, new LocatorAssertions.HasTextOptions().setTimeout(WAIT_MILLIS));
  }

  /** The selector of a figure's value on the console or the review: {@code figure("orders")}. */
  static String figure(String name) {
    return "[data-figure=" + name + "] .value";
  }

  /** Waits until the first element matching the selector is hidden or gone. */
  static void waitUntilHidden(Page page, String selector) {
    page.waitForSelector(selector, new Page.WaitForSelectorOptions().setState(WaitForSelectorState.HIDDEN));
  }

  static final double WAIT_MILLIS = 10_000;

  /** Types a new live price (in yuan) for the item in the console's running order and presses Enter. */
  static void typePrice(Page console, String itemId, String yuan) {
    String price = "#sheet tr[data-item=" + itemId + "] .price";
    console.click(price + " .edit");
    console.fill(price + " input", yuan);
    console.press(price + " input", "Enter");
  }

  /**
   * Drops a run-sheet on the console's drop zone as a file of that name and type dragged from the desktop (an
   * empty type: a file without one), and waits until the console says it is loaded.
   */
  static void dropSheet(Page console, String fileName, String type, Path sheet) throws IOException {
    byte[] bytes = Files.readAllBytes(sheet);
    JSHandle files = console.evaluateHandle("([data, name, type]) => {"
        + " const bytes = Uint8Array.from(atob(data), c => c.charCodeAt(0));"
        + " const transfer = new DataTransfer(); transfer.items.add(new File([bytes], name, { type })); return transfer; }",
        List.of(Base64.getEncoder().encodeToString(bytes), fileName, type));
    console.dispatchEvent("#drop-zone", "drop", Map.of("dataTransfer", files));
    console.waitForSelector("#sheet-summary.ok");
  }

  /** Chooses a run-sheet the server refuses (its 400 expected) and waits until the console says so. */
  void chooseRefusedSheet(Page console, Path sheet) {
    expectError("400 (Bad Request)");
    console.setInputFiles("#sheet-file", sheet);
    console.waitForSelector("#sheet-summary.error");
  }

  /** The problems the console lists for a refused run-sheet, each as its line or row and its field: "4|name". */
  static List<String> sheetProblems(Page console) {
    List<String> rows = new ArrayList<>();
    for (var row : console.locator("#sheet-errors tbody tr").all()) {
      rows.add(row.locator("td").nth(0).textContent() + "|" + row.locator("td").nth(1).textContent());
    }
    return rows;
  }

  /** A console error the next check lets through once, as the browser's note of an answer the test asked for. */
  void expectError(String fragment) {
    expectedErrors.add(fragment);
  }

  /** The pages' console and uncaught errors since the last check, but those a test said it expected. */
  List<String> unexpectedErrors() {
    List<String> all = browser.errors();
    List<String> fresh = new ArrayList<>(all.subList(errorsChecked, all.size()));
    errorsChecked = all.size();
    for (String fragment : expectedErrors) {
      fresh.stream().filter(error -> error.contains(fragment)).findFirst().ifPresent(fresh::remove);
    }
    expectedErrors.clear();
    return fresh;
  }

  @Override
  public void close() throws Exception {
    browser.close();
    server.close();
  }
}
