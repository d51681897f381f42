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
 * node is counted, and on a member's arrival or departure the staff sockets of the show are sent
 * {@code {"type":"staff","members":[{login,name,role}…]}}, one entry per member however many pages they have
 * open; sockets of show tokens only are not announced, so a show without members sends no such frame.
 */
final class StaffPresence {

  private final Map<String, Map<SocketSession, Actor>> byShow = new HashMap<>();

  /** A member's arrival is told to every staff socket of the show; a show token's socket is told who is there. */
  synchronized void join(String showId, SocketSession session, Actor actor) {
    Map<SocketSession, Actor> sessions = byShow.computeIfAbsent(showId, id -> new LinkedHashMap<>());
    sessions.put(session, actor);
    if (actor.name() != null) {
      String frame = frame(sessions);
      sessions.keySet().forEach(each -> each.sendFromElsewhere(frame));
    } else if (sessions.values().stream().anyMatch(each -> each.name() != null)) {
      session.sendFromElsewhere(frame(sessions));
    }
  }

  synchronized void leave(String showId, SocketSession session) {
    Map<SocketSession, Actor> sessions = byShow.get(showId);
    Actor left = sessions == null ? null : sessions.remove(session);
    if (left == null) {
      return;
    }
    if (sessions.isEmpty()) {
      byShow.remove(showId);
    } else if (left.name() != null) {
      String frame = frame(sessions);
      sessions.keySet().forEach(each -> each.sendFromElsewhere(frame));
    }
  }

  private static String frame(Map<SocketSession, Actor> sessions) {
    Map<String, Actor> members = new LinkedHashMap<>();
    sessions.values().stream().filter(actor -> actor.name() != null)
        .forEach(actor -> members.putIfAbsent(actor.id(), actor));
    ObjectNode frame = Json.object();
    frame.put("type", "staff");
    ArrayNode list = frame.putArray("members");
    members.values().forEach(actor -> list.addObject().put("login", actor.id()).put("name", actor.name())
        .put("role", actor.role().wire()));
    return Json.text(frame);
  }
}
