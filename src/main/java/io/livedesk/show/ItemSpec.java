package io.livedesk.show;

import java.io.Serializable;
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
    int winners,
    List<Faq> faq) implements Serializable {

  public static final long DEFAULT_MAIN_SECONDS = 300;

  /** {@code faq} null when the item has none: sheets stored before it was a field read the same. */
  public ItemSpec {
    sellingPoints = sellingPoints == null ? List.of() : List.copyOf(sellingPoints);
    tiers = tiers == null ? List.of() : List.copyOf(tiers);
    faq = faq == null || faq.isEmpty() ? null : List.copyOf(faq);
  }

  /** An item without ready answers. */
  public ItemSpec(String id, ItemRole role, String name, long listPriceCents, long livePriceCents,
      Long floorPriceCents, long stock, Integer limitPerViewer, long plannedSeconds, String script,
      List<String> sellingPoints, String link, String imageUrl, List<Tier> tiers, int winners) {
    this(id, role, name, listPriceCents, livePriceCents, floorPriceCents, stock, limitPerViewer, plannedSeconds,
        script, sellingPoints, link, imageUrl, tiers, winners, null);
  }

  /** The same item with these ready answers. */
  public ItemSpec withFaq(List<Faq> answers) {
    return new ItemSpec(id, role, name, listPriceCents, livePriceCents, floorPriceCents, stock,
        limitPerViewer, plannedSeconds, script, sellingPoints, link, imageUrl, tiers, winners, answers);
  }

  /** The same item in another role, as when a backup is swapped into the running order. */
  public ItemSpec withRole(ItemRole newRole, long newPlannedSeconds) {
    return new ItemSpec(id, newRole, name, listPriceCents, livePriceCents, floorPriceCents, stock,
        limitPerViewer, newPlannedSeconds, script, sellingPoints, link, imageUrl, tiers, winners, faq);
  }
}
