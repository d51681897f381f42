package io.livedesk.runsheet;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One item as a reader found it, before any rule is applied: scalar fields as text, lists already split.
 *
 * @param line where the item is: the CSV line its record starts on, or its 1-based position in JSON items
 * @param values raw text by field name as docs/protocol.md spells it; a missing field has no entry
 * @param unreadable fields the reader could not read and has already reported
 * @param sellingPoints trimmed, blanks dropped
 * @param tiers raw steps in sheet order
 */
record ItemFields(
    int line,
    Map<String, String> values,
    Set<String> unreadable,
    List<String> sellingPoints,
    List<TierFields> tiers) {

  /** A group-deal step as written, checked later with the item's other prices. */
  record TierFields(String minUnits, String priceCents) {}

  ItemFields {
    values = Map.copyOf(values);
    unreadable = Set.copyOf(unreadable);
    sellingPoints = List.copyOf(sellingPoints);
    tiers = List.copyOf(tiers);
  }

  /** The raw text of a field, or null when it is missing or blank. */
  String text(String field) {
    String value = values.get(field);
    return value == null || value.isBlank() ? null : value;
  }
}
