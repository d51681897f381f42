package io.livedesk.engine.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.livedesk.engine.Reply;
import io.livedesk.json.Json;
import io.livedesk.show.Actor;
import io.livedesk.show.Command;
import io.livedesk.show.ErrorCode;
import io.livedesk.show.Request;
import io.livedesk.show.ShowError;
import io.livedesk.store.EventCodec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Requests and their answers as one node hands them to another: JSON, with a command named by its record
 * type so every command the domain knows travels without a list to keep up to date.
 */
final class RequestCodec {

  private static final Map<String, Class<?>> COMMANDS = new HashMap<>();

  static {
    for (Class<?> type : Command.class.getPermittedSubclasses()) {
      COMMANDS.put(type.getSimpleName(), type);
    }
  }

  private RequestCodec() {
  }

  static ObjectNode request(Request request) {
    ObjectNode node = Json.object();
    node.set("actor", EventCodec.actor(request.actor()));
    if (request.key() != null) {
      node.put("key", request.key());
    }
    node.put("type", request.command().getClass().getSimpleName());
    node.set("command", Json.tree(request.command()));
    return node;
  }

  static Request request(JsonNode node) throws IOException {
    Class<?> type = COMMANDS.get(node.path("type").asText());
    if (type == null) {
      throw new IOException("unknown command type '" + node.path("type").asText() + "'");
    }
    JsonNode actor = node.path("actor");
    Actor.Role role = Actor.Role.fromWire(actor.path("role").asText());
    if (role == null) {
      throw new IOException("unknown role '" + actor.path("role").asText() + "'");
    }
    Command command = (Command) Json.MAPPER.treeToValue(node.path("command"), type);
    String key = node.hasNonNull("key") ? node.get("key").asText() : null;
    return new Request(new Actor(role, actor.path("id").asText()), command, key);
  }

  static ObjectNode reply(Reply reply) {
    ObjectNode node = Json.object();
    node.put("seq", reply.seq());
    node.set("result", Json.tree(reply.result()));
    return node;
  }

  static Reply reply(JsonNode node) {
    Map<String, Object> result = new LinkedHashMap<>();
    node.path("result").fields().forEachRemaining(field ->
        result.put(field.getKey(), Json.MAPPER.convertValue(field.getValue(), Object.class)));
    return new Reply(node.path("seq").asLong(), result);
  }

  static ObjectNode error(ShowError error) {
    ObjectNode node = Json.object();
    node.put("code", error.code().name());
    node.put("message", error.getMessage());
    node.set("details", Json.tree(error.details()));
    return node;
  }

  static ShowError error(JsonNode node) {
    ErrorCode code;
    try {
      code = ErrorCode.valueOf(node.path("code").asText());
    } catch (IllegalArgumentException e) {
      code = ErrorCode.UNAVAILABLE;
    }
    List<ShowError.Detail> details = new ArrayList<>();
    if (node.get("details") instanceof ArrayNode array) {
      array.forEach(detail -> details.add(Json.MAPPER.convertValue(detail, ShowError.Detail.class)));
    }
    return new ShowError(code, node.path("message").asText(), details);
  }
}
