package io.livedesk.show;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** A live-room coupon (直播间优惠券) from its creation on. Changed only by {@link ShowState}. */
public final class Coupon implements Serializable {

  public enum Status {
    CREATED, ISSUED, STOPPED;

    public String wire() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** What it was created with: its terms never change. */
  private final Event.CouponCreated terms;
  Status status = Status.CREATED;
  Long issuedAt;
  Long claimUntil;
  long claimed;
  /** The orders using it that still stand: replaced as they come and go. */
  Usage usage = Usage.NONE;
  /** Coupons each viewer has claimed, and how many of those are not on a standing order. */
  final Map<String, Integer> claimsByViewer = new HashMap<>();
  final Map<String, Integer> unusedByViewer = new HashMap<>();

  /** Standing orders using a coupon: how many, what it took off them and what they are for. */
  public record Usage(long orders, long discountCents, long gmvCents) implements java.io.Serializable {

    static final Usage NONE = new Usage(0, 0, 0);

    /** An order came to use it ({@code sign} 1) or gave it back (-1). */
    Usage plus(int sign, long discount, long amountCents) {
      return new Usage(orders + sign, discountCents + sign * discount, gmvCents + sign * amountCents);
    }
  }

  Coupon(Event.CouponCreated terms) {
    this.terms = terms;
  }

  /** An independent copy, for {@link ShowState#copy()}. */
  Coupon(Coupon other) {
    this(other.terms);
    this.status = other.status;
    this.issuedAt = other.issuedAt;
    this.claimUntil = other.claimUntil;
    this.claimed = other.claimed;
    this.usage = other.usage;
    this.claimsByViewer.putAll(other.claimsByViewer);
    this.unusedByViewer.putAll(other.unusedByViewer);
  }

  public String id() {
    return terms.couponId();
  }

  public Event.CouponCreated terms() {
    return terms;
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
    return terms.total() - claimed;
  }

  public Usage usage() {
    return usage;
  }

  public boolean coversItem(String itemId) {
    return terms.itemIds() == null || terms.itemIds().contains(itemId);
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
    return Math.min(terms.amountOffCents(), amountCents);
  }

  void use(String viewerId, long discount, long amountCents) {
    unusedByViewer.merge(viewerId, -1, Integer::sum);
    usage = usage.plus(1, discount, amountCents);
  }

  void giveBack(String viewerId, long discount, long amountCents) {
    unusedByViewer.merge(viewerId, 1, Integer::sum);
    usage = usage.plus(-1, discount, amountCents);
  }
}
