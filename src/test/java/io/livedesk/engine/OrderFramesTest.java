package io.livedesk.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.livedesk.lottery.VerifiableDraw;
import io.livedesk.show.Actor;
import io.livedesk.show.Event;
import io.livedesk.show.Recorded;
import io.livedesk.show.ShowState;
import io.livedesk.show.StoredShow;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Orders' frames are joined from pieces encoded once (WireFrames.encode); they must be the bytes the JSON
 * trees gave, for every audience, with and without tiers, flash sales and coupons.
 */
class OrderFramesTest {

  private static final Actor NAMED = Actor.member(Actor.Role.CONTROL, "li.na", "李娜 \"场控\"\n");

  @Test
  @DisplayName("every event of the stored show encodes to the same frames as through the JSON trees")
  void sameFramesAsThroughTheTrees() {
    List<Recorded> history = StoredShow.play();
    ShowState state = new ShowState(StoredShow.RECORD.meta(), new VerifiableDraw());
    Set<String> joined = new HashSet<>();
    for (Recorded recorded : history) {
      state.evolve(recorded);
      WireFrames.Encoded fast = WireFrames.encode(recorded, state);
      WireFrames.Encoded tree = WireFrames.throughTree(recorded, state);
      String what = recorded.seq() + " " + recorded.kind();
      assertThat(fast.seq()).as(what).isEqualTo(tree.seq());
      assertThat(fast.staff().text()).as(what).isEqualTo(tree.staff().text());
      assertSame(what + " public", fast.pub(), tree.pub());
      assertThat(fast.conflationKey()).as(what).isEqualTo(tree.conflationKey());
      assertThat(fast.ownerId()).as(what).isEqualTo(tree.ownerId());
      assertSame(what + " owner", fast.owner(), tree.owner());
      if (isOrder(recorded.event())) {
        // the same event as a signed-in member would have done it: a name, and one that needs escaping
        Recorded byMember = new Recorded(recorded.seq(), recorded.ts(), NAMED, recorded.key(), recorded.result(),
            recorded.event());
        assertThat(WireFrames.encode(byMember, state).staff().text()).as(what + " by a member")
            .isEqualTo(WireFrames.throughTree(byMember, state).staff().text());
      }
      if (isOrder(recorded.event())) {
        String text = fast.staff().text();
        joined.add(recorded.kind());
        joined.add(text.contains("\"coupon\":{") ? "with a coupon" : "without a coupon");
        joined.add(text.contains("\"flash\":{") ? "during a flash sale" : "outside a flash sale");
        joined.add(text.contains("\"tier\":null") ? "without tiers" : "with tiers");
        joined.add(text.matches(".*\"tier\":\\{\"reached\":[0-9].*") ? "a tier reached" : "no tier reached");
      }
    }
    assertThat(joined).contains("order.placed", "order.paid", "order.cancelled", "order.expired", "with a coupon",
        "without a coupon", "during a flash sale", "outside a flash sale", "with tiers", "without tiers",
        "a tier reached", "no tier reached");
  }

  private static boolean isOrder(Event event) {
    return event instanceof Event.OrderPlaced || event instanceof Event.OrderPaid
        || event instanceof Event.OrderCancelled || event instanceof Event.OrderExpired;
  }

  private static void assertSame(String what, Frame fast, Frame tree) {
    if (tree == null) {
      assertThat(fast).as(what).isNull();
      return;
    }
    assertThat(fast).as(what).isNotNull();
    assertThat(fast.text()).as(what).isEqualTo(tree.text());
    assertThat(fast.droppable()).as(what).isEqualTo(tree.droppable());
  }
}
