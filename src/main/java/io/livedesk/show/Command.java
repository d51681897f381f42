package io.livedesk.show;

import java.util.List;

/**
 * Everything anyone can ask of a show. Time and randomness are not in here: time comes with the
 * decision, a lottery's secret seed comes with {@link OpenLottery}.
 */
public sealed interface Command {

  /** The protocol name of the command, as clients send it in {@code cmd}. */
  String name();

  record StartShow() implements Command {
    public String name() { return "show.start"; }
  }

  record EndShow() implements Command {
    public String name() { return "show.end"; }
  }

  record LoadRunSheet(RunSheet sheet) implements Command {
    public String name() { return "runsheet.load"; }
  }

  /** Cue an item, or the opening or closing segment; optionally put the item on the shelf too. */
  record CueGo(String itemId, String segment, boolean list) implements Command {
    public String name() { return "cue.go"; }
  }

  record CueNext() implements Command {
    public String name() { return "cue.next"; }
  }

  record CuePrev() implements Command {
    public String name() { return "cue.prev"; }
  }

  record SwapItem(String itemId, String backupId) implements Command {
    public String name() { return "runsheet.swap"; }
  }

  record ListItem(String itemId) implements Command {
    public String name() { return "item.list"; }
  }

  record DelistItem(String itemId) implements Command {
    public String name() { return "item.delist"; }
  }

  record SetPrice(String itemId, long priceCents, boolean confirm) implements Command {
    public String name() { return "item.set_price"; }
  }

  record RevertPrice(String itemId) implements Command {
    public String name() { return "item.revert_price"; }
  }

  record SetStock(String itemId, long stock) implements Command {
    public String name() { return "item.set_stock"; }
  }

  record AddStock(String itemId, long delta) implements Command {
    public String name() { return "item.add_stock"; }
  }

  record PublishAnnouncement(String text, boolean pinned) implements Command {
    public String name() { return "announce.publish"; }
  }

  record RetractAnnouncement(String announcementId) implements Command {
    public String name() { return "announce.retract"; }
  }

  record SendNote(String text) implements Command {
    public String name() { return "cue.note"; }
  }

  /** The host acknowledges a note, or (with {@code seq}) a price change flashing on the prompter. */
  record Ack(String noteId, Long seq) implements Command {
    public String name() { return "cue.ack"; }
  }

  record OpenLottery(String itemId, int winners, LotteryRule rule, Integer seconds, byte[] seed)
      implements Command {
    public String name() { return "lottery.open"; }
  }

  record CloseLottery(String lotteryId) implements Command {
    public String name() { return "lottery.close"; }
  }

  record DrawLottery(String lotteryId) implements Command {
    public String name() { return "lottery.draw"; }
  }

  /** A viewer socket opened on a node. */
  record Join(String node) implements Command {
    public String name() { return "viewer.join"; }
  }

  /** A viewer socket closed on a node. */
  record Leave(String node) implements Command {
    public String name() { return "viewer.leave"; }
  }

  /** A node is gone: every socket it held is closed. */
  record DropNode(String node) implements Command {
    public String name() { return "presence.drop_node"; }
  }

  record Click(String itemId) implements Command {
    public String name() { return "viewer.click"; }
  }

  record Subscribe() implements Command {
    public String name() { return "viewer.subscribe"; }
  }

  /** {@code expectPriceCents}: the unit price the buyer saw, or null; {@code couponId}: a coupon to apply, or null. */
  record PlaceOrder(String itemId, int qty, Long expectPriceCents, String couponId) implements Command {
    public PlaceOrder(String itemId, int qty) {
      this(itemId, qty, null, null);
    }

    public String name() { return "order.place"; }
  }

  record CancelOrder(String orderId) implements Command {
    public String name() { return "order.cancel"; }
  }

  record EnterLottery(String lotteryId, String keyword) implements Command {
    public String name() { return "lottery.enter"; }
  }

  /** The shop's payment notification: PAID or FAILED, for {@code amountCents} (it must be the order's). */
  record RecordPayment(String orderId, String status, String paymentId, long amountCents) implements Command {
    public String name() { return "payment.record"; }
  }

  /** The clock passed some deadlines: expire unpaid orders, close lotteries whose countdown ran out. */
  record Expire() implements Command {
    public String name() { return "show.expire"; }
  }

  // ---- promotions (docs/protocol.md §Promotions) ----

  /** Null {@code stock}: every unit of the item; the other nulls take the protocol's defaults. */
  record ScheduleFlash(String itemId, long priceCents, Integer startInSeconds, int durationSeconds, Long stock,
      Integer limitPerViewer, boolean confirm) implements Command {
    public String name() { return "flash.schedule"; }
  }

  record CancelFlash(String flashId) implements Command {
    public String name() { return "flash.cancel"; }
  }

  /** {@code couponName} is the protocol's {@code name}. Null {@code couponId}: the show names it; null {@code itemIds}: every item; null {@code claimSeconds}: until the end. */
  record CreateCoupon(String couponId, String couponName, long amountOffCents, Long minSpendCents, List<String> itemIds,
      long total, Integer perViewer, Integer claimSeconds, boolean confirm) implements Command {
    public String name() { return "coupon.create"; }
  }

  record IssueCoupon(String couponId) implements Command {
    public String name() { return "coupon.issue"; }
  }

  record StopCoupon(String couponId) implements Command {
    public String name() { return "coupon.stop"; }
  }

  record ClaimCoupon(String couponId) implements Command {
    public String name() { return "coupon.claim"; }
  }
}
