package io.livedesk.show;

import java.util.List;

/** Everything that has happened in a show. State is a fold of these; nothing else changes it. */
public sealed interface Event {

  /** The protocol kind, as clients see it in {@code kind}. */
  String kind();

  record RunSheetLoaded(RunSheet sheet) implements Event {
    public String kind() { return "runsheet.loaded"; }
  }

  record ShowStarted() implements Event {
    public String kind() { return "show.started"; }
  }

  record ShowEnded() implements Event {
    public String kind() { return "show.ended"; }
  }

  /** The cue moved to an item or a segment; {@code fromItemId} is what was on air before. */
  record CueChanged(String itemId, String segment, String fromItemId, String fromSegment) implements Event {
    public String kind() { return "cue.changed"; }
  }

  /** A backup took the place of an item in the running order; the item became a backup. */
  record ItemsSwapped(String itemId, String backupId) implements Event {
    public String kind() { return "runsheet.swapped"; }
  }

  record ItemListed(String itemId) implements Event {
    public String kind() { return "item.listed"; }
  }

  record ItemDelisted(String itemId) implements Event {
    public String kind() { return "item.delisted"; }
  }

  /**
   * {@code reason} is null for a change by staff, {@code flash_start} or {@code flash_end} when a flash sale
   * moves the price (docs/protocol.md §Promotions); those leave the price history to revert_price alone.
   */
  record PriceChanged(String itemId, long fromCents, long toCents, boolean confirmed, boolean revert, String reason)
      implements Event {
    public PriceChanged(String itemId, long fromCents, long toCents, boolean confirmed, boolean revert) {
      this(itemId, fromCents, toCents, confirmed, revert, null);
    }

    public String kind() { return "item.price_changed"; }
  }

  /** Stock set by staff; {@code stock} is what is left to sell now. */
  record StockChanged(String itemId, long stock, long delta) implements Event {
    public String kind() { return "item.stock_changed"; }
  }

  record SoldOut(String itemId) implements Event {
    public String kind() { return "item.sold_out"; }
  }

  /**
   * Paid units passed a group-deal threshold; every paid order of the item is now due at most this price
   * (docs/protocol.md §Group-buy tiers). {@code paidUnits} is null in journals written before tiers were
   * reached by paid units: those were reached by units placed, and replay keeps them as they were.
   */
  record TierReached(String itemId, int tier, long minUnits, long priceCents, Long paidUnits) implements Event {
    public String kind() { return "item.tier_reached"; }
  }

  /** At the end of the show: what a tiered item's paid orders owe back, {@code refunds} orders in all. */
  record TierSettled(String itemId, long priceCents, long paidUnits, int refunds, long refundCents)
      implements Event {
    public String kind() { return "item.tier_settled"; }
  }

  record AnnouncementPublished(String announcementId, String text, boolean pinned) implements Event {
    public String kind() { return "announce.published"; }
  }

  record AnnouncementRetracted(String announcementId) implements Event {
    public String kind() { return "announce.retracted"; }
  }

  record NoteSent(String noteId, String text) implements Event {
    public String kind() { return "cue.note"; }
  }

  record Acked(String noteId, Long seq) implements Event {
    public String kind() { return "cue.acked"; }
  }

  /** {@code seed} is the secret behind {@code commitment}: journaled, never sent before the draw. */
  record LotteryOpened(String lotteryId, String itemId, int winners, LotteryRule rule, String commitment,
      Long closesAt, String seed) implements Event {
    public String kind() { return "lottery.opened"; }
  }

  record LotteryEntered(String lotteryId, String viewerId) implements Event {
    public String kind() { return "lottery.entered"; }
  }

  record LotteryClosed(String lotteryId, int entrants, String entrantsHash, boolean automatic)
      implements Event {
    public String kind() { return "lottery.closed"; }
  }

  record LotteryDrawn(String lotteryId, List<String> winners, String seed) implements Event {
    public String kind() { return "lottery.drawn"; }
  }

  record ViewerJoined(String viewerId, String node) implements Event {
    public String kind() { return "viewer.joined"; }
  }

  /** {@code sockets} of the viewer closed on {@code node}: one, or all of them when the node was lost. */
  record ViewerLeft(String viewerId, String node, int sockets) implements Event {
    public String kind() { return "viewer.left"; }
  }

  record ViewerClicked(String viewerId, String itemId) implements Event {
    public String kind() { return "viewer.clicked"; }
  }

  record ViewerSubscribed(String viewerId) implements Event {
    public String kind() { return "viewer.subscribed"; }
  }

  /**
   * {@code priceCents} is the unit price at the moment of the order; tiers may settle it lower. An order in a
   * flash sale names it ({@code flashId}); one with a coupon names it and the {@code discountCents} it took off
   * {@code amountCents}. All three are null otherwise.
   */
  record OrderPlaced(String orderId, String viewerId, String itemId, int qty, long priceCents,
      long amountCents, long expiresAt, String flashId, String couponId, Long discountCents) implements Event {
    public OrderPlaced(String orderId, String viewerId, String itemId, int qty, long priceCents, long amountCents,
        long expiresAt) {
      this(orderId, viewerId, itemId, qty, priceCents, amountCents, expiresAt, null, null, null);
    }

    public String kind() { return "order.placed"; }
  }

  record OrderPaid(String orderId, String paymentId) implements Event {
    public String kind() { return "order.paid"; }
  }

  record OrderCancelled(String orderId) implements Event {
    public String kind() { return "order.cancelled"; }
  }

  record OrderExpired(String orderId) implements Event {
    public String kind() { return "order.expired"; }
  }

  record PaymentFailed(String orderId, String paymentId) implements Event {
    public String kind() { return "order.payment_failed"; }
  }

  /**
   * A payment notification whose amount is not the order's: kept for the audit, the order untouched.
   * {@code status} is what the notification said (PAID or FAILED).
   */
  record PaymentMismatch(String orderId, String paymentId, String status, long amountCents, long orderAmountCents)
      implements Event {
    public String kind() { return "order.payment_mismatch"; }
  }

  /** A payment arrived for an order that can no longer be paid: recorded for a refund, stock untouched. */
  record PaymentConflict(String orderId, String paymentId, String orderStatus) implements Event {
    public String kind() { return "order.payment_conflict"; }
  }

  // ---- promotions (docs/protocol.md §Promotions) ----

  /** {@code stock} is null when the sale may sell every unit of the item. */
  record FlashScheduled(String flashId, String itemId, long priceCents, long startsAt, long endsAt, Long stock,
      int limitPerViewer, boolean confirmed) implements Event {
    public String kind() { return "flash.scheduled"; }
  }

  record FlashStarted(String flashId) implements Event {
    public String kind() { return "flash.started"; }
  }

  /** {@code reason}: time, sold_out or cancelled; {@code sold}: the sale's units standing when it ended. */
  record FlashEnded(String flashId, String reason, long sold) implements Event {
    public String kind() { return "flash.ended"; }
  }

  /** {@code itemIds} is null for a coupon good on every item; {@code claimSeconds} null: until the show ends. */
  record CouponCreated(String couponId, String name, long amountOffCents, long minSpendCents, List<String> itemIds,
      long total, int perViewer, Integer claimSeconds, boolean confirmed) implements Event {
    public String kind() { return "coupon.created"; }
  }

  /** {@code claimUntil} is null when claiming stays open until the show ends. */
  record CouponIssued(String couponId, String name, long amountOffCents, long minSpendCents, List<String> itemIds,
      long total, int perViewer, Long claimUntil) implements Event {
    public String kind() { return "coupon.issued"; }
  }

  record CouponStopped(String couponId) implements Event {
    public String kind() { return "coupon.stopped"; }
  }

  record CouponClaimed(String couponId, String viewerId) implements Event {
    public String kind() { return "coupon.claimed"; }
  }
}
