package io.livedesk.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.livedesk.json.Json;
import io.livedesk.show.Actor;
import io.livedesk.show.Event;
import io.livedesk.show.Recorded;
import java.io.IOException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The stored form of a recorded event, one JSON object: {@code seq, ts, kind, actor, key?, result?, data}.
 * The journal, PostgreSQL and the Redis stream all keep exactly this.
 */
public final class EventCodec {

  private static final Map<String, Class<? extends Event>> KINDS = new HashMap<>();

  static {
    register("runsheet.loaded", Event.RunSheetLoaded.class);
    register("show.started", Event.ShowStarted.class);
    register("show.ended", Event.ShowEnded.class);
    register("cue.changed", Event.CueChanged.class);
    register("runsheet.swapped", Event.ItemsSwapped.class);
    register("item.listed", Event.ItemListed.class);
    register("item.delisted", Event.ItemDelisted.class);
    register("item.price_changed", Event.PriceChanged.class);
    register("item.stock_changed", Event.StockChanged.class);
    register("item.sold_out", Event.SoldOut.class);
    register("item.tier_reached", Event.TierReached.class);
    register("announce.published", Event.AnnouncementPublished.class);
    register("announce.retracted", Event.AnnouncementRetracted.class);
    register("cue.note", Event.NoteSent.class);
    register("cue.acked", Event.Acked.class);
    register("lottery.opened", Event.LotteryOpened.class);
    register("lottery.entered", Event.LotteryEntered.class);
    register("lottery.closed", Event.LotteryClosed.class);
    register("lottery.drawn", Event.LotteryDrawn.class);
    register("viewer.joined", Event.ViewerJoined.class);
    register("viewer.left", Event.ViewerLeft.class);
    register("viewer.clicked", Event.ViewerClicked.class);
    register("viewer.subscribed", Event.ViewerSubscribed.class);
    register("order.placed", Event.OrderPlaced.class);
    register("order.paid", Event.OrderPaid.class);
    register("order.cancelled", Event.OrderCancelled.class);
    register("order.expired", Event.OrderExpired.class);
    register("order.payment_failed", Event.PaymentFailed.class);
    register("order.payment_conflict", Event.PaymentConflict.class);
  }

  private EventCodec() {
  }

  private static void register(String kind, Class<? extends Event> type) {
    KINDS.put(kind, type);
  }

  /** Every kind this codec knows, for tests that check none is missing. */
  public static Map<String, Class<? extends Event>> kinds() {
    return Map.copyOf(KINDS);
  }

  public static ObjectNode toJson(Recorded recorded) {
    ObjectNode node = Json.object();
    node.put("seq", recorded.seq());
    node.put("ts", recorded.ts());
    node.put("kind", recorded.kind());
    node.set("actor", actor(recorded.actor()));
    if (recorded.key() != null) {
      node.put("key", recorded.key());
      node.set("result", Json.tree(recorded.result()));
    }
    node.set("data", Json.tree(recorded.event()));
    return node;
  }

  public static ObjectNode actor(Actor actor) {
    ObjectNode node = Json.object();
    node.put("role", actor.role().wire());
    node.put("id", actor.id());
    return node;
  }

  public static byte[] toBytes(Recorded recorded) {
    return Json.bytes(toJson(recorded));
  }

  public static Recorded fromBytes(byte[] bytes, int offset, int length) throws IOException {
    return fromJson(Json.MAPPER.readTree(bytes, offset, length));
  }

  public static Recorded fromJson(JsonNode node) throws IOException {
    String kind = node.path("kind").asText();
    Class<? extends Event> type = KINDS.get(kind);
    if (type == null) {
      throw new IOException("unknown event kind '" + kind + "'");
    }
    JsonNode actorNode = node.path("actor");
    Actor actor = new Actor(Actor.Role.fromWire(actorNode.path("role").asText()), actorNode.path("id").asText());
    String key = node.hasNonNull("key") ? node.get("key").asText() : null;
    Map<String, Object> result = null;
    if (key != null) {
      result = new LinkedHashMap<>();
      Iterator<Map.Entry<String, JsonNode>> fields = node.path("result").fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        result.put(field.getKey(), Json.MAPPER.treeToValue(field.getValue(), Object.class));
      }
    }
    try {
      Event event = Json.MAPPER.treeToValue(node.path("data"), type);
      return new Recorded(node.path("seq").asLong(), node.path("ts").asLong(), actor, key, result, event);
    } catch (JsonProcessingException e) {
      throw new IOException("event " + node.path("seq").asLong() + " (" + kind + ") is malformed: "
          + e.getOriginalMessage(), e);
    }
  }
}
