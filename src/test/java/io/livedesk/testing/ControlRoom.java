package io.livedesk.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** A show as its technician reads it over REST: the snapshot and the audit history, across restarts too. */
public record ControlRoom(TestServer server, Api.Show show) {

  public JsonNode snapshot() {
    Api.Response snapshot = server.api().get("/api/shows/" + show.id(), Api.bearer(show.controlToken()));
    if (snapshot.status() != 200) {
      throw new IllegalStateException("snapshot failed: " + snapshot.text());
    }
    return snapshot.json();
  }

  public JsonNode item(String itemId) {
    JsonNode snapshot = snapshot();
    for (JsonNode item : snapshot.get("items")) {
      if (item.get("id").asText().equals(itemId)) {
        return item;
      }
    }
    throw new AssertionError("no item " + itemId + " in " + snapshot);
  }

  public List<JsonNode> history() {
    Api.Response events = server.api().get("/api/shows/" + show.id() + "/events?after=0&limit=10000",
        Api.bearer(show.controlToken()));
    if (events.status() != 200) {
      throw new IllegalStateException("history failed: " + events.text());
    }
    List<JsonNode> out = new ArrayList<>();
    events.json().get("events").forEach(out::add);
    return out;
  }

  public List<String> kinds() {
    return history().stream().map(event -> event.get("kind").asText()).toList();
  }

  /** The first event of this kind in the history, waiting up to ten seconds for it to be recorded. */
  public JsonNode awaitEvent(String kind) throws InterruptedException {
    return awaitEvent(kind, event -> true);
  }

  /** The first event of this kind that matches, waiting up to ten seconds for it to be recorded. */
  public JsonNode awaitEvent(String kind, Predicate<JsonNode> matching) throws InterruptedException {
    for (int i = 0; i < 100; i++) {
      for (JsonNode event : history()) {
        if (event.get("kind").asText().equals(kind) && matching.test(event)) {
          return event;
        }
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no matching " + kind + " within 10 s: " + kinds());
  }
}
