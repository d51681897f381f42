package io.livedesk.show;

import static io.livedesk.show.Scenario.viewer;
import static org.assertj.core.api.Assertions.assertThat;

import io.livedesk.show.Command.CancelOrder;
import io.livedesk.show.Command.ClaimCoupon;
import io.livedesk.show.Command.CreateCoupon;
import io.livedesk.show.Command.Expire;
import io.livedesk.show.Command.IssueCoupon;
import io.livedesk.show.Command.PlaceOrder;
import io.livedesk.show.Command.StopCoupon;
import io.livedesk.show.Event.CouponClaimed;
import io.livedesk.show.Event.CouponCreated;
import io.livedesk.show.Event.CouponIssued;
import io.livedesk.show.Event.CouponStopped;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("coupons: coupon.create, issue, stop, claim, and their use at order.place")
class CouponRulesTest {

  /** GRAPE 88 yuan (list 100), PEACH 80 yuan (list 100, floor 60); holds of a minute. */
  private final Scenario show = Scenario.live(Scenario.holdSeconds(60), item("GRAPE", 8_800, null),
      item("PEACH", 8_000, 6_000L));

  private static ItemSpec item(String id, long price, Long floor) {
    return new ItemSpec(id, ItemRole.MAIN, "item " + id, 10_000, price, floor, 100, null, 300, null, List.of(), null,
        null, List.of(), 0);
  }

  private static CreateCoupon coupon(String id, long off, Long minSpend, List<String> items, long total, Integer perViewer) {
    return new CreateCoupon(id, "立减" + off / 100 + "元", off, minSpend, items, total, perViewer, null, false);
  }

  private void issued(CreateCoupon create) {
    show.given(Actor.CONTROL, create);
    show.given(Actor.CONTROL, new IssueCoupon(create.couponId()));
  }

  /** The id of the order the viewer placed for {@code qty} grapes with the coupon. */
  private String grapesWith(String viewerId, int qty, String couponId) {
    return (String) show.given(viewer(viewerId), new PlaceOrder("GRAPE", qty, null, couponId)).get("orderId");
  }

  /** The coupon issued, claimed by v1 and used on v1's order for {@code qty} grapes: that order's id. */
  private String usedByV1(CreateCoupon create, int qty) {
    issued(create);
    claim("v1", create.couponId());
    return grapesWith("v1", qty, create.couponId());
  }

  private Map<String, Object> claim(String viewerId, String couponId) {
    return show.given(viewer(viewerId), new ClaimCoupon(couponId));
  }

  @Test
  @DisplayName("a coupon is created, issued, claimed and taken off the order's amount")
  void createIssueClaimUse() {
    assertThat(show.when(Actor.CONTROL, coupon("C10", 1_000, 5_000L, null, 100, null)).accepted().events()).containsExactly(
        new CouponCreated("C10", "立减10元", 1_000, 5_000, null, 100, 1, null, false));
    assertThat(show.when(Actor.CONTROL, new IssueCoupon("C10")).accepted().events()).containsExactly(
        new CouponIssued("C10", "立减10元", 1_000, 5_000, null, 100, 1, null));
    assertThat(show.when(viewer("v1"), new ClaimCoupon("C10")).accepted().events()).containsExactly(new CouponClaimed("C10", "v1"));

    Map<String, Object> order = show.given(viewer("v1"), new PlaceOrder("GRAPE", 2, null, "C10"));

    assertThat(order).containsEntry("priceCents", 8_800L).containsEntry("amountCents", 16_600L)
        .containsEntry("discountCents", 1_000L).containsEntry("couponId", "C10");
    Coupon coupon = show.state().promotions().coupon("C10");
    assertThat(coupon.claimed()).isEqualTo(1);
    assertThat(coupon.usage().orders()).isEqualTo(1);
    assertThat(coupon.usage().discountCents()).isEqualTo(1_000);
    assertThat(coupon.usage().gmvCents()).isEqualTo(16_600);
    assertThat(coupon.unusedOf("v1")).isZero();
    show.when(viewer("v1"), new PlaceOrder("GRAPE", 1, null, "C10")).rejectedWith(ErrorCode.NOT_ELIGIBLE); // a coupon is used once
  }

  @Test
  @DisplayName("claims never pass the total: the claim after the last one is SOLD_OUT")
  void neverMoreThanTotal() {
    issued(coupon("C5", 500, null, null, 3, null));
    for (String v : List.of("v1", "v2", "v3")) {
      claim(v, "C5");
    }

    show.when(viewer("v4"), new ClaimCoupon("C5")).rejectedWith(ErrorCode.SOLD_OUT);
    assertThat(show.state().promotions().coupon("C5").claimed()).isEqualTo(3);
    assertThat(show.state().promotions().coupon("C5").remaining()).isZero();
  }

  @Test
  @DisplayName("a claim answers what is left; past perViewer it is LIMIT_EXCEEDED")
  void perViewer() {
    issued(coupon("C5", 500, null, null, 10, 2));

    assertThat(claim("v1", "C5")).containsEntry("remaining", 9L);
    assertThat(claim("v1", "C5")).containsEntry("remaining", 8L);
    show.when(viewer("v1"), new ClaimCoupon("C5")).rejectedWith(ErrorCode.LIMIT_EXCEEDED);
    assertThat(show.state().promotions().coupon("C5").unusedOf("v1")).isEqualTo(2);
  }

  @Test
  @DisplayName("a coupon not issued, stopped, or past its claim window answers CONFLICT; an unknown one NOT_FOUND")
  void notClaimable() {
    show.given(Actor.CONTROL, coupon("C5", 500, null, null, 10, null));
    show.when(viewer("v1"), new ClaimCoupon("C5")).rejectedWith(ErrorCode.CONFLICT);

    show.given(Actor.CONTROL, new CreateCoupon("W", "限时券", 500, null, null, 10, null, 30, false));
    Map<String, Object> issued = show.given(Actor.CONTROL, new IssueCoupon("W"));
    assertThat(issued).containsEntry("claimUntil", show.now() + 30_000);
    show.advance(30_000);
    show.when(viewer("v1"), new ClaimCoupon("W")).rejectedWith(ErrorCode.CONFLICT);

    show.given(Actor.CONTROL, new IssueCoupon("C5"));
    claim("v1", "C5");
    assertThat(show.when(Actor.CONTROL, new StopCoupon("C5")).accepted().events()).containsExactly(new CouponStopped("C5"));
    assertThat(show.when(Actor.CONTROL, new StopCoupon("C5")).accepted().events()).isEmpty();
    show.when(viewer("v2"), new ClaimCoupon("C5")).rejectedWith(ErrorCode.CONFLICT);
    show.when(Actor.CONTROL, new IssueCoupon("C5")).rejectedWith(ErrorCode.CONFLICT);
    assertThat(show.given(viewer("v1"), new PlaceOrder("GRAPE", 1, null, "C5")))
        .as("a coupon claimed before the stop is still the viewer's").containsEntry("discountCents", 500L);
    show.when(viewer("v1"), new ClaimCoupon("NOPE")).rejectedWith(ErrorCode.NOT_FOUND);
  }

  @Test
  @DisplayName("NOT_ELIGIBLE: a coupon the viewer does not hold, one for another item, an order under its minimum")
  void notEligible() {
    issued(coupon("PEACH5", 500, 10_000L, List.of("PEACH"), 10, null));
    show.when(viewer("v1"), new PlaceOrder("PEACH", 2, null, "PEACH5")).rejectedWith(ErrorCode.NOT_ELIGIBLE);
    claim("v1", "PEACH5");

    show.when(viewer("v1"), new PlaceOrder("GRAPE", 2, null, "PEACH5")).rejectedWith(ErrorCode.NOT_ELIGIBLE);
    show.when(viewer("v1"), new PlaceOrder("PEACH", 1, null, "PEACH5")).rejectedWith(ErrorCode.NOT_ELIGIBLE); // 80 yuan is under the 100 yuan minimum
    assertThat(show.given(viewer("v1"), new PlaceOrder("PEACH", 2, null, "PEACH5")))
        .containsEntry("amountCents", 15_500L);
  }

  @Test
  @DisplayName("a cancelled or expired order gives the coupon back to its viewer")
  void givenBack() {
    String first = usedByV1(coupon("C5", 500, null, null, 10, null), 1);
    show.given(viewer("v1"), new CancelOrder(first));

    Coupon coupon = show.state().promotions().coupon("C5");
    assertThat(coupon.unusedOf("v1")).isEqualTo(1);
    assertThat(coupon.usage().orders()).isZero();
    assertThat(coupon.usage().discountCents()).isZero();

    show.given(viewer("v1"), new PlaceOrder("GRAPE", 1, null, "C5"));
    show.advance(60_000);
    show.when(Actor.SYSTEM, new Expire()).accepted().events();
    assertThat(coupon.unusedOf("v1")).isEqualTo(1);
    assertThat(coupon.usage().orders()).isZero();
    assertThat(coupon.claimed()).as("a coupon given back is the viewer's, not the pool's").isEqualTo(1);
  }

  @Test
  @DisplayName("a coupon larger than the order takes it to 0, never below; the payment is for what is left")
  void neverBelowZero() {
    show.given(Actor.CONTROL, new CreateCoupon("BIG", "大额券", 20_000, null, List.of("GRAPE"), 1, null, null, true));
    show.given(Actor.CONTROL, new IssueCoupon("BIG"));
    claim("v1", "BIG");

    Map<String, Object> order = show.given(viewer("v1"), new PlaceOrder("GRAPE", 1, null, "BIG"));

    assertThat(order).containsEntry("amountCents", 0L).containsEntry("discountCents", 8_800L);
    String orderId = (String) order.get("orderId");
    assertThat(show.given(Actor.PAYMENT, show.payment(orderId, "PAID", "p-1"))).containsEntry("status", "PAID");
  }

  @Test
  @DisplayName("the guard covers coupons: one unit below its floor or past the cut needs confirm, naming the price")
  void guard() {
    ShowError floor = show.when(Actor.CONTROL, coupon("C25", 2_500, null, List.of("PEACH"), 10, null)).rejectedWith(ErrorCode.PRICE_GUARD);

    assertThat(floor.getMessage()).contains("PEACH").contains("55.00");

    ShowError cut = show.when(Actor.CONTROL, coupon("C40", 4_000, null, List.of("GRAPE"), 10, null)).rejectedWith(ErrorCode.PRICE_GUARD);


    show.given(Actor.CONTROL, coupon("C20", 2_000, null, List.of("PEACH"), 10, null));
    show.given(Actor.CONTROL, coupon("M", 4_000, 10_000L, null, 10, null));
    assertThat(show.when(Actor.CONTROL, new CreateCoupon("OK", "确认", 2_500, null, null, 10, null, null, true)).accepted().events())
        .containsExactly(new CouponCreated("OK", "确认", 2_500, 0, null, 10, 1, null, true));
  }

  @Test
  @DisplayName("a staff price cut is judged with the coupons that cover the item")
  void priceCutWithCoupon() {
    show.given(Actor.CONTROL, coupon("C20", 2_000, null, List.of("PEACH"), 10, null));

    ShowError error = show.when(Actor.CONTROL, new Command.SetPrice("PEACH", 7_500, false)).rejectedWith(ErrorCode.PRICE_GUARD);


    assertThat(error.getMessage()).contains("C20").contains("55.00");
    show.given(Actor.CONTROL, new Command.SetPrice("PEACH", 7_500, true));
    show.given(Actor.CONTROL, new Command.SetPrice("GRAPE", 7_500, false));
  }

  @Test
  @DisplayName("a coupon is judged with a flash sale already scheduled on its item")
  void guardWithFlash() {
    show.given(Actor.CONTROL, new Command.ScheduleFlash("PEACH", 7_000, 60, 60, null, null, false));

    ShowError error = show.when(Actor.CONTROL, coupon("C15", 1_500, null, List.of("PEACH"), 10, null)).rejectedWith(ErrorCode.PRICE_GUARD);


    assertThat(error.getMessage()).contains("55.00").contains("flash sale");
  }

  @Test
  @DisplayName("every field is bounded and answered INVALID_ARGUMENT; a taken id is CONFLICT; an unknown item NOT_FOUND")
  void bounds() {
    for (CreateCoupon bad : List.of(
        new CreateCoupon("x", "", 500, null, null, 10, null, null, false),
        new CreateCoupon("x", "券".repeat(ShowRules.MAX_COUPON_NAME_LENGTH + 1), 500, null, null, 10, null, null, false),
        new CreateCoupon("x", "券", 0, null, null, 10, null, null, false),
        new CreateCoupon("x", "券", ShowRules.MAX_PRICE_CENTS + 1, null, null, 10, null, null, false),
        new CreateCoupon("x", "券", 500, -1L, null, 10, null, null, false),
        new CreateCoupon("x", "券", 500, null, List.of(), 10, null, null, false),
        new CreateCoupon("x", "券", 500, null, null, 0, null, null, false),
        new CreateCoupon("x", "券", 500, null, null, ShowRules.MAX_COUPON_TOTAL + 1, null, null, false),
        new CreateCoupon("x", "券", 500, null, null, 10, 0, null, false),
        new CreateCoupon("x", "券", 500, null, null, 10, ShowRules.MAX_COUPONS_PER_VIEWER + 1, null, false),
        new CreateCoupon("x", "券", 500, null, null, 10, null, 0, false),
        new CreateCoupon("x", "券", 500, null, null, 10, null, ShowRules.MAX_CLAIM_SECONDS + 1, false),
        new CreateCoupon("a b", "券", 500, null, null, 10, null, null, false),
        new CreateCoupon("x".repeat(ShowRules.MAX_COUPON_ID_LENGTH + 1), "券", 500, null, null, 10, null, null, false))) {
      show.when(Actor.CONTROL, bad).rejectedWith(ErrorCode.INVALID_ARGUMENT);
    }
    show.when(Actor.CONTROL, coupon("x", 500, null, List.of("NOPE"), 10, null)).rejectedWith(ErrorCode.NOT_FOUND);
    Map<String, Object> named = show.given(Actor.CONTROL, coupon(null, 500, null, null, 10, null));
    assertThat((String) named.get("couponId")).startsWith("c");
    show.given(Actor.CONTROL, coupon("C5", 500, null, null, 10, null));
    show.when(Actor.CONTROL, coupon("C5", 500, null, null, 10, null)).rejectedWith(ErrorCode.CONFLICT);
    show.when(viewer("v1"), coupon("C6", 500, null, null, 10, null)).rejectedWith(ErrorCode.FORBIDDEN);
    show.when(Actor.CONTROL, new ClaimCoupon("C5")).rejectedWith(ErrorCode.FORBIDDEN);
  }

  @Test
  @DisplayName("a paid coupon order counts in paid GMV for what it was paid, not its price before the discount")
  void paidGmvAfterDiscount() {
    String orderId = usedByV1(coupon("C10", 1_000, null, null, 10, null), 2);
    show.given(Actor.PAYMENT, show.payment(orderId, "PAID", "p-1"));

    io.livedesk.report.Tally totals = io.livedesk.report.Totals.of(show.state(), show.figures(), show.now()).tally();

    assertThat(totals.gmvCents()).isEqualTo(16_600);
    assertThat(totals.paidGmvCents()).isEqualTo(16_600);
    assertThat(show.state().order(orderId).dueCents(show.item("GRAPE"))).isEqualTo(16_600);
  }

  @Test
  @DisplayName("replaying the history gives the same coupons: claimed, used, each viewer's in hand")
  void replay() {
    issued(coupon("C5", 500, null, null, 10, 2));
    claim("v1", "C5");
    claim("v1", "C5");
    claim("v2", "C5");
    show.given(viewer("v1"), new PlaceOrder("GRAPE", 1, null, "C5"));
    String cancelled = grapesWith("v2", 1, "C5");
    show.given(viewer("v2"), new CancelOrder(cancelled));

    Coupon replayed = show.replayed().promotions().coupon("C5");

    assertThat(replayed.claimed()).isEqualTo(3);
    assertThat(replayed.usage().orders()).isEqualTo(1);
    assertThat(replayed.unusedOf("v1")).isEqualTo(1);
    assertThat(replayed.unusedOf("v2")).isEqualTo(1);
    assertThat(replayed.usage().discountCents()).isEqualTo(500);
  }
}
