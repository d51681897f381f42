package io.livedesk.cluster;

import static io.livedesk.testing.Api.args;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.livedesk.testing.Api;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Announcements published while nodes fail, and what the show's history must hold of them afterwards. */
final class Announcements {

  private Announcements() {
  }

  /** Publishes an announcement; remembers it by seq when acknowledged, else checks it was refused as UNAVAILABLE. */
  static boolean publish(Api node, Api.Show show, String text, Map<Long, String> acknowledged) {
    Api.Response response = node.command(show.controlToken(), show.id(), "announce.publish", args("text", text));
    if (response.status() == 200) {
      acknowledged.put(response.json().get("seq").asLong(), text);
      return true;
    }
    assertThat(response.errorCode()).as(response.text()).isEqualTo("UNAVAILABLE");
    return false;
  }

  /** Every seq from 1 without a gap, and every announcement a node acknowledged recorded under its seq. */
  static void assertGaplessWithEveryAcknowledged(List<JsonNode> history, Map<Long, String> acknowledged) {
    for (int i = 0; i < history.size(); i++) {
      assertThat(history.get(i).get("seq").asLong()).isEqualTo(i + 1);
    }
    Map<Long, String> published = new LinkedHashMap<>();
    history.stream().filter(e -> e.path("kind").asText().equals("announce.published"))
        .forEach(e -> published.put(e.get("seq").asLong(), e.path("data").path("text").asText()));
    assertThat(published).containsAllEntriesOf(acknowledged);
  }
}
