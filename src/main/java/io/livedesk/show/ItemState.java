package io.livedesk.show;

import java.io.Serializable;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** One item during the show: its price, stock, shelf and time on air. Changed only by {@link ShowState}. */
public final class ItemState implements Serializable {

  public enum Shelf { PENDING, ON_SHELF, OFF_SHELF }

  private ItemSpec spec;
  long livePriceCents;
  /** The price of the flash sale live on the item, or null (docs/protocol.md §Promotions). */
  Long flashPriceCents;
  final Deque<Long> priceHistory = new ArrayDeque<>();
  long stock;
  long sold;
  long orderedUnits;
  /** Units in paid orders: what reaches a group-deal tier (docs/protocol.md §Group-buy tiers). */
  long paidUnits;
  /** Paid units by the unit price they were ordered at, so what is owed back is exact at any tier. */
  final TreeMap<Long, Long> paidUnitsByPrice = new TreeMap<>();
  Shelf shelf = Shelf.PENDING;
  int tierReached = -1;
  long airedMillis;
  int prizesGiven;

  /** An independent copy, for {@link ShowState#copy()}. */
  ItemState(ItemState other) {
    this.spec = other.spec;
    this.livePriceCents = other.livePriceCents;
    this.flashPriceCents = other.flashPriceCents;
    this.priceHistory.addAll(other.priceHistory);
    this.stock = other.stock;
    this.sold = other.sold;
    this.orderedUnits = other.orderedUnits;
    this.paidUnits = other.paidUnits;
    this.paidUnitsByPrice.putAll(other.paidUnitsByPrice);
    this.shelf = other.shelf;
    this.tierReached = other.tierReached;
    this.airedMillis = other.airedMillis;
    this.prizesGiven = other.prizesGiven;
  }

  ItemState(ItemSpec spec) {
    this.spec = spec;
    this.livePriceCents = spec.livePriceCents();
    this.stock = spec.stock();
  }

  public ItemSpec spec() {
    return spec;
  }

  void changeRole(ItemRole role, long plannedSeconds) {
    spec = spec.withRole(role, plannedSeconds);
  }

  public String id() {
    return spec.id();
  }

  public ItemRole role() {
    return spec.role();
  }

  public long livePriceCents() {
    return livePriceCents;
  }

  /**
   * What an order pays now: the live price (a live flash sale's price in its place), or the group-deal tier
   * reached if that is lower.
   */
  public long currentPriceCents() {
    return priceWith(flashPriceCents != null ? flashPriceCents : livePriceCents);
  }

  /** What an order would pay with this price set: it, or the group-deal tier reached if that is lower. */
  public long priceWith(long priceCents) {
    if (tierReached < 0) {
      return priceCents;
    }
    return Math.min(priceCents, spec.tiers().get(tierReached).priceCents());
  }

  /** The price of the flash sale live on the item, or null. */
  public Long flashPriceCents() {
    return flashPriceCents;
  }

  /** The price a placed order finally settles at: its own price or the last tier, whichever is lower. */
  public long settledPriceCents(long orderPriceCents) {
    if (tierReached < 0) {
      return orderPriceCents;
    }
    return Math.min(orderPriceCents, spec.tiers().get(tierReached).priceCents());
  }

  /** What an order of {@code qty} at {@code orderPriceCents} is due now: never more than it paid. */
  public long dueCents(int qty, long orderPriceCents) {
    return qty * settledPriceCents(orderPriceCents);
  }

  /** The price of the tier reached, or null before the first. */
  public Long tierPriceCents() {
    return tierReached < 0 ? null : spec.tiers().get(tierReached).priceCents();
  }

  /** Units in paid orders. */
  public long paidUnits() {
    return paidUnits;
  }

  /** What the item's paid orders are owed back at the tier reached (多退, never 少补). */
  public long refundCents() {
    long refund = 0;
    for (Map.Entry<Long, Long> paid : paidUnitsByPrice.entrySet()) {
      refund += (paid.getKey() - settledPriceCents(paid.getKey())) * paid.getValue();
    }
    return refund;
  }

  public boolean hasPriceHistory() {
    return !priceHistory.isEmpty();
  }

  public long previousPriceCents() {
    return priceHistory.peek();
  }

  /** The prices revert_price steps back through, the most recent first. */
  public List<Long> priceHistory() {
    return List.copyOf(priceHistory);
  }

  public long stock() {
    return stock;
  }

  /** Units in orders that still stand (pending or paid). */
  public long sold() {
    return sold;
  }

  /** Units in every order ever placed, whatever happened to it later. */
  public long orderedUnits() {
    return orderedUnits;
  }

  public Shelf shelf() {
    return shelf;
  }

  public boolean onShelf() {
    return shelf == Shelf.ON_SHELF;
  }

  public String status() {
    return switch (shelf) {
      case PENDING -> "pending";
      case OFF_SHELF -> "off_shelf";
      case ON_SHELF -> stock == 0 ? "sold_out" : "on_shelf";
    };
  }

  /** Index of the highest tier reached, or -1. */
  public int tierReached() {
    return tierReached;
  }

  /** The next tier to reach, or null when there is none. */
  public Tier nextTier() {
    List<Tier> tiers = spec.tiers();
    return tierReached + 1 < tiers.size() ? tiers.get(tierReached + 1) : null;
  }

  /** The highest tier that {@code units} paid would reach, or -1. */
  public int tierFor(long units) {
    int reached = -1;
    List<Tier> tiers = spec.tiers();
    for (int i = 0; i < tiers.size(); i++) {
      if (units >= tiers.get(i).minUnits()) {
        reached = i;
      }
    }
    return reached;
  }

  public long airedMillis() {
    return airedMillis;
  }

  public int prizesLeft() {
    return spec.winners() - prizesGiven;
  }
}
