package io.livedesk.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.livedesk.json.Json;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * One show's viewer ids replaced by stable pseudonyms, {@code anon-1}, {@code anon-2}… in the order the
 * viewers first appear (docs/design.md §Data retention): the same viewer always gets the same pseudonym,
 * so unique-viewer counts, per-viewer limits and every figure stay as they were. It rewrites stored event
 * lines as JSON, field by field: the actor's id when the actor is a viewer, and the event's fields that
 * hold a viewer's id ({@link #VIEWER_FIELDS}, a list of ids in {@link #VIEWER_LISTS}).
 */
public final class ViewerPseudonyms {

  /** Fields of an event's data that hold one viewer's id. */
  public static final Set<String> VIEWER_FIELDS = Set.of("viewerId", "author");
  /** Fields of an event's data (or of a lottery's proof) that hold a list of viewers' ids. */
  public static final Set<String> VIEWER_LISTS = Set.of("winners", "entrants");

  private final Map<String, String> pseudonyms = new HashMap<>();

  /** The pseudonym of {@code viewerId}, given on first sight. */
  public String of(String viewerId) {
    return pseudonyms.computeIfAbsent(viewerId, id -> "anon-" + (pseudonyms.size() + 1));
  }

  /** How many viewers have a pseudonym. */
  public int size() {
    return pseudonyms.size();
  }

  /** A stored event line (without its line feed) with every viewer id replaced. */
  public byte[] line(byte[] line) throws IOException {
    JsonNode node = Json.parse(line);
    if (!(node instanceof ObjectNode event)) {
      throw new IOException("a stored event line is not a JSON object");
    }
    if (event.get("actor") instanceof ObjectNode actor && "viewer".equals(actor.path("role").asText())
        && actor.get("id") != null && actor.get("id").isTextual()) {
      actor.put("id", of(actor.get("id").asText()));
    }
    if (event.get("data") instanceof ObjectNode data) {
      replaceIn(data);
    }
    return Json.bytes(event);
  }

  /** The viewer fields and lists of {@code node}, replaced in place. */
  public void replaceIn(ObjectNode node) {
    for (String field : VIEWER_FIELDS) {
      if (node.get(field) instanceof TextNode id) {
        node.put(field, of(id.asText()));
      }
    }
    for (String field : VIEWER_LISTS) {
      if (node.get(field) instanceof ArrayNode ids) {
        for (int i = 0; i < ids.size(); i++) {
          if (ids.get(i).isTextual()) {
            ids.set(i, TextNode.valueOf(of(ids.get(i).asText())));
          }
        }
      }
    }
  }
}
