package io.livedesk.engine.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.livedesk.show.Actor;
import io.livedesk.show.Command;
import io.livedesk.show.Request;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("promotion commands travel from node to node unchanged")
class PromotionRequestCodecTest {

  @Test
  @DisplayName("flash sales, coupons and an order with an expected price and a coupon survive the relay")
  void roundTrip() throws IOException {
    for (Command command : List.of(
        new Command.ScheduleFlash("JJ-01", 29_900, 10, 60, 100L, 2, true),
        new Command.ScheduleFlash("JJ-01", 29_900, null, 60, null, null, false),
        new Command.CancelFlash("f9"),
        new Command.CreateCoupon("C10", "满299减30", 3_000, 29_900L, List.of("JJ-01"), 1_000, 1, 600, false),
        new Command.CreateCoupon(null, "无门槛", 500, null, null, 10, null, null, true),
        new Command.IssueCoupon("C10"),
        new Command.StopCoupon("C10"),
        new Command.ClaimCoupon("C10"),
        new Command.PlaceOrder("JJ-01", 2, 29_900L, "C10"))) {
      Request request = new Request(Actor.viewer("v1"), command, "k1");

      assertThat(RequestCodec.request(RequestCodec.request(request))).isEqualTo(request);
    }
  }
}
