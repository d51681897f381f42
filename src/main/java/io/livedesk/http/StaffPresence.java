package io.livedesk.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.livedesk.json.Json;
import io.livedesk.show.Actor;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which members are on each show now, for the staff (docs/protocol.md §People): each staff socket of this
 * node is counted, and on every arrival or departure the staff sockets of the show are sent
 * {@code {"type":"staff","members":[{login,name,role}…]}}, one entry per member however many pages they have open.
 */
final class StaffPresence {

  private final Map<String, Map<SocketSession, Actor>> byShow = new HashMap<>();

  synchronized void join(String showId, SocketSession session, Actor actor) {
    byShow.computeIfAbsent(showId, id -> new LinkedHashMap<>()).put(session, actor);
    announce(showId);
  }

  synchronized void leave(String showId, SocketSession session) {
    Map<SocketSession, Actor> sessions = byShow.get(showId);
    if (sessions == null || sessions.remove(session) == null) {
      return;
    }
    if (sessions.isEmpty()) {
      byShow.remove(showId);
    } else {
      announce(showId);
    }
  }

  private void announce(String showId) {
    Map<SocketSession, Actor> sessions = byShow.get(showId);
    Map<String, Actor> members = new LinkedHashMap<>();
    sessions.values().stream().filter(actor -> actor.name() != null)
        .forEach(actor -> members.putIfAbsent(actor.id(), actor));
    ObjectNode frame = Json.object();
    frame.put("type", "staff");
    ArrayNode list = frame.putArray("members");
    members.values().forEach(actor -> list.addObject().put("login", actor.id()).put("name", actor.name())
        .put("role", actor.role().wire()));
    String text = Json.text(frame);
    sessions.keySet().forEach(session -> session.sendFromElsewhere(text));
  }
}
