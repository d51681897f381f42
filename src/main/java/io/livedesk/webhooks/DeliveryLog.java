package io.livedesk.webhooks;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A webhook's latest deliveries, one entry per batch (its attempts counted), newest last; at most
 * {@link #KEPT}. Used on the webhook's context only.
 */
final class DeliveryLog {

  static final int KEPT = 100;

  /**
   * One batch: {@code status} is {@code delivered}, {@code retrying} (the last attempt failed, another is
   * due) or {@code stopped} (the webhook or the show's delivery here ended first).
   */
  record Entry(String showId, long fromSeq, long toSeq, String status, int attempts, String lastError, long at,
      Long latencyMs) {}

  private final Map<String, Entry> entries = new LinkedHashMap<>();

  void record(Entry entry) {
    String key = entry.showId() + ":" + entry.fromSeq();
    entries.remove(key);
    entries.put(key, entry);
    Iterator<String> oldest = entries.keySet().iterator();
    while (entries.size() > KEPT) {
      oldest.next();
      oldest.remove();
    }
  }

  List<Entry> latestFirst() {
    List<Entry> out = new ArrayList<>(entries.values());
    java.util.Collections.reverse(out);
    return out;
  }
}
