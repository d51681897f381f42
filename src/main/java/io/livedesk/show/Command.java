package io.livedesk.show;

import java.io.Serializable;
import java.util.List;

/**
 * Everything anyone can ask of a show. Time and randomness are not in here: time comes with the
 * decision, a lottery's secret seed comes with {@link OpenLottery}. Serializable because a request waiting
 * for approval holds its command, and a snapshot holds the request (docs/design.md §Snapshots).
 */
public sealed interface Command extends Serializable {

  /** The protocol name of the command, as clients send it in {@code cmd}: its record's {@link WireName}. */
  default String name() {
    return Vocabulary.COMMANDS.nameOf(getClass());
  }

  @WireName("show.start")
  record StartShow() implements Command {}

  @WireName("show.end")
  record EndShow() implements Command {}

  @WireName("runsheet.load")
  record LoadRunSheet(RunSheet sheet) implements Command {}

  /** Cue an item, or the opening or closing segment; optionally put the item on the shelf too. */
  @WireName("cue.go")
  record CueGo(String itemId, String segment, boolean list) implements Command {}

  @WireName("cue.next")
  record CueNext() implements Command {}

  @WireName("cue.prev")
  record CuePrev() implements Command {}

  @WireName("runsheet.swap")
  record SwapItem(String itemId, String backupId) implements Command {}

  @WireName("item.list")
  record ListItem(String itemId) implements Command {}

  @WireName("item.delist")
  record DelistItem(String itemId) implements Command {}

  @WireName("item.set_price")
  record SetPrice(String itemId, long priceCents, boolean confirm) implements Command {}

  @WireName("item.revert_price")
  record RevertPrice(String itemId) implements Command {}

  /** @param expectedStock when given, the stock the sender believes the item has: any other refuses with CONFLICT */
  @WireName("item.set_stock")
  record SetStock(String itemId, long stock, Long expectedStock) implements Command {
    public SetStock(String itemId, long stock) {
      this(itemId, stock, null);
    }
  }

  @WireName("item.add_stock")
  record AddStock(String itemId, long delta) implements Command {}

  @WireName("announce.publish")
  record PublishAnnouncement(String text, boolean pinned) implements Command {}

  @WireName("announce.retract")
  record RetractAnnouncement(String announcementId) implements Command {}

  @WireName("cue.note")
  record SendNote(String text) implements Command {}

  /** The host acknowledges a note, or (with {@code seq}) a price change flashing on the prompter. */
  @WireName("cue.ack")
  record Ack(String noteId, Long seq) implements Command {}

  @WireName("lottery.open")
  record OpenLottery(String itemId, int winners, LotteryRule rule, Integer seconds, byte[] seed)
      implements Command {}

  @WireName("lottery.close")
  record CloseLottery(String lotteryId) implements Command {}

  @WireName("lottery.draw")
  record DrawLottery(String lotteryId) implements Command {}

  /** A viewer socket opened on a node. */
  @WireName("viewer.join")
  record Join(String node) implements Command {}

  /** A viewer socket closed on a node. */
  @WireName("viewer.leave")
  record Leave(String node) implements Command {}

  /** A node is gone: every socket it held is closed. */
  @WireName("presence.drop_node")
  record DropNode(String node) implements Command {}

  @WireName("viewer.click")
  record Click(String itemId) implements Command {}

  @WireName("viewer.subscribe")
  record Subscribe() implements Command {}

  /** {@code expectPriceCents}: the unit price the buyer saw, or null; {@code couponId}: a coupon to apply, or null. */
  @WireName("order.place")
  record PlaceOrder(String itemId, int qty, Long expectPriceCents, String couponId) implements Command {
    public PlaceOrder(String itemId, int qty) {
      this(itemId, qty, null, null);
    }
  }

  @WireName("order.cancel")
  record CancelOrder(String orderId) implements Command {}

  @WireName("lottery.enter")
  record EnterLottery(String lotteryId, String keyword) implements Command {}

  /** The shop's payment notification: PAID or FAILED, for {@code amountCents} (it must be the order's). */
  @WireName("payment.record")
  record RecordPayment(String orderId, String status, String paymentId, long amountCents) implements Command {}

  /** The clock passed some deadlines: expire unpaid orders, close lotteries whose countdown ran out. */
  @WireName("show.expire")
  record Expire() implements Command {}

  // ---- promotions (docs/protocol.md §Promotions) ----

  /** Null {@code stock}: every unit of the item; the other nulls take the protocol's defaults. */
  @WireName("flash.schedule")
  record ScheduleFlash(String itemId, long priceCents, Integer startInSeconds, int durationSeconds, Long stock,
      Integer limitPerViewer, boolean confirm) implements Command {}

  @WireName("flash.cancel")
  record CancelFlash(String flashId) implements Command {}

  /** {@code couponName} is the protocol's {@code name}. Null {@code couponId}: the show names it; null {@code itemIds}: every item; null {@code claimSeconds}: until the end. */
  @WireName("coupon.create")
  record CreateCoupon(String couponId, String couponName, long amountOffCents, Long minSpendCents, List<String> itemIds,
      long total, Integer perViewer, Integer claimSeconds, boolean confirm) implements Command {}

  @WireName("coupon.issue")
  record IssueCoupon(String couponId) implements Command {}

  @WireName("coupon.stop")
  record StopCoupon(String couponId) implements Command {}

  @WireName("coupon.claim")
  record ClaimCoupon(String couponId) implements Command {}

  /** A viewer asks to be reminded when the draft show starts (预约); once per viewer. */
  @WireName("show.reserve")
  record Reserve() implements Command {}

  /** A viewer's comment (评论 / 弹幕): 1 to 200 characters once trimmed (docs/protocol.md §Comments). */
  @WireName("comment.post")
  record PostComment(String text) implements Command {}

  @WireName("comment.hide")
  record HideComment(String commentId) implements Command {}

  /** Pins a comment for the host's prompter; the one pinned before is unpinned. */
  @WireName("comment.pin")
  record PinComment(String commentId) implements Command {}

  @WireName("comment.unpin")
  record UnpinComment() implements Command {}

  /** A public answer to a comment, as the shop. */
  @WireName("comment.reply")
  record ReplyComment(String commentId, String text) implements Command {}

  /** Shadows a viewer's comments for a while: they see them, nobody else does. */
  @WireName("viewer.mute")
  record MuteViewer(String viewerId, int seconds) implements Command {}

  /** Adds to the show's blocked words, beside the configured {@code comments.blockedWords}. */
  @WireName("comments.block_words")
  record BlockWords(List<String> words) implements Command {}

  // ---- two-person rule (docs/protocol.md §Two-person rule) ----

  /** Applies a waiting cut; only a staff member other than the one who asked may. */
  @WireName("approval.grant")
  record GrantApproval(String approvalId) implements Command {}

  /** Drops a waiting cut; anyone of the staff, the one who asked included. */
  @WireName("approval.deny")
  record DenyApproval(String approvalId) implements Command {}
}
