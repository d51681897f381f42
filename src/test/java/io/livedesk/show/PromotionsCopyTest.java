package io.livedesk.show;

import static io.livedesk.show.Scenario.item;
import static io.livedesk.show.Scenario.viewer;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.livedesk.engine.Audience;
import io.livedesk.engine.WireFrames;
import io.livedesk.report.ShowFigures;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("a copy of the state carries its flash sales and coupons, independent of the original")
class PromotionsCopyTest {

  private final Scenario show = Scenario.live(item("GRAPE", 8_800, 100, null));

  @Test
  @DisplayName("the copy looks the same, decides the same, and changing it leaves the original alone")
  void copy() {
    String flash = (String) show.given(Actor.CONTROL,
        new Command.ScheduleFlash("GRAPE", 8_000, 0, 600, 5L, 2, true)).get("flashId");
    show.given(Actor.CONTROL, new Command.CreateCoupon("C5", "立减5元", 500, null, null, 10, 2, null, true));
    show.given(Actor.CONTROL, new Command.IssueCoupon("C5"));
    show.given(viewer("v1"), new Command.ClaimCoupon("C5"));
    show.given(viewer("v1"), new Command.PlaceOrder("GRAPE", 1, null, "C5"));

    ShowState copy = show.state().copy();

    assertThat(snapshot(copy)).isEqualTo(snapshot(show.state()));
    Request order = Request.of(viewer("v1"), new Command.PlaceOrder("GRAPE", 1));
    Decision onCopy = show.decider().decide(copy, order, show.now());
    assertThat(onCopy).isEqualTo(show.decider().decide(show.state(), order, show.now()));
    for (Event event : ((Decision.Accepted) onCopy).events()) {
      copy.evolve(new Recorded(copy.seq() + 1, show.now(), viewer("v1"), null, null, event));
    }
    copy.evolve(new Recorded(copy.seq() + 1, show.now(), viewer("v2"), null, null, new Event.CouponClaimed("C5", "v2")));

    assertThat(copy.promotions().flash(flash).sold()).isEqualTo(2);
    assertThat(show.state().promotions().flash(flash).sold()).isEqualTo(1);
    assertThat(copy.promotions().coupon("C5").claimed()).isEqualTo(2);
    assertThat(show.state().promotions().coupon("C5").claimed()).isEqualTo(1);
    assertThat(show.state().promotions().flash(flash).unitsOf("v1")).isEqualTo(1);
    assertThat(copy.item("GRAPE").currentPriceCents()).isEqualTo(8_000);
  }

  private static JsonNode snapshot(ShowState state) {
    return WireFrames.snapshot(state, new ShowFigures(), Audience.STAFF, Scenario.T0 + 60_000);
  }
}
