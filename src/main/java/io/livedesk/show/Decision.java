package io.livedesk.show;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What {@link ShowDecider#decide} answers: events to append, a repeat of an earlier answer, or a rejection. */
public sealed interface Decision {

  /** The command is accepted; an empty list means it changes nothing (already so). */
  record Accepted(List<Event> events, Map<String, Object> result) implements Decision {
    public Accepted {
      events = List.copyOf(events);
      result = Collections.unmodifiableMap(new LinkedHashMap<>(result));
    }
  }

  /** The same actor sent the same idempotency key before: this is that command's answer. */
  record Repeated(long seq, Map<String, Object> result) implements Decision, java.io.Serializable {}

  record Rejected(ShowError error) implements Decision {}
}
