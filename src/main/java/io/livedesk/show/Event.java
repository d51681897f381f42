package io.livedesk.show;

import java.io.Serializable;
import java.util.List;

/** Everything that has happened in a show. State is a fold of these; nothing else changes it. */
public sealed interface Event extends Serializable {

  /** The protocol kind, as clients see it in {@code kind}: its record's {@link WireName}. */
  default String kind() {
    return Vocabulary.EVENTS.nameOf(getClass());
  }

  @WireName("runsheet.loaded")
  record RunSheetLoaded(RunSheet sheet) implements Event {}

  @WireName("show.started")
  record ShowStarted() implements Event {}

  @WireName("show.ended")
  record ShowEnded() implements Event {}

  /** The cue moved to an item or a segment; {@code fromItemId} is what was on air before. */
  @WireName("cue.changed")
  record CueChanged(String itemId, String segment, String fromItemId, String fromSegment) implements Event {}

  /** A backup took the place of an item in the running order; the item became a backup. */
  @WireName("runsheet.swapped")
  record ItemsSwapped(String itemId, String backupId) implements Event {}

  @WireName("item.listed")
  record ItemListed(String itemId) implements Event {}

  @WireName("item.delisted")
  record ItemDelisted(String itemId) implements Event {}

  /**
   * {@code reason} is null for a change by staff, {@code flash_start} or {@code flash_end} when a flash sale
   * moves the price (docs/protocol.md §Promotions); those leave the price history to revert_price alone.
   */
  @WireName("item.price_changed")
  record PriceChanged(String itemId, long fromCents, long toCents, boolean confirmed, boolean revert, String reason)
      implements Event {
    public PriceChanged(String itemId, long fromCents, long toCents, boolean confirmed, boolean revert) {
      this(itemId, fromCents, toCents, confirmed, revert, null);
    }
  }

  /** Stock set by staff; {@code stock} is what is left to sell now. */
  @WireName("item.stock_changed")
  record StockChanged(String itemId, long stock, long delta) implements Event {}

  @WireName("item.sold_out")
  record SoldOut(String itemId) implements Event {}

  /**
   * Paid units passed a group-deal threshold; every paid order of the item is now due at most this price
   * (docs/protocol.md §Group-buy tiers). {@code paidUnits} is null in journals written before tiers were
   * reached by paid units: those were reached by units placed, and replay keeps them as they were.
   */
  @WireName("item.tier_reached")
  record TierReached(String itemId, int tier, long minUnits, long priceCents, Long paidUnits) implements Event {}

  /** At the end of the show: what a tiered item's paid orders owe back, {@code refunds} orders in all. */
  @WireName("item.tier_settled")
  record TierSettled(String itemId, long priceCents, long paidUnits, int refunds, long refundCents)
      implements Event {}

  @WireName("announce.published")
  record AnnouncementPublished(String announcementId, String text, boolean pinned) implements Event {}

  @WireName("announce.retracted")
  record AnnouncementRetracted(String announcementId) implements Event {}

  @WireName("cue.note")
  record NoteSent(String noteId, String text) implements Event {}

  @WireName("cue.acked")
  record Acked(String noteId, Long seq) implements Event {}

  /** {@code seed} is the secret behind {@code commitment}: journaled, never sent before the draw. */
  @WireName("lottery.opened")
  record LotteryOpened(String lotteryId, String itemId, int winners, LotteryRule rule, String commitment,
      Long closesAt, String seed) implements Event {}

  @WireName("lottery.entered")
  record LotteryEntered(String lotteryId, String viewerId) implements Event {}

  @WireName("lottery.closed")
  record LotteryClosed(String lotteryId, int entrants, String entrantsHash, boolean automatic)
      implements Event {}

  @WireName("lottery.drawn")
  record LotteryDrawn(String lotteryId, List<String> winners, String seed) implements Event {}

  @WireName("viewer.joined")
  record ViewerJoined(String viewerId, String node) implements Event {}

  /** {@code sockets} of the viewer closed on {@code node}: one, or all of them when the node was lost. */
  @WireName("viewer.left")
  record ViewerLeft(String viewerId, String node, int sockets) implements Event {}

  @WireName("viewer.clicked")
  record ViewerClicked(String viewerId, String itemId) implements Event {}

  @WireName("viewer.subscribed")
  record ViewerSubscribed(String viewerId) implements Event {}

  /**
   * {@code priceCents} is the unit price at the moment of the order; tiers may settle it lower. An order in a
   * flash sale names it ({@code flashId}); one with a coupon names it and the {@code discountCents} it took off
   * {@code amountCents}. All three are null otherwise.
   */
  @WireName("order.placed")
  record OrderPlaced(String orderId, String viewerId, String itemId, int qty, long priceCents,
      long amountCents, long expiresAt, String flashId, String couponId, Long discountCents) implements Event {
    public OrderPlaced(String orderId, String viewerId, String itemId, int qty, long priceCents, long amountCents,
        long expiresAt) {
      this(orderId, viewerId, itemId, qty, priceCents, amountCents, expiresAt, null, null, null);
    }
  }

  @WireName("order.paid")
  record OrderPaid(String orderId, String paymentId) implements Event {}

  @WireName("order.cancelled")
  record OrderCancelled(String orderId) implements Event {}

  @WireName("order.expired")
  record OrderExpired(String orderId) implements Event {}

  @WireName("order.payment_failed")
  record PaymentFailed(String orderId, String paymentId) implements Event {}

  /**
   * A payment notification whose amount is not the order's: kept for the audit, the order untouched.
   * {@code status} is what the notification said (PAID or FAILED).
   */
  @WireName("order.payment_mismatch")
  record PaymentMismatch(String orderId, String paymentId, String status, long amountCents, long orderAmountCents)
      implements Event {}

  /** A payment arrived for an order that can no longer be paid: recorded for a refund, stock untouched. */
  @WireName("order.payment_conflict")
  record PaymentConflict(String orderId, String paymentId, String orderStatus) implements Event {}

  // ---- promotions (docs/protocol.md §Promotions) ----

  /** {@code stock} is null when the sale may sell every unit of the item. */
  @WireName("flash.scheduled")
  record FlashScheduled(String flashId, String itemId, long priceCents, long startsAt, long endsAt, Long stock,
      int limitPerViewer, boolean confirmed) implements Event {}

  @WireName("flash.started")
  record FlashStarted(String flashId) implements Event {}

  /** {@code reason}: time, sold_out or cancelled; {@code sold}: the sale's units standing when it ended. */
  @WireName("flash.ended")
  record FlashEnded(String flashId, String reason, long sold) implements Event {}

  /** {@code itemIds} is null for a coupon good on every item; {@code claimSeconds} null: until the show ends. */
  @WireName("coupon.created")
  record CouponCreated(String couponId, String name, long amountOffCents, long minSpendCents, List<String> itemIds,
      long total, int perViewer, Integer claimSeconds, boolean confirmed) implements Event {}

  /** {@code claimUntil} is null when claiming stays open until the show ends. */
  @WireName("coupon.issued")
  record CouponIssued(String couponId, String name, long amountOffCents, long minSpendCents, List<String> itemIds,
      long total, int perViewer, Long claimUntil) implements Event {}

  @WireName("coupon.stopped")
  record CouponStopped(String couponId) implements Event {}

  @WireName("coupon.claimed")
  record CouponClaimed(String couponId, String viewerId) implements Event {}

  /** A viewer reserved the draft show (预约): the shop reminds them when it starts. */
  @WireName("show.reserved")
  record ViewerReserved(String viewerId) implements Event {}

  /**
   * A comment (docs/protocol.md §Comments). {@code author} is the viewer's id, masked for other viewers;
   * {@code shadow} (true or left out) when only its author and staff see it.
   */
  @WireName("comment.posted")
  record CommentPosted(String commentId, String author, String text, Boolean shadow) implements Event {}

  @WireName("comment.hidden")
  record CommentHidden(String commentId) implements Event {}

  @WireName("comment.pinned")
  record CommentPinned(String commentId, String author, String text) implements Event {}

  @WireName("comment.unpinned")
  record CommentUnpinned(String commentId) implements Event {}

  /** The shop's public answer; {@code auto} (true or left out) when the run-sheet's FAQ gave it. */
  @WireName("comment.replied")
  record CommentReplied(String commentId, String text, Boolean auto) implements Event {}

  /** Staff only: the viewer's comments are shadowed until {@code until} (epoch milliseconds). */
  @WireName("viewer.muted")
  record ViewerMuted(String viewerId, long until) implements Event {}

  /** Staff only: words added to the show's blocked words, as given. */
  @WireName("comments.words_blocked")
  record WordsBlocked(List<String> words) implements Event {}

  // ---- two-person rule (docs/protocol.md §Two-person rule) ----

  /**
   * A cut waits for a second staff member. The command asked for is kept in full: {@code cmd} names it and
   * exactly one of {@code setPrice}, {@code flash} or {@code coupon} holds it. {@code itemId},
   * {@code fromCents} and {@code toCents} are the price judged (for a coupon: its base and what one unit
   * costs with it), {@code cutFraction} the show's rule, {@code requester} who asked.
   */
  @WireName("approval.requested")
  record ApprovalRequested(String approvalId, String cmd, Command.SetPrice setPrice, Command.ScheduleFlash flash,
      Command.CreateCoupon coupon, String itemId, long fromCents, long toCents, double cutFraction, Actor requester,
      long expiresAt) implements Event {

    /** The command as it was asked for. */
    public Command command() {
      return setPrice != null ? setPrice : flash != null ? flash : coupon;
    }
  }

  /** Recorded by the second staff member, followed in the same decision by the events of the command. */
  @WireName("approval.granted")
  record ApprovalGranted(String approvalId) implements Event {}

  @WireName("approval.denied")
  record ApprovalDenied(String approvalId) implements Event {}

  @WireName("approval.expired")
  record ApprovalExpired(String approvalId) implements Event {}
}
