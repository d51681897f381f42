package io.livedesk.show;

import java.io.Serializable;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/** An order and where it stands. */
public final class OrderState implements Serializable {

  public enum Status {
    PENDING, PAID, CANCELLED, EXPIRED;

    public String wire() {
      return name();
    }

    public boolean holdsStock() {
      return this == PENDING || this == PAID;
    }

    public String lower() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final Event.OrderPlaced placed;
  private final long placedSeq;
  private final long placedAt;
  Status status = Status.PENDING;
  String paymentId;
  Long paidAt;
  Long closedAt;
  /** Payments refused for this order; almost always none, so made only when the first one comes. */
  Set<String> conflictingPayments = Set.of();

  /** An independent copy, for {@link ShowState#copy()}. */
  OrderState(OrderState other) {
    this(other.placed, other.placedSeq, other.placedAt);
    this.status = other.status;
    this.paymentId = other.paymentId;
    this.paidAt = other.paidAt;
    this.closedAt = other.closedAt;
    this.conflictingPayments = other.conflictingPayments.isEmpty() ? Set.of() : new HashSet<>(other.conflictingPayments);
  }

  OrderState(Event.OrderPlaced placed, long placedSeq, long placedAt) {
    this.placed = placed;
    this.placedSeq = placedSeq;
    this.placedAt = placedAt;
  }

  /** Its compact form in a snapshot (docs/design.md §Snapshots); seq and time as steps from the order before. */
  void writeTo(FoldBytes.Out out, OrderState previous) {
    out.once(placed.orderId());
    out.once(placed.viewerId());
    out.text(placed.itemId());
    out.whole(placed.qty());
    out.whole(placed.priceCents());
    out.whole(placed.amountCents());
    out.whole(placed.expiresAt() - placedAt);
    out.text(placed.flashId());
    out.text(placed.couponId());
    out.wholeOrNull(placed.discountCents());
    out.whole(placedSeq - (previous == null ? 0 : previous.placedSeq));
    out.whole(placedAt - (previous == null ? 0 : previous.placedAt));
    out.count(status.ordinal());
    out.once(paymentId);
    out.wholeOrNull(paidAt);
    out.wholeOrNull(closedAt);
    out.count(conflictingPayments.size());
    if (!conflictingPayments.isEmpty()) {
      conflictingPayments.forEach(out::once);
    }
  }

  /** Reads what {@link #writeTo} wrote. */
  static OrderState readFrom(FoldBytes.In in, OrderState previous) {
    String orderId = in.once();
    String viewerId = in.once();
    String itemId = in.text();
    int qty = (int) in.whole();
    long priceCents = in.whole();
    long amountCents = in.whole();
    long expiresIn = in.whole();
    String flashId = in.text();
    String couponId = in.text();
    Long discountCents = in.wholeOrNull();
    long placedSeq = in.whole() + (previous == null ? 0 : previous.placedSeq);
    long placedAt = in.whole() + (previous == null ? 0 : previous.placedAt);
    OrderState order = new OrderState(new Event.OrderPlaced(orderId, viewerId, itemId, qty, priceCents, amountCents,
        placedAt + expiresIn, flashId, couponId, discountCents), placedSeq, placedAt);
    order.status = Status.values()[in.count()];
    order.paymentId = in.once();
    order.paidAt = in.wholeOrNull();
    order.closedAt = in.wholeOrNull();
    int conflicts = in.count();
    if (conflicts > 0) {
      order.conflictingPayments = new HashSet<>(2);
      for (int i = 0; i < conflicts; i++) {
        order.conflictingPayments.add(in.once());
      }
    }
    return order;
  }

  public String id() {
    return placed.orderId();
  }

  /** What it was placed with: who, what, how many, at what price, until when, with which flash sale or coupon. */
  public Event.OrderPlaced terms() {
    return placed;
  }

  /** What its coupon took off its amount; 0 without one. */
  public long discountCents() {
    return placed.discountCents() == null ? 0 : placed.discountCents();
  }

  /** What it is due now: its units at the price they settle at (tiers), less its coupon, never below 0. */
  public long dueCents(ItemState item) {
    return Math.max(0, item.dueCents(placed.qty(), placed.priceCents()) - discountCents());
  }

  /** The seq of the event that placed it: orders listed by it come in the order they were placed. */
  public long placedSeq() {
    return placedSeq;
  }

  public long placedAt() {
    return placedAt;
  }

  public Status status() {
    return status;
  }

  public String paymentId() {
    return paymentId;
  }

  public Long paidAt() {
    return paidAt;
  }

  /**
   * Whether this payment, for this amount, was already recorded as not the order's amount: kept apart from
   * {@link #hasConflict}, so the same payment id resent with the right amount to a closed order is still
   * recorded as a conflict to refund.
   */
  public boolean hasMismatch(String paymentId, long amountCents) {
    return conflictingPayments.contains(mismatchKey(paymentId, amountCents));
  }

  static String mismatchKey(String paymentId, long amountCents) {
    return amountCents + " fen by " + paymentId;
  }

  /** Whether this payment was already recorded as one the order could not take. */
  public boolean hasConflict(String paymentId) {
    return conflictingPayments.contains(paymentId);
  }
}
