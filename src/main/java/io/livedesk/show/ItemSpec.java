package io.livedesk.show;

import java.util.List;

/** An item as the run-sheet describes it, before the show changes anything. */
public record ItemSpec(
    String id,
    ItemRole role,
    String name,
    long listPriceCents,
    long livePriceCents,
    Long floorPriceCents,
    long stock,
    Integer limitPerViewer,
    long plannedSeconds,
    String script,
    List<String> sellingPoints,
    String link,
    String imageUrl,
    List<Tier> tiers,
    int winners) {

  public static final long DEFAULT_MAIN_SECONDS = 300;

  public ItemSpec {
    sellingPoints = sellingPoints == null ? List.of() : List.copyOf(sellingPoints);
    tiers = tiers == null ? List.of() : List.copyOf(tiers);
  }

  /** The same item in another role, as when a backup is swapped into the running order. */
  public ItemSpec withRole(ItemRole newRole, long newPlannedSeconds) {
    return new ItemSpec(id, newRole, name, listPriceCents, livePriceCents, floorPriceCents, stock,
        limitPerViewer, newPlannedSeconds, script, sellingPoints, link, imageUrl, tiers, winners);
  }
}
