package io.livedesk.show;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A show's flash sales and coupons (docs/protocol.md §Promotions), folded from their events and from the
 * orders that use them. Part of {@link ShowState}, owned by the same single thread.
 */
public final class Promotions implements Serializable {

  private final Map<String, FlashSale> flashes = new LinkedHashMap<>();
  private final Map<String, Coupon> coupons = new LinkedHashMap<>();

  Promotions() {
  }

  /** An independent copy, for {@link ShowState#copy()}. */
  Promotions copy() {
    Promotions copy = new Promotions();
    flashes.forEach((id, flash) -> copy.flashes.put(id, new FlashSale(flash)));
    coupons.forEach((id, coupon) -> copy.coupons.put(id, new Coupon(coupon)));
    return copy;
  }

  /** Whether the event is one of a promotion's own, folded by {@link #evolve}. */
  static boolean folds(Event event) {
    return event instanceof Event.FlashScheduled || event instanceof Event.FlashStarted
        || event instanceof Event.FlashEnded || event instanceof Event.CouponCreated
        || event instanceof Event.CouponIssued || event instanceof Event.CouponStopped
        || event instanceof Event.CouponClaimed;
  }

  void evolve(Event event, long ts, Function<String, ItemState> items) {
    if (event instanceof Event.FlashScheduled e) {
      flashes.put(e.flashId(), new FlashSale(e));
    } else if (event instanceof Event.FlashStarted e) {
      FlashSale flash = flashes.get(e.flashId());
      flash.status = FlashSale.Status.LIVE;
      flash.startedAt = ts;
      items.apply(flash.terms().itemId()).flashPriceCents = flash.terms().priceCents();
    } else if (event instanceof Event.FlashEnded e) {
      FlashSale flash = flashes.get(e.flashId());
      if (flash.status == FlashSale.Status.LIVE) {
        items.apply(flash.terms().itemId()).flashPriceCents = null;
      }
      flash.status = "cancelled".equals(e.reason()) ? FlashSale.Status.CANCELLED : FlashSale.Status.ENDED;
      flash.ending = new FlashSale.Ending(ts, e.reason());
    } else if (event instanceof Event.CouponCreated e) {
      coupons.put(e.couponId(), new Coupon(e));
    } else if (event instanceof Event.CouponIssued e) {
      Coupon coupon = coupons.get(e.couponId());
      coupon.status = Coupon.Status.ISSUED;
      coupon.issuedAt = ts;
      coupon.claimUntil = e.claimUntil();
    } else if (event instanceof Event.CouponStopped e) {
      coupons.get(e.couponId()).status = Coupon.Status.STOPPED;
    } else if (event instanceof Event.CouponClaimed e) {
      Coupon coupon = coupons.get(e.couponId());
      coupon.claimed++;
      coupon.claimsByViewer.merge(e.viewerId(), 1, Integer::sum);
      coupon.unusedByViewer.merge(e.viewerId(), 1, Integer::sum);
    }
  }

  /** An order took units of a flash sale, a coupon, or both. */
  void orderPlaced(Event.OrderPlaced e, long ts) {
    if (e.flashId() != null) {
      flashes.get(e.flashId()).take(e.viewerId(), e.qty(), ts);
    }
    if (e.couponId() != null) {
      coupons.get(e.couponId()).use(e.viewerId(), e.discountCents(), e.amountCents());
    }
  }

  /** A cancelled or expired order gives back its sale units and its coupon. */
  void orderReleased(OrderState order) {
    if (order.terms().flashId() != null) {
      flashes.get(order.terms().flashId()).giveBack(order.terms().viewerId(), order.terms().qty());
    }
    if (order.terms().couponId() != null) {
      coupons.get(order.terms().couponId()).giveBack(order.terms().viewerId(), order.discountCents(), order.terms().amountCents());
    }
  }

  // ---- reads ----

  public Collection<FlashSale> flashes() {
    return Collections.unmodifiableCollection(flashes.values());
  }

  public FlashSale flash(String flashId) {
    return flashId == null ? null : flashes.get(flashId);
  }

  /** The item's flash sale that is scheduled or live, or null: an item has at most one. */
  public FlashSale openFlashOn(String itemId) {
    for (FlashSale flash : flashes.values()) {
      if (flash.status().open() && flash.terms().itemId().equals(itemId)) {
        return flash;
      }
    }
    return null;
  }

  /** The item's live flash sale, or null. */
  public FlashSale liveFlashOn(String itemId) {
    FlashSale open = openFlashOn(itemId);
    return open != null && open.status() == FlashSale.Status.LIVE ? open : null;
  }

  /** Sales whose start or end is due by {@code now}, in the order they were scheduled. */
  List<FlashSale> flashesDueBy(long now) {
    List<FlashSale> due = new ArrayList<>();
    for (FlashSale flash : flashes.values()) {
      if (flash.deadline() <= now) {
        due.add(flash);
      }
    }
    return due;
  }

  long nextDeadline() {
    long next = Long.MAX_VALUE;
    for (FlashSale flash : flashes.values()) {
      next = Math.min(next, flash.deadline());
    }
    return next;
  }

  public Collection<Coupon> coupons() {
    return Collections.unmodifiableCollection(coupons.values());
  }

  public Coupon coupon(String couponId) {
    return couponId == null ? null : coupons.get(couponId);
  }

  /** Coupons not stopped that are good for the item: what its price is judged together with. */
  public List<Coupon> couponsFor(String itemId) {
    List<Coupon> good = new ArrayList<>();
    for (Coupon coupon : coupons.values()) {
      if (coupon.status() != Coupon.Status.STOPPED && coupon.coversItem(itemId)) {
        good.add(coupon);
      }
    }
    return good;
  }
}
