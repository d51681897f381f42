package io.livedesk.show;

import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The viewers who reserved a draft show (预约), in the order they reserved, with when. */
public final class Reservations implements Serializable {

  private final Map<String, Long> reservedAt = new LinkedHashMap<>();

  void add(String viewerId, long ts) {
    reservedAt.putIfAbsent(viewerId, ts);
  }

  void copyFrom(Reservations other) {
    reservedAt.putAll(other.reservedAt);
  }

  public boolean has(String viewerId) {
    return reservedAt.containsKey(viewerId);
  }

  public int count() {
    return reservedAt.size();
  }

  /** Viewer id → epoch milliseconds of the reservation, oldest first. */
  public Map<String, Long> byViewer() {
    return Collections.unmodifiableMap(reservedAt);
  }
}
