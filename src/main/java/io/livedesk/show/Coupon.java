package io.livedesk.show;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A live-room coupon (直播间优惠券) from its creation on. Changed only by {@link ShowState}. */
public final class Coupon {

  public enum Status {
    CREATED, ISSUED, STOPPED;

    public String wire() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final Event.CouponCreated created;
  Status status = Status.CREATED;
  Long issuedAt;
  Long claimUntil;
  long claimed;
  /** Orders using it that still stand, what they took off and what they are for. */
  long used;
  long discountCents;
  long gmvCents;
  /** Coupons each viewer has claimed, and how many of those are not on a standing order. */
  final Map<String, Integer> claimsByViewer = new HashMap<>();
  final Map<String, Integer> unusedByViewer = new HashMap<>();

  Coupon(Event.CouponCreated created) {
    this.created = created;
  }

  /** An independent copy, for {@link ShowState#copy()}. */
  Coupon(Coupon other) {
    this.created = other.created;
    this.status = other.status;
    this.issuedAt = other.issuedAt;
    this.claimUntil = other.claimUntil;
    this.claimed = other.claimed;
    this.used = other.used;
    this.discountCents = other.discountCents;
    this.gmvCents = other.gmvCents;
    this.claimsByViewer.putAll(other.claimsByViewer);
    this.unusedByViewer.putAll(other.unusedByViewer);
  }

  public String id() {
    return created.couponId();
  }

  public String name() {
    return created.name();
  }

  public long amountOffCents() {
    return created.amountOffCents();
  }

  public long minSpendCents() {
    return created.minSpendCents();
  }

  /** The items it is good for, or null for every item. */
  public List<String> itemIds() {
    return created.itemIds();
  }

  public long total() {
    return created.total();
  }

  public int perViewer() {
    return created.perViewer();
  }

  public Integer claimSeconds() {
    return created.claimSeconds();
  }

  public Status status() {
    return status;
  }

  public Long issuedAt() {
    return issuedAt;
  }

  public Long claimUntil() {
    return claimUntil;
  }

  public long claimed() {
    return claimed;
  }

  public long remaining() {
    return total() - claimed;
  }

  public long used() {
    return used;
  }

  public long discountCents() {
    return discountCents;
  }

  public long gmvCents() {
    return gmvCents;
  }

  public boolean coversItem(String itemId) {
    return itemIds() == null || itemIds().contains(itemId);
  }

  /** Whether a viewer may claim it at {@code now}: issued, not stopped, within its window. */
  public boolean claimable(long now) {
    return status == Status.ISSUED && (claimUntil == null || now < claimUntil);
  }

  public int claimsOf(String viewerId) {
    return claimsByViewer.getOrDefault(viewerId, 0);
  }

  /** Claimed by the viewer and not on one of their standing orders. */
  public int unusedOf(String viewerId) {
    return unusedByViewer.getOrDefault(viewerId, 0);
  }

  /** The discount it gives an order of {@code amountCents}: never more than the order. */
  public long discountOn(long amountCents) {
    return Math.min(amountOffCents(), amountCents);
  }

  void use(String viewerId, long discount, long amountCents) {
    unusedByViewer.merge(viewerId, -1, Integer::sum);
    used++;
    discountCents += discount;
    gmvCents += amountCents;
  }

  void giveBack(String viewerId, long discount, long amountCents) {
    unusedByViewer.merge(viewerId, 1, Integer::sum);
    used--;
    discountCents -= discount;
    gmvCents -= amountCents;
  }
}
