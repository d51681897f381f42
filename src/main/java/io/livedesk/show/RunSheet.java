package io.livedesk.show;

import java.io.Serializable;
import java.util.List;

/** The running order of a show: an opening script, the items in order, a closing script. */
public record RunSheet(String opening, String closing, List<ItemSpec> items, List<Faq> faq) implements Serializable {

  /** {@code faq}: the show's own ready answers, null when it has none. */
  public RunSheet {
    items = List.copyOf(items);
    faq = faq == null || faq.isEmpty() ? null : List.copyOf(faq);
  }

  public RunSheet(String opening, String closing, List<ItemSpec> items) {
    this(opening, closing, items, null);
  }

  public long count(ItemRole role) {
    return items.stream().filter(item -> item.role() == role).count();
  }

  public long plannedSeconds() {
    return items.stream().mapToLong(ItemSpec::plannedSeconds).sum();
  }
}
