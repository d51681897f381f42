package io.livedesk.store;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.livedesk.json.Json;
import io.livedesk.show.Actor;
import io.livedesk.show.Event;
import io.livedesk.show.Recorded;
import io.livedesk.show.Vocabulary;
import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The stored form of a recorded event, one JSON object: {@code seq, v, ts, kind, actor, key?, result?, data},
 * {@code v} the schema version it was written in (docs/design.md §Stored events are a contract). The
 * journal, PostgreSQL and the Redis stream all keep exactly this.
 */
public final class EventCodec {

  private static final Map<String, Class<? extends Event>> KINDS = new HashMap<>();
  private static final Map<String, ObjectReader> READERS = new HashMap<>();
  private static final Actor[] KNOWN_ACTORS = {Actor.CONTROL, Actor.PROMPTER, Actor.SYSTEM, Actor.PAYMENT, Actor.SHOP};
  private static final TypeReference<LinkedHashMap<String, Object>> RESULT_TYPE = new TypeReference<>() {};

  static {
    Vocabulary.EVENTS.types().forEach(EventCodec::register);
  }

  private EventCodec() {
  }

  private static void register(String kind, Class<? extends Event> type) {
    KINDS.put(kind, type);
    READERS.put(kind, StoredFields.MAPPER.readerFor(type));
  }

  /** Every kind this codec knows, for tests that check none is missing. */
  public static Map<String, Class<? extends Event>> kinds() {
    return Map.copyOf(KINDS);
  }

  public static ObjectNode toJson(Recorded recorded) {
    ObjectNode node = Json.object();
    node.put("seq", recorded.seq());
    node.put("v", EventUpcaster.CURRENT);
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
    if (actor.name() != null) {
      node.put("name", actor.name());
    }
    return node;
  }

  /** {@link #actor} written straight to a generator: the same fields in the same order. */
  public static void writeActor(JsonGenerator generator, Actor actor) throws IOException {
    generator.writeStartObject();
    generator.writeStringField("role", actor.role().wire());
    generator.writeStringField("id", actor.id());
    if (actor.name() != null) {
      generator.writeStringField("name", actor.name());
    }
    generator.writeEndObject();
  }

  /**
   * The stored bytes, written field by field: every appended event is encoded once on its way to the
   * journal, and going through a tree first would build it twice. Same bytes as {@link #toJson}.
   */
  public static byte[] toBytes(Recorded recorded) {
    try {
      return Json.written(generator -> {
        generator.writeStartObject();
        generator.writeNumberField("seq", recorded.seq());
        generator.writeNumberField("v", EventUpcaster.CURRENT);
        generator.writeNumberField("ts", recorded.ts());
        generator.writeStringField("kind", recorded.kind());
        generator.writeFieldName("actor");
        writeActor(generator, recorded.actor());
        if (recorded.key() != null) {
          generator.writeStringField("key", recorded.key());
          generator.writeFieldName("result");
          generator.writeObject(recorded.result());
        }
        generator.writeFieldName("data");
        generator.writeObject(recorded.event());
        generator.writeEndObject();
      });
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode event " + recorded.seq(), e);
    }
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
   * these, and going through a tree first would build every event twice. A field it does not know, a
   * required one missing, or a version it does not know is refused, never read as null or 0.
   */
  public static Recorded read(JsonParser parser) throws IOException {
    return read(parser, EventUpcaster.STORED);
  }

  static Recorded read(JsonParser parser, EventUpcaster upcaster) throws IOException {
    if (parser.nextToken() != JsonToken.START_OBJECT) {
      throw new IOException("a stored event must be a JSON object");
    }
    Long seq = null;
    Long ts = null;
    Integer version = null;
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
        case "seq" -> seq = whole(parser, seq, field);
        case "ts" -> ts = whole(parser, seq, field);
        case "v" -> {
          // the version says how to read the data, so it comes first; the writer puts it there
          if (event != null || dataBeforeKind != null) {
            throw new IOException("event " + seq + " states its version after its data");
          }
          version = version(parser, seq, upcaster);
        }
        case "kind" -> kind = parser.getValueAsString();
        case "actor" -> actor = readActor(parser, seq);
        case "key" -> key = parser.getValueAsString();
        case "result" -> result = value == JsonToken.VALUE_NULL ? null : Json.MAPPER.readValue(parser, RESULT_TYPE);
        case "data" -> {
          if (kind == null) {
            dataBeforeKind = Json.MAPPER.readTree(parser);
          } else {
            event = decodeData(kind, seq, version == null ? EventUpcaster.UNMARKED : version, parser, upcaster);
          }
        }
        default -> throw new IOException("event " + seq + " has an unknown field '" + field + "'");
      }
    }
    if (event == null && dataBeforeKind != null && kind != null) {
      try (JsonParser data = dataBeforeKind.traverse(Json.MAPPER)) {
        data.nextToken();
        event = decodeData(kind, seq, version == null ? EventUpcaster.UNMARKED : version, data, upcaster);
      }
    }
    if (seq == null || ts == null || kind == null || actor == null || event == null) {
      throw new IOException("event " + seq + " lacks its " + (seq == null ? "seq" : ts == null ? "ts"
          : kind == null ? "kind" : actor == null ? "actor" : "data"));
    }
    return new Recorded(seq, ts, actor, key, key == null ? null : result, event);
  }

  private static long whole(JsonParser parser, Long seq, String field) throws IOException {
    if (parser.currentToken() != JsonToken.VALUE_NUMBER_INT) {
      throw new IOException("event " + seq + ": '" + field + "' must be a whole number");
    }
    return parser.getLongValue();
  }

  /** The schema version of a stored event; one this server does not know is refused, never guessed. */
  private static int version(JsonParser parser, Long seq, EventUpcaster upcaster) throws IOException {
    long version = whole(parser, seq, "v");
    if (version != (int) version || !upcaster.knows((int) version)) {
      throw new IOException("event " + seq + " is stored in version " + version + ", which this server does not"
          + " know (it reads 1 to " + upcaster.current() + ")");
    }
    return (int) version;
  }

  private static Event decodeData(String kind, Long seq, int version, JsonParser parser, EventUpcaster upcaster)
      throws IOException {
    ObjectReader reader = READERS.get(kind);
    if (reader == null) {
      throw new IOException("unknown event kind '" + kind + "'");
    }
    try {
      if (version == upcaster.current()) {
        return reader.readValue(parser);
      }
      JsonNode data = Json.MAPPER.readTree(parser);
      if (!(data instanceof ObjectNode object)) {
        throw new IOException("event " + seq + " (" + kind + "): data must be an object");
      }
      return reader.readValue(upcaster.toCurrent(version, kind, object));
    } catch (JsonProcessingException e) {
      throw new IOException("event " + seq + " (" + kind + ") is malformed: " + e.getOriginalMessage(), e);
    }
  }

  private static Actor readActor(JsonParser parser, Long seq) throws IOException {
    if (parser.currentToken() != JsonToken.START_OBJECT) {
      throw new IOException("event " + seq + ": actor must be an object");
    }
    String wireRole = null;
    String id = null;
    String name = null;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      parser.nextToken();
      if ("role".equals(field)) {
        wireRole = parser.getValueAsString();
      } else if ("id".equals(field)) {
        id = parser.getValueAsString();
      } else if ("name".equals(field) && StoredFields.optional(Actor.class, field)) {
        // only members signed in with a password have one, and journals written before people lack it
        name = parser.getValueAsString();
      } else {
        throw new IOException("event " + seq + ": actor has an unknown field '" + field + "'");
      }
    }
    Actor.Role role = Actor.Role.fromWire(wireRole);
    if (role == null || id == null) {
      throw new IOException("event " + seq + ": actor needs a known role and an id, not " + wireRole + " and " + id);
    }
    if (name != null) {
      return new Actor(role, id, name);
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
