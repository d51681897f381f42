package io.livedesk.demo;

import io.livedesk.engine.Reply;
import io.livedesk.show.Command;
import io.livedesk.show.ItemRole;
import io.vertx.core.Future;
import java.util.Random;
import java.util.function.Function;

/**
 * The autopilot's promotions in the demo: one live-room coupon issued early in the show, and now and then
 * a flash sale on the item on air, counted down and run as a technician would, never past the price guard.
 */
final class DemoPromotions {

  static final int FLASH_COUNTDOWN_SECONDS = 10;
  static final int FLASH_SECONDS = 30;
  static final long FLASH_UNITS = 20;
  /** 满99减10, for every item: a coupon that leaves every demo item above its floor. */
  static final long COUPON_MIN_SPEND_CENTS = 9_900;
  static final long COUPON_OFF_CENTS = 1_000;
  static final long COUPON_TOTAL = 300;

  private final Random random;
  private final Function<Command, Future<Reply>> send;
  private boolean couponTried;

  DemoPromotions(Random random, Function<Command, Future<Reply>> send) {
    this.random = random;
    this.send = send;
  }

  /** Called on every check of a live show with the item on air and how long it has been. */
  void check(StageView view, StageView.Item onAir, long onAirMillis, long slotMillis) {
    if (!couponTried && view.promotions().coupons() == 0) {
      couponTried = true;
      send.apply(new Command.CreateCoupon(null, "直播间专享券", COUPON_OFF_CENTS, COUPON_MIN_SPEND_CENTS, null,
          COUPON_TOTAL, 1, null, false)).onSuccess(reply -> send.apply(
              new Command.IssueCoupon(String.valueOf(reply.result().get("couponId")))));
    }
    if (onAir != null && onAir.role() == ItemRole.MAIN && onAir.onShelf() && onAirMillis > slotMillis / 4
        && !view.promotions().itemsWithFlash().contains(onAir.id()) && random.nextDouble() < 0.5) {
      Long price = flashPrice(onAir);
      if (price != null) {
        send.apply(new Command.ScheduleFlash(onAir.id(), price, FLASH_COUNTDOWN_SECONDS, FLASH_SECONDS,
            Math.min(FLASH_UNITS, Math.max(1, onAir.stock())), 1, false));
      }
    }
  }

  /** About 15% off, but never below the floor or past half the list price; null when no cut is left. */
  static Long flashPrice(StageView.Item item) {
    long lowest = Math.max(item.floorPriceCents() == null ? 1 : item.floorPriceCents(),
        (item.listPriceCents() + 1) / 2);
    long price = Math.max(lowest, item.priceCents() * 85 / 100 / 10 * 10);
    return price < item.priceCents() ? price : null;
  }
}
