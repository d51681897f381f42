package io.livedesk.screens;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.microsoft.playwright.Page;
import io.livedesk.json.Json;
import io.livedesk.testing.Api;
import io.livedesk.testing.Browser;
import io.livedesk.testing.SelfSigned;
import io.livedesk.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The console served over HTTPS: its page, its scripts and its live socket (WSS) all through TLS. */
class HttpsConsoleTest {

  @Test
  @DisplayName("the console loads over HTTPS, goes live over WSS and shows a price changed elsewhere")
  void consoleOverHttps() throws Exception {
    Path dir = Files.createTempDirectory("livedesk-https-page");
    SelfSigned pair = SelfSigned.make(dir, "server", 7007);
    ObjectNode config = TestServer.config(c -> c.putObject("http").set("tls",
        Json.object().put("cert", pair.cert().toString()).put("key", pair.key().toString())));
    try (TestServer server = TestServer.start(config, System::currentTimeMillis); Browser browser = Browser.launch()) {
      Api api = new Api(server::baseUrl, SelfSigned.client(List.of(pair)));
      Api.Show show = api.liveSampleShow("HTTPS 中控");
      Page console = browser.newPageAcceptingAnyCertificate();

      console.navigate(server.baseUrl() + "/console/?show=" + show.id() + "#token=" + show.controlToken());
      console.waitForSelector("body[data-ready=true][data-connection=live]");
      assertThat(console.url()).startsWith("https://127.0.0.1:" + server.port() + "/console/");

      ObjectNode args = Json.object();
      args.put("itemId", "SHINE-MUSCAT-2");
      args.put("priceCents", 8500);
      assertThat(api.command(show.controlToken(), show.id(), "item.set_price", args).status()).isEqualTo(200);
      Screens.waitForText(console, "#sheet tr[data-item=SHINE-MUSCAT-2] .price", java.util.regex.Pattern.compile("85\\.00"));
      assertThat(browser.errors()).isEmpty();
    }
  }
}
