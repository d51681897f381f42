package io.livedesk.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.livedesk.lottery.VerifiableDraw;
import io.livedesk.show.Actor;
import io.livedesk.show.Command;
import io.livedesk.show.Decision;
import io.livedesk.show.ItemRole;
import io.livedesk.show.ItemSpec;
import io.livedesk.show.PriceGuard;
import io.livedesk.show.Request;
import io.livedesk.show.ShowDecider;
import io.livedesk.show.ShowMeta;
import io.livedesk.show.ShowRules;
import io.livedesk.show.ShowState;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The demo's promotions stay within the price guard on every item of the sample sheet, as a careful technician's would. */
class DemoPromotionsTest {

  @Test
  @DisplayName("a demo flash price is a real cut, never below the floor nor past the guard")
  void flashPrices() throws Exception {
    PriceGuard guard = new PriceGuard(ShowRules.DEFAULT_PRICE_GUARD_BASIS_POINTS);
    for (ItemSpec spec : DemoShow.sampleSheet().items()) {
      if (spec.role() != ItemRole.MAIN) {
        continue;
      }
      StageView.Item item = new StageView.Item(spec.id(), spec.role(), true, spec.stock(), spec.livePriceCents(),
          spec.listPriceCents(), spec.floorPriceCents(), 0, spec.plannedSeconds(), spec.script(), false);
      Long price = DemoPromotions.flashPrice(item);
      if (price != null) {
        assertThat(price).as(spec.id()).isLessThan(spec.livePriceCents());
        assertThat(guard.concern(spec, price)).as(spec.id()).isNull();
      }
    }
  }

  @Test
  @DisplayName("the demo's coupon is created without a confirmation on the sample sheet")
  void couponPassesTheGuard() throws Exception {
    VerifiableDraw draw = new VerifiableDraw();
    ShowDecider decider = new ShowDecider(ShowRules.defaults(), draw);
    ShowState state = new ShowState(new ShowMeta("s-demo", "demo", null, 120, true, 0), draw);
    Decision loaded = decider.decide(state, Request.of(Actor.CONTROL, new Command.LoadRunSheet(DemoShow.sampleSheet())), 1);
    ((Decision.Accepted) loaded).events().forEach(event ->
        state.evolve(new io.livedesk.show.Recorded(state.seq() + 1, 1, Actor.CONTROL, null, null, event)));

    Decision coupon = decider.decide(state, Request.of(Actor.CONTROL, new Command.CreateCoupon(null, "直播间专享券",
        DemoPromotions.COUPON_OFF_CENTS, DemoPromotions.COUPON_MIN_SPEND_CENTS, null, DemoPromotions.COUPON_TOTAL, 1,
        null, false)), 2);

    assertThat(coupon).isInstanceOf(Decision.Accepted.class);
  }
}
