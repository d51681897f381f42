package io.livedesk.webhooks;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.livedesk.json.Json;
import io.livedesk.show.Event;
import io.livedesk.show.Recorded;
import io.livedesk.show.Vocabulary;
import io.livedesk.store.EventCodec;
import java.util.List;
import java.util.Set;

/** What a webhook gets of a show's events, and the body that carries them (docs/protocol.md §Webhooks). */
public final class WebhookBatch {

  /** The most events in one delivery. */
  public static final int MAX_EVENTS = 100;

  /** Notes are between the control room and the host: no webhook ever gets them. */
  public static final Set<String> PRIVATE_KINDS = Set.of(Vocabulary.EVENTS.nameOf(Event.NoteSent.class),
      Vocabulary.EVENTS.nameOf(Event.Acked.class));

  private WebhookBatch() {
  }

  /** Every kind a webhook may ask for. */
  public static List<String> deliverableKinds() {
    return Vocabulary.EVENTS.names().stream().filter(kind -> !PRIVATE_KINDS.contains(kind)).toList();
  }

  static boolean wanted(List<String> kinds, String kind) {
    return !PRIVATE_KINDS.contains(kind) && (kinds.contains("*") || kinds.contains(kind));
  }

  /** {@code {"events":[{"id","showId","seq","kind","ts","actor","data"}…]}}, in seq order. */
  static byte[] body(String showId, List<Recorded> events) {
    ObjectNode body = Json.object();
    ArrayNode out = body.putArray("events");
    for (Recorded recorded : events) {
      ObjectNode event = out.addObject();
      event.put("id", showId + ":" + recorded.seq());
      event.put("showId", showId);
      event.put("seq", recorded.seq());
      event.put("kind", recorded.kind());
      event.put("ts", recorded.ts());
      event.set("actor", EventCodec.actor(recorded.actor()));
      ObjectNode data = (ObjectNode) Json.tree(recorded.event());
      if (recorded.event() instanceof Event.LotteryOpened) {
        // the seed proves the draw once it is made; until then it stays with the server
        data.remove("seed");
      }
      event.set("data", data);
    }
    return Json.bytes(body);
  }
}
