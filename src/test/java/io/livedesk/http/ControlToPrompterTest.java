package io.livedesk.http;

import static io.livedesk.testing.Api.args;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.livedesk.testing.Api;
import io.livedesk.testing.TestServer;
import io.livedesk.testing.WsClient;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ControlToPrompterTest {

  @RegisterExtension
  static final TestServer server = TestServer.forClass();
  static final Api api = server.api();

  @Test
  @DisplayName("a technician's price change over WebSocket reaches an open prompter with the next seq")
  void priceChangeReachesPrompter() throws Exception {
    Api.Show show = api.liveSampleShow("control to prompter");
    try (WsClient prompter = server.prompter(show);
         WsClient control = server.control(show)) {
      JsonNode welcome = prompter.awaitType("welcome");
      long seq = welcome.get("seq").asLong();
      assertThat(welcome.path("snapshot").path("status").asText()).isEqualTo("live");
      control.awaitType("welcome");

      JsonNode reply = control.command("item.set_price", args("itemId", "SHINE-MUSCAT-2", "priceCents", 7900));

      assertThat(reply.get("ok").asBoolean()).as(reply.toString()).isTrue();
      assertThat(reply.get("seq").asLong()).isEqualTo(seq + 1);
      JsonNode event = prompter.awaitEvent("item.price_changed");
      assertThat(event.get("seq").asLong()).isEqualTo(seq + 1);
      assertThat(event.path("data").path("toCents").asLong()).isEqualTo(7900);
      assertThat(event.path("data").path("fromCents").asLong()).isEqualTo(8800);
    }
  }
}
