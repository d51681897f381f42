package io.livedesk.demo;

import static io.livedesk.testing.Api.args;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.livedesk.testing.Api;
import io.livedesk.testing.TestServer;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class DemoShowTest {

  @RegisterExtension
  final TestServer server = TestServer.forEachTest();
  final Api api = server.api();

  @Test
  @DisplayName("--demo brings a live rehearsal show whose simulated audience watches, clicks and orders within seconds, and it is reused after a restart")
  void demoShowLivesAndIsReused() throws Exception {
    DemoShow.Addresses first = server.openDemo();
    assertThat(first.lines()).hasSize(5);
    assertThat(first.console()).startsWith(server.baseUrl() + "/console/?show=" + first.showId() + "#token=");
    assertThat(first.viewer()).isEqualTo(server.baseUrl() + "/viewer/?show=" + first.showId());
    String control = URI.create(first.console()).getFragment().substring("token=".length());

    JsonNode snapshot = awaitFigures(server.api(), first.showId(), control);
    assertThat(snapshot.get("status").asText()).isEqualTo("live");
    assertThat(snapshot.get("rehearsal").asBoolean()).isTrue();
    assertThat(snapshot.get("items")).hasSize(34);
    assertThat(snapshot.path("figures").path("online").asInt()).isPositive();
    assertThat(snapshot.path("figures").path("clicks").asLong()).isPositive();

    server.restart();
    DemoShow.Addresses again = server.openDemo();
    assertThat(again.showId()).isEqualTo(first.showId());
  }

  @Test
  @DisplayName("rehearsing a show makes a live rehearsal copy with simulated viewers and leaves the show itself untouched")
  void rehearsalIsACopy() throws Exception {
    Api.Show show = api.createShow("周五专场");
    api.loadSampleSheet(show);
    long seqBefore = api.get("/api/shows/" + show.id(), Api.bearer(show.controlToken())).json().get("seq").asLong();

    Api.Response copy = api.post("/api/shows/" + show.id() + "/rehearse", Api.bearer(show.controlToken()),
        args("viewers", 50));

    assertThat(copy.status()).as(copy.text()).isEqualTo(200);
    String copyId = copy.json().get("id").asText();
    assertThat(copyId).isNotEqualTo(show.id());
    JsonNode rehearsal = awaitFigures(api, copyId, copy.json().get("controlToken").asText());
    assertThat(rehearsal.get("rehearsal").asBoolean()).isTrue();
    assertThat(rehearsal.get("status").asText()).isEqualTo("live");
    assertThat(rehearsal.get("title").asText()).contains("周五专场");
    JsonNode original = api.get("/api/shows/" + show.id(), Api.bearer(show.controlToken())).json();
    assertThat(original.get("seq").asLong()).isEqualTo(seqBefore);
    assertThat(original.get("status").asText()).isEqualTo("draft");

    Api.Response viewerTries = api.post("/api/shows/" + show.id() + "/rehearse", Api.viewer("v1"), args("viewers", 5));
    assertThat(viewerTries.status()).isEqualTo(403);
    Api.Response tooMany = api.post("/api/shows/" + show.id() + "/rehearse", Api.bearer(show.controlToken()),
        args("viewers", 1_000_000));
    assertThat(tooMany.errorCode()).isEqualTo("INVALID_ARGUMENT");
  }

  /** The snapshot once the simulated audience has been online and clicking for a while. */
  private static JsonNode awaitFigures(Api api, String showId, String token) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 20_000;
    JsonNode snapshot;
    do {
      Thread.sleep(500);
      snapshot = api.get("/api/shows/" + showId, Map.of("Authorization", "Bearer " + token)).json();
    } while (snapshot.path("figures").path("clicks").asLong() == 0 && System.currentTimeMillis() < deadline);
    return snapshot;
  }
}
