package io.livedesk.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Where a stored event written in an older schema version becomes one of the current version: each step
 * takes the data of one kind from version n to n + 1, and reading version n applies the steps from n on.
 * A version above the current one, or below 1, is unknown and refused (docs/design.md §Stored events are
 * a contract).
 */
public final class EventUpcaster {

  /** The version this server writes on every stored event. */
  public static final int CURRENT = 1;

  /** The version of a stored event without one: journals written before versions were stored. */
  public static final int UNMARKED = 1;

  /** The steps of this server: none yet, version 1 is the only one there has been. */
  static final EventUpcaster STORED = new EventUpcaster(CURRENT, List.of());

  /** One step: the data of an event of {@code kind} in version n, as version n + 1 stores it. */
  public interface Step {
    ObjectNode apply(String kind, ObjectNode data);
  }

  private final int current;
  private final List<Step> steps;

  /** {@code steps.get(i)} takes version i + 1 to i + 2, so there is one fewer than {@code current}. */
  public EventUpcaster(int current, List<Step> steps) {
    if (steps.size() != current - 1) {
      throw new IllegalArgumentException(current + " versions need " + (current - 1) + " steps, not " + steps.size());
    }
    this.current = current;
    this.steps = List.copyOf(steps);
  }

  public int current() {
    return current;
  }

  public boolean knows(int version) {
    return version >= 1 && version <= current;
  }

  /** The data of an event stored in {@code version}, as the current version stores it. */
  public ObjectNode toCurrent(int version, String kind, ObjectNode data) {
    if (!knows(version)) {
      throw new IllegalArgumentException("unknown version " + version);
    }
    ObjectNode upcast = data;
    for (int v = version; v < current; v++) {
      upcast = steps.get(v - 1).apply(kind, upcast);
    }
    return upcast;
  }
}
