package io.livedesk.show;

import java.util.List;

/** The running order of a show: an opening script, the items in order, a closing script. */
public record RunSheet(String opening, String closing, List<ItemSpec> items) {

  public RunSheet {
    items = List.copyOf(items);
  }

  public long count(ItemRole role) {
    return items.stream().filter(item -> item.role() == role).count();
  }

  public long plannedSeconds() {
    return items.stream().mapToLong(ItemSpec::plannedSeconds).sum();
  }
}
