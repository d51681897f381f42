package io.livedesk.store;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.livedesk.json.Json;
import io.livedesk.show.Actor;
import io.livedesk.show.Event;
import io.livedesk.show.Recorded;
import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The stored form of a recorded event, one JSON object: {@code seq, ts, kind, actor, key?, result?, data}.
 * The journal, PostgreSQL and the Redis stream all keep exactly this.
 */
public final class EventCodec {

  private static final Map<String, Class<? extends Event>> KINDS = new HashMap<>();
  private static final Map<String, ObjectReader> READERS = new HashMap<>();
  private static final Actor[] KNOWN_ACTORS = {Actor.CONTROL, Actor.PROMPTER, Actor.SYSTEM, Actor.PAYMENT};
  private static final TypeReference<LinkedHashMap<String, Object>> RESULT_TYPE = new TypeReference<>() {};

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
    register("item.tier_settled", Event.TierSettled.class);
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
    register("order.payment_mismatch", Event.PaymentMismatch.class);
    register("flash.scheduled", Event.FlashScheduled.class);
    register("flash.started", Event.FlashStarted.class);
    register("flash.ended", Event.FlashEnded.class);
    register("coupon.created", Event.CouponCreated.class);
    register("coupon.issued", Event.CouponIssued.class);
    register("coupon.stopped", Event.CouponStopped.class);
    register("coupon.claimed", Event.CouponClaimed.class);
  }

  private EventCodec() {
  }

  private static void register(String kind, Class<? extends Event> type) {
    KINDS.put(kind, type);
    READERS.put(kind, Json.MAPPER.readerFor(type));
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

  /**
   * The stored bytes, written field by field: every appended event is encoded once on its way to the
   * journal, and going through a tree first would build it twice. Same bytes as {@link #toJson}.
   */
  public static byte[] toBytes(Recorded recorded) {
    ByteArrayBuilder out = new ByteArrayBuilder(256);
    try (JsonGenerator generator = Json.MAPPER.createGenerator(out)) {
      generator.writeStartObject();
      generator.writeNumberField("seq", recorded.seq());
      generator.writeNumberField("ts", recorded.ts());
      generator.writeStringField("kind", recorded.kind());
      generator.writeObjectFieldStart("actor");
      generator.writeStringField("role", recorded.actor().role().wire());
      generator.writeStringField("id", recorded.actor().id());
      generator.writeEndObject();
      if (recorded.key() != null) {
        generator.writeStringField("key", recorded.key());
        generator.writeFieldName("result");
        generator.writeObject(recorded.result());
      }
      generator.writeFieldName("data");
      generator.writeObject(recorded.event());
      generator.writeEndObject();
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode event " + recorded.seq(), e);
    }
    return out.toByteArray();
  }

  public static Recorded fromBytes(byte[] bytes, int offset, int length) throws IOException {
    try (JsonParser parser = parser(bytes, offset, length)) {
      return read(parser);
    }
  }

  /** A parser for stored events; {@link #read} takes them one after the other from it. */
  public static JsonParser parser(byte[] bytes, int offset, int length) throws IOException {
    return Json.MAPPER.getFactory().createParser(bytes, offset, length);
  }

  /**
   * Reads one stored event with the parser, field by field: replaying a long show parses millions of
   * these, and going through a tree first would build every event twice.
   */
  public static Recorded read(JsonParser parser) throws IOException {
    if (parser.nextToken() != JsonToken.START_OBJECT) {
      throw new IOException("a stored event must be a JSON object");
    }
    long seq = 0;
    long ts = 0;
    String kind = null;
    Actor actor = null;
    String key = null;
    Map<String, Object> result = null;
    Event event = null;
    JsonNode dataBeforeKind = null;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken value = parser.nextToken();
      switch (field) {
        case "seq" -> seq = parser.getValueAsLong();
        case "ts" -> ts = parser.getValueAsLong();
        case "kind" -> kind = parser.getValueAsString();
        case "actor" -> actor = readActor(parser);
        case "key" -> key = parser.getValueAsString();
        case "result" -> result = value == JsonToken.VALUE_NULL ? null : Json.MAPPER.readValue(parser, RESULT_TYPE);
        case "data" -> {
          if (kind == null) {
            dataBeforeKind = Json.MAPPER.readTree(parser);
          } else {
            event = decodeData(kind, seq, parser);
          }
        }
        default -> parser.skipChildren();
      }
    }
    if (event == null && dataBeforeKind != null && kind != null) {
      try (JsonParser data = dataBeforeKind.traverse(Json.MAPPER)) {
        data.nextToken();
        event = decodeData(kind, seq, data);
      }
    }
    if (kind == null || event == null || actor == null) {
      throw new IOException("event " + seq + " lacks its kind, actor or data");
    }
    return new Recorded(seq, ts, actor, key, key == null ? null : result, event);
  }

  private static Event decodeData(String kind, long seq, JsonParser parser) throws IOException {
    ObjectReader reader = READERS.get(kind);
    if (reader == null) {
      throw new IOException("unknown event kind '" + kind + "'");
    }
    try {
      return reader.readValue(parser);
    } catch (JsonProcessingException e) {
      throw new IOException("event " + seq + " (" + kind + ") is malformed: " + e.getOriginalMessage(), e);
    }
  }

  private static Actor readActor(JsonParser parser) throws IOException {
    if (parser.currentToken() != JsonToken.START_OBJECT) {
      throw new IOException("actor must be an object");
    }
    Actor.Role role = null;
    String id = null;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      parser.nextToken();
      if ("role".equals(field)) {
        role = Actor.Role.fromWire(parser.getValueAsString());
      } else if ("id".equals(field)) {
        id = parser.getValueAsString();
      } else {
        parser.skipChildren();
      }
    }
    // staff, the payment webhook and the system act under one identity each: no need for a new one per event
    for (Actor known : KNOWN_ACTORS) {
      if (known.role() == role && known.id().equals(id)) {
        return known;
      }
    }
    return new Actor(role, id);
  }

  public static Recorded fromJson(JsonNode node) throws IOException {
    try (JsonParser parser = node.traverse(Json.MAPPER)) {
      return read(parser);
    }
  }

}
