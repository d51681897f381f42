package io.livedesk.show;

import static io.livedesk.show.Scenario.T0;
import static io.livedesk.show.Scenario.viewer;
import static org.assertj.core.api.Assertions.assertThat;

import io.livedesk.show.Command.CancelFlash;
import io.livedesk.show.Command.CreateCoupon;
import io.livedesk.show.Command.EndShow;
import io.livedesk.show.Command.Expire;
import io.livedesk.show.Command.PlaceOrder;
import io.livedesk.show.Command.ScheduleFlash;
import io.livedesk.show.Command.SetPrice;
import io.livedesk.show.Event.FlashEnded;
import io.livedesk.show.Event.FlashScheduled;
import io.livedesk.show.Event.FlashStarted;
import io.livedesk.show.Event.PriceChanged;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("flash sales: flash.schedule, flash.cancel, the clock, and orders in a sale")
class FlashSaleRulesTest {

  /** GRAPE sells at 88 yuan (list 100); PEACH at 80 (list 100) has a floor of 60 yuan. */
  private final Scenario show = Scenario.live(
      new ItemSpec("GRAPE", ItemRole.MAIN, "grape", 10_000, 8_800, null, 100, null, 300, null, List.of(), null,
          null, List.of(), 0),
      new ItemSpec("PEACH", ItemRole.MAIN, "peach", 10_000, 8_000, 6_000L, 50, null, 300, null, List.of(), null,
          null, List.of(), 0));

  private static ScheduleFlash flash(String itemId, long price, int startIn, int seconds, Long stock, Integer limit) {
    return new ScheduleFlash(itemId, price, startIn, seconds, stock, limit, false);
  }

  private String schedule(ScheduleFlash command) {
    return (String) show.given(Actor.CONTROL, command).get("flashId");
  }

  private List<Event> tick(long at) {
    show.at(at);
    return show.when(Actor.SYSTEM, new Expire()).accepted().events();
  }

  @Test
  @DisplayName("a sale counts down, starts and ends by the clock, and the price comes back to what it was")
  void startsAndEndsByTheClock() {
    Map<String, Object> scheduled = show.given(Actor.CONTROL, flash("GRAPE", 5_900, 10, 60, null, null));
    String id = (String) scheduled.get("flashId");
    assertThat(scheduled).containsEntry("startsAt", T0 + 10_000).containsEntry("endsAt", T0 + 70_000);
    assertThat(show.history().get(show.history().size() - 1).event())
        .isEqualTo(new FlashScheduled(id, "GRAPE", 5_900, T0 + 10_000, T0 + 70_000, null, 1, false));
    assertThat(show.item("GRAPE").currentPriceCents()).isEqualTo(8_800);
    assertThat(show.state().nextDeadline()).isEqualTo(T0 + 10_000);

    assertThat(tick(T0 + 9_999)).isEmpty();
    assertThat(tick(T0 + 10_000)).containsExactly(new FlashStarted(id),
        new PriceChanged("GRAPE", 8_800, 5_900, false, false, "flash_start"));
    assertThat(show.item("GRAPE").currentPriceCents()).isEqualTo(5_900);
    assertThat(show.state().nextDeadline()).isEqualTo(T0 + 70_000);

    Map<String, Object> order = show.given(viewer("v1"), new PlaceOrder("GRAPE", 1));
    assertThat(order).containsEntry("priceCents", 5_900L).containsEntry("amountCents", 5_900L)
        .containsEntry("flashId", id);

    assertThat(tick(T0 + 70_000)).containsExactly(new FlashEnded(id, "time", 1),
        new PriceChanged("GRAPE", 5_900, 8_800, false, false, "flash_end"));
    assertThat(show.item("GRAPE").currentPriceCents()).isEqualTo(8_800);
    assertThat(show.item("GRAPE").hasPriceHistory()).as("revert_price has nothing of the sale's").isFalse();
    assertThat(show.state().promotions().flash(id).status()).isEqualTo(FlashSale.Status.ENDED);
    assertThat(show.state().nextDeadline()).isGreaterThan(T0 + 70_000);
  }

  @Test
  @DisplayName("a countdown of 0 starts the sale in the same decision")
  void startsAtOnce() {
    List<Event> events = show.when(Actor.CONTROL, flash("GRAPE", 5_900, 0, 30, null, null)).accepted().events();

    assertThat(events).hasSize(3);
    assertThat(events.get(1)).isInstanceOf(FlashStarted.class);
    assertThat(show.item("GRAPE").currentPriceCents()).isEqualTo(5_900);
  }

  @Test
  @DisplayName("selling the sale's last unit ends it early; the item keeps its other units at its own price")
  void sellingOutEndsEarly() {
    String id = schedule(flash("GRAPE", 5_900, 0, 600, 2L, 2));
    show.advance(1_000);
    show.given(viewer("v1"), new PlaceOrder("GRAPE", 1));
    assertThat(show.when(viewer("v2"), new PlaceOrder("GRAPE", 2)).decision()).isInstanceOf(Decision.Rejected.class);

    List<Event> last = show.when(viewer("v2"), new PlaceOrder("GRAPE", 1)).accepted().events();

    assertThat(last.subList(1, last.size())).containsExactly(new FlashEnded(id, "sold_out", 2),
        new PriceChanged("GRAPE", 5_900, 8_800, false, false, "flash_end"));
    assertThat(show.item("GRAPE").stock()).isEqualTo(98);
    assertThat(show.given(viewer("v3"), new PlaceOrder("GRAPE", 1))).containsEntry("priceCents", 8_800L)
        .doesNotContainKey("flashId");
    assertThat(show.state().promotions().flash(id).soldOutAt()).isEqualTo(show.now() - 0);
  }

  @Test
  @DisplayName("a sale's units and per-viewer limit are kept: SOLD_OUT past its units, LIMIT_EXCEEDED past the limit")
  void unitsAndLimit() {
    schedule(flash("GRAPE", 5_900, 0, 600, 5L, 2));
    show.given(viewer("v1"), new PlaceOrder("GRAPE", 2));

    show.when(viewer("v1"), new PlaceOrder("GRAPE", 1)).rejectedWith(ErrorCode.LIMIT_EXCEEDED);
    show.when(viewer("v2"), new PlaceOrder("GRAPE", 3)).rejectedWith(ErrorCode.LIMIT_EXCEEDED);
    show.given(viewer("v2"), new PlaceOrder("GRAPE", 2));
    show.when(viewer("v3"), new PlaceOrder("GRAPE", 2)).rejectedWith(ErrorCode.SOLD_OUT);
  }

  @Test
  @DisplayName("a cancelled order gives its units back to the live sale")
  void cancelledOrderGivesUnitsBack() {
    String id = schedule(flash("GRAPE", 5_900, 0, 600, 2L, 1));
    String order = show.order("v1", "GRAPE", 1);
    show.given(viewer("v1"), new Command.CancelOrder(order));

    assertThat(show.state().promotions().flash(id).sold()).isZero();
    show.order("v2", "GRAPE", 1);
    show.order("v1", "GRAPE", 1);
    assertThat(show.state().promotions().flash(id).status()).isEqualTo(FlashSale.Status.ENDED);
  }

  @Test
  @DisplayName("a buyer who saw the sale's price is told CONFLICT, with the price now, once it has sold out")
  void expectedPriceConflict() {
    schedule(flash("GRAPE", 5_900, 0, 600, 1L, 1));
    show.order("v1", "GRAPE", 1);

    ShowError error = show.when(viewer("v2"), new PlaceOrder("GRAPE", 1, 5_900L, null)).rejectedWith(ErrorCode.CONFLICT);


    assertThat(error.details()).containsExactly(new ShowError.Detail(null, "priceCents", "8800"));
    assertThat(show.given(viewer("v2"), new PlaceOrder("GRAPE", 1, 8_800L, null))).containsEntry("priceCents", 8_800L);
  }

  @Test
  @DisplayName("a restart in the middle of a sale replays to the same state and ends it by the clock")
  void restartInTheMiddle() {
    String id = schedule(flash("GRAPE", 5_900, 10, 60, null, 3));
    tick(T0 + 10_000);
    show.advance(5_000);
    show.order("v1", "GRAPE", 2);

    ShowState replayed = show.replayed();
    assertThat(replayed.item("GRAPE").currentPriceCents()).isEqualTo(5_900);
    assertThat(replayed.promotions().flash(id).sold()).isEqualTo(2);
    assertThat(replayed.promotions().flash(id).unitsOf("v1")).isEqualTo(2);
    assertThat(replayed.nextDeadline()).isEqualTo(T0 + 70_000);

    Decision after = show.decider().decide(replayed, Request.of(Actor.SYSTEM, new Expire()), T0 + 70_000);
    assertThat(((Decision.Accepted) after).events()).containsExactly(new FlashEnded(id, "time", 2),
        new PriceChanged("GRAPE", 5_900, 8_800, false, false, "flash_end"));
  }

  @Test
  @DisplayName("a sale whose whole window passed while the server was down ends without touching the price")
  void downThroughTheWholeSale() {
    String id = schedule(flash("GRAPE", 5_900, 10, 60, null, null));

    assertThat(tick(T0 + 3_600_000)).containsExactly(new FlashEnded(id, "time", 0));
    assertThat(show.item("GRAPE").currentPriceCents()).isEqualTo(8_800);
  }

  @Test
  @DisplayName("the price guard judges the flash price; confirm lets it through and is recorded")
  void guard() {
    show.when(Actor.CONTROL, flash("PEACH", 5_000, 10, 60, null, null)).rejectedWith(ErrorCode.PRICE_GUARD);
    show.when(Actor.CONTROL, flash("GRAPE", 4_999, 10, 60, null, null)).rejectedWith(ErrorCode.PRICE_GUARD); // more than half off the list price of 100 yuan

    show.given(Actor.CONTROL, new ScheduleFlash("PEACH", 5_000, 10, 60, null, null, true));
    assertThat(((FlashScheduled) show.history().get(show.history().size() - 1).event()).confirmed()).isTrue();
  }

  @Test
  @DisplayName("a flash price and a coupon are judged together")
  void flashAndCouponTogether() {
    show.given(Actor.CONTROL, new CreateCoupon("C10", "立减10元", 1_000, null, List.of("PEACH"), 100, null, null, false));

    ShowError error = show.when(Actor.CONTROL, flash("PEACH", 6_500, 10, 60, null, null)).rejectedWith(ErrorCode.PRICE_GUARD);


    assertThat(error.getMessage()).contains("C10").contains("55.00");
    show.given(Actor.CONTROL, flash("PEACH", 7_000, 10, 60, null, null));
  }

  @Test
  @DisplayName("every field is bounded: countdown 0–3600 s, duration 10–3600 s, units, limit, price")
  void bounds() {
    for (ScheduleFlash bad : List.of(flash("GRAPE", 5_900, 3_601, 60, null, null), flash("GRAPE", 5_900, -1, 60, null, null),
        flash("GRAPE", 5_900, 10, 9, null, null), flash("GRAPE", 5_900, 10, 3_601, null, null),
        flash("GRAPE", 5_900, 10, 60, 0L, null), flash("GRAPE", 5_900, 10, 60, ShowRules.MAX_STOCK + 1, null),
        flash("GRAPE", 5_900, 10, 60, null, 0), flash("GRAPE", 5_900, 10, 60, null, 1_000),
        flash("GRAPE", 0, 10, 60, null, null), flash("GRAPE", 10_001, 10, 60, null, null))) {
      show.when(Actor.CONTROL, bad).rejectedWith(ErrorCode.INVALID_ARGUMENT);
    }
    show.when(Actor.CONTROL, flash("NOPE", 5_900, 10, 60, null, null)).rejectedWith(ErrorCode.NOT_FOUND);
    show.when(viewer("v1"), flash("GRAPE", 5_900, 10, 60, null, null)).rejectedWith(ErrorCode.FORBIDDEN);
  }

  @Test
  @DisplayName("one sale at a time on an item, and staff cannot move its price while it runs")
  void oneAtATime() {
    schedule(flash("GRAPE", 5_900, 0, 60, null, null));

    show.when(Actor.CONTROL, flash("GRAPE", 6_900, 10, 60, null, null)).rejectedWith(ErrorCode.CONFLICT);
    show.when(Actor.CONTROL, new SetPrice("GRAPE", 7_000, false)).rejectedWith(ErrorCode.CONFLICT);
    show.when(Actor.CONTROL, new Command.RevertPrice("GRAPE")).rejectedWith(ErrorCode.CONFLICT);
  }

  @Test
  @DisplayName("cancelling a live sale ends it with reason cancelled and brings the price back; twice is CONFLICT")
  void cancel() {
    String id = schedule(flash("GRAPE", 5_900, 0, 60, null, null));

    assertThat(show.when(Actor.CONTROL, new CancelFlash(id)).accepted().events()).containsExactly(new FlashEnded(id, "cancelled", 0),
        new PriceChanged("GRAPE", 5_900, 8_800, false, false, "flash_end"));
    assertThat(show.state().promotions().flash(id).status()).isEqualTo(FlashSale.Status.CANCELLED);
    show.when(Actor.CONTROL, new CancelFlash(id)).rejectedWith(ErrorCode.CONFLICT);
    show.when(Actor.CONTROL, new CancelFlash("f404")).rejectedWith(ErrorCode.NOT_FOUND);
  }

  @Test
  @DisplayName("the show's end ends a live sale and cancels one still counting down")
  void endOfShow() {
    String live = schedule(flash("GRAPE", 5_900, 0, 600, null, null));
    String later = schedule(flash("PEACH", 7_000, 300, 60, null, null));

    List<Event> events = show.when(Actor.CONTROL, new EndShow()).accepted().events();

    assertThat(events).startsWith(new FlashEnded(live, "time", 0),
        new PriceChanged("GRAPE", 5_900, 8_800, false, false, "flash_end"), new FlashEnded(later, "cancelled", 0));
    assertThat(show.item("GRAPE").currentPriceCents()).isEqualTo(8_800);
    assertThat(show.state().nextDeadline()).isEqualTo(Long.MAX_VALUE);
  }
}
