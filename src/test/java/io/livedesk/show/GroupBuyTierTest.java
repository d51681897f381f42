package io.livedesk.show;

import static io.livedesk.show.Scenario.item;
import static io.livedesk.show.Scenario.viewer;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.livedesk.engine.Audience;
import io.livedesk.engine.WireFrames;
import io.livedesk.report.FigureViews;
import io.livedesk.report.ReportFacts;
import io.livedesk.report.ShowReport;
import io.livedesk.show.Command.EndShow;
import io.livedesk.show.Command.Expire;
import io.livedesk.show.Command.PlaceOrder;
import io.livedesk.show.Command.SetPrice;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Group-buy tiers (阶梯团) as docs/protocol.md §Group-buy tiers has them: reached by paid units only. */
class GroupBuyTierTest {

  private static final List<Tier> TIERS = List.of(new Tier(10, 44_900), new Tier(20, 39_900));

  private final Scenario show = Scenario.live(item("CHERRY", 49_900, 500, null, TIERS));

  @Test
  @DisplayName("100 units placed and cancelled leave the price where it was for the next buyer")
  void placingAndCancellingDoesNotGameTheTier() {
    show.cancelledOrder("gamer", "CHERRY", 100);

    List<Event> next = placed("v1", 1);

    assertThat(((Event.OrderPlaced) next.get(0)).priceCents()).isEqualTo(49_900);
    assertThat(show.item("CHERRY").tierReached()).isEqualTo(-1);
    assertThat(show.item("CHERRY").currentPriceCents()).isEqualTo(49_900);
    assertThat(show.history()).noneMatch(r -> r.event() instanceof Event.TierReached);
  }

  @Test
  @DisplayName("pending, cancelled and expired orders never move the tier; payments do, each tier announced once")
  void onlyPaidUnitsMoveTheTier() {
    String expiring = show.order("v3", "CHERRY", 30);
    show.advance(ShowRules.DEFAULT_ORDER_HOLD_MILLIS);
    show.given(Actor.SYSTEM, new Expire());
    String cancelled = show.cancelledOrder("v8", "CHERRY", 15);
    String a = show.order("v1", "CHERRY", 5);
    String b = show.order("v2", "CHERRY", 4);
    String c = show.order("v4", "CHERRY", 2);
    assertThat(show.item("CHERRY").tierReached()).isEqualTo(-1);

    show.pay(a, "pay-a");
    show.when(Actor.PAYMENT, show.payment(b, "PAID", "pay-b")).then(new Event.OrderPaid(b, "pay-b"));
    assertThat(show.state().order(expiring).status()).isEqualTo(OrderState.Status.EXPIRED);

    show.when(Actor.PAYMENT, show.payment(c, "PAID", "pay-c"))
        .then(new Event.OrderPaid(c, "pay-c"), new Event.TierReached("CHERRY", 0, 10, 44_900, 11L));
    assertThat(show.item("CHERRY").paidUnits()).isEqualTo(11);
    assertThat(show.item("CHERRY").currentPriceCents()).isEqualTo(44_900);
    assertThat(show.item("CHERRY").nextTier()).isEqualTo(TIERS.get(1));
    assertThat(((Event.OrderPlaced) placed("v5", 1).get(0)).priceCents()).isEqualTo(44_900);

    String jump = show.order("v6", "CHERRY", 20);
    show.when(Actor.PAYMENT, show.payment(jump, "PAID", "pay-j"))
        .then(new Event.OrderPaid(jump, "pay-j"), new Event.TierReached("CHERRY", 1, 20, 39_900, 31L));
    String after = show.order("v7", "CHERRY", 1);
    assertThat(show.when(Actor.PAYMENT, show.payment(after, "PAID", "pay-x")).accepted().events()).hasSize(1);
    assertThat(show.history()).filteredOn(r -> r.event() instanceof Event.TierReached).hasSize(2);
  }

  @Test
  @DisplayName("each paid order is due qty × min(its price, the tier's); the rest is owed back and reported")
  void dueAndRefund() {
    String early = show.order("v1", "CHERRY", 5);
    String middle = show.order("v2", "CHERRY", 6);
    String pending = show.order("v3", "CHERRY", 3);
    show.pay(early, "pay-1");
    show.pay(middle, "pay-2");
    String late = show.paidOrder("v4", "CHERRY", 9, "pay-3");

    assertThat(show.state().order(late).terms().priceCents()).isEqualTo(44_900);
    assertThat(show.item("CHERRY").tierReached()).isEqualTo(1);
    assertThat(Refunds.owed(show.state())).containsExactly(
        new Refunds.Refund(early, "v1", "CHERRY", 5, 5 * 49_900L, 5 * 39_900L, 5 * 10_000L),
        new Refunds.Refund(middle, "v2", "CHERRY", 6, 6 * 49_900L, 6 * 39_900L, 6 * 10_000L),
        new Refunds.Refund(late, "v4", "CHERRY", 9, 9 * 44_900L, 9 * 39_900L, 9 * 5_000L));
    assertThat(show.state().order(pending).status()).isEqualTo(OrderState.Status.PENDING);

    long refund = 11 * 10_000L + 9 * 5_000L;
    ObjectNode report = ShowReport.build(ReportFacts.of(show.state(), show.figures(), show.now()));
    assertThat(report.at("/totals/paidGmvCents").asLong()).isEqualTo(20 * 39_900L);
    assertThat(report.at("/totals/refundCents").asLong()).isEqualTo(refund);
    assertThat(report.at("/items/0/refundCents").asLong()).isEqualTo(refund);
    assertThat(report.at("/items/0/paidGmvCents").asLong()).isEqualTo(20 * 39_900L);
  }

  @Test
  @DisplayName("GMV is what the placed orders were placed for, in the live figures, per item and per minute; paid GMV what is due")
  void gmvIsThePlacedAmounts() {
    String early = show.order("v1", "CHERRY", 5);
    show.order("v3", "CHERRY", 3);
    String middle = show.order("v2", "CHERRY", 6);
    show.pay(early, "pay-1");
    show.pay(middle, "pay-2");
    show.order("v4", "CHERRY", 9);

    // 14 units placed at ¥499 before the ¥449 tier was reached, 9 at ¥449 after: the first 14 are not re-priced
    long placed = 14 * 49_900L + 9 * 44_900L;
    ObjectNode live = FigureViews.live(show.state(), show.figures(), show.now());
    assertThat(live.get("gmvCents").asLong()).isEqualTo(placed);
    // the 11 paid units are due at the tier their own payments reached
    assertThat(live.get("paidGmvCents").asLong()).isEqualTo(11 * 44_900L);
    ObjectNode report = ShowReport.build(ReportFacts.of(show.state(), show.figures(), show.now()));
    assertThat(report.at("/totals/gmvCents").asLong()).isEqualTo(placed);
    assertThat(report.at("/items/0/gmvCents").asLong()).isEqualTo(placed);
    long byMinute = 0;
    for (JsonNode minute : report.get("timeline")) {
      byMinute += minute.get("gmvCents").asLong();
    }
    assertThat(byMinute).isEqualTo(placed);
  }

  @Test
  @DisplayName("a viewer's own paid orders in their snapshot carry what is due and what comes back")
  void viewerSnapshotCarriesDue() {
    String mine = show.paidOrder("v1", "CHERRY", 2, "pay-1");
    String crowd = show.paidOrder("v2", "CHERRY", 20, "pay-2");

    ObjectNode snapshot = WireFrames.snapshot(show.state(), show.figures(), Audience.PUBLIC, "v1", show.now());

    JsonNode own = snapshot.at("/myOrders/0");
    assertThat(own.get("orderId").asText()).isEqualTo(mine);
    assertThat(own.get("amountCents").asLong()).isEqualTo(2 * 49_900L);
    assertThat(own.get("dueCents").asLong()).isEqualTo(2 * 39_900L);
    assertThat(own.get("refundCents").asLong()).isEqualTo(2 * 10_000L);
    assertThat(snapshot.at("/items/0/tier/paidUnits").asLong()).isEqualTo(22);
    assertThat(snapshot.at("/items/0").has("refundCents")).isFalse();
  }

  @Test
  @DisplayName("the end of the show settles each tiered item that owes refunds, and only those")
  void settledAtTheEnd() {
    show.paidOrder("v1", "CHERRY", 4, "pay-1");
    show.paidOrder("v2", "CHERRY", 7, "pay-2");

    show.when(new EndShow())
        .then(new Event.ShowEnded(), new Event.TierSettled("CHERRY", 44_900, 11, 2, 11 * 5_000L));
  }

  @Test
  @DisplayName("an order paid within its hold after the end settles its item again, so the last settlement is right")
  void paidAfterTheEnd() {
    String early = show.order("v1", "CHERRY", 8);
    String late = show.order("v2", "CHERRY", 3);
    show.pay(early, "pay-1");
    show.when(new EndShow()).then(new Event.ShowEnded());

    List<Event> paid = show.when(Actor.PAYMENT, show.payment(late, "PAID", "pay-2")).accepted().events();

    assertThat(paid).contains(new Event.TierSettled("CHERRY", 44_900, 11, 2, 11 * 5_000L));
    assertThat(Refunds.owed(show.state())).extracting(Refunds.Refund::orderId).containsExactly(early, late);
  }

  @Test
  @DisplayName("nothing is settled when no tier was reached")
  void nothingToSettle() {
    String order = show.paidOrder("v1", "CHERRY", 9, "pay-1");

    show.when(new EndShow()).then(new Event.ShowEnded());
    assertThat(Refunds.owed(show.state())).isEmpty();
  }

  @Test
  @DisplayName("settling never raises a price: an order below the tier keeps its own price and is owed nothing")
  void settlementNeverRaises() {
    show.given(Actor.CONTROL, new SetPrice("CHERRY", 35_000, true));
    String cheap = show.paidOrder("v1", "CHERRY", 10, "pay-1");
    show.given(Actor.CONTROL, new SetPrice("CHERRY", 49_900, false));
    String dear = show.paidOrder("v2", "CHERRY", 10, "pay-2");

    assertThat(show.item("CHERRY").tierReached()).isEqualTo(1);
    assertThat(Refunds.owed(show.state())).extracting(Refunds.Refund::orderId).containsExactly(dear);
    ObjectNode totals = FigureViews.totals(show.state(), show.figures(), show.now());
    assertThat(totals.get("paidGmvCents").asLong()).isEqualTo(10 * 35_000L + 10 * 39_900L);
    assertThat(totals.get("refundCents").asLong()).isEqualTo(10 * 5_000L);
  }

  @Test
  @DisplayName("a tier reached under the old rule (no paidUnits) still replays, and the tier holds")
  void oldTierEventReplays() {
    show.order("v1", "CHERRY", 12);
    ShowState state = show.replayed();
    state.evolve(new Recorded(state.seq() + 1, show.now(), Actor.viewer("v1"),
        null, null, new Event.TierReached("CHERRY", 0, 10, 44_900, null)));

    assertThat(state.item("CHERRY").tierReached()).isZero();
    assertThat(state.item("CHERRY").currentPriceCents()).isEqualTo(44_900);
  }

  private List<Event> placed(String viewerId, int qty) {
    return show.when(viewer(viewerId), new PlaceOrder("CHERRY", qty)).accepted().events();
  }
}
