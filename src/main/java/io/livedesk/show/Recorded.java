package io.livedesk.show;

import java.util.Map;

/**
 * An event as history keeps it: its place in the show ({@code seq}, gapless from 1), when it was
 * accepted, who caused it, and, on the last event of a command sent with an idempotency key, that key
 * and the command's result so a repeat can be answered after a restart.
 */
public record Recorded(long seq, long ts, Actor actor, String key, Map<String, Object> result, Event event) {

  public String kind() {
    return event.kind();
  }
}
