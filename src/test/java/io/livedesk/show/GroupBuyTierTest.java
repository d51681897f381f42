package io.livedesk.show;

import static io.livedesk.show.ShowTimeline.item;
import static io.livedesk.show.ShowTimeline.viewer;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.livedesk.report.FigureViews;
import io.livedesk.show.Command.CancelOrder;
import io.livedesk.show.Command.PlaceOrder;
import io.livedesk.show.Command.RecordPayment;
import io.livedesk.show.Command.SetPrice;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class GroupBuyTierTest {

  private static final List<Tier> TIERS = List.of(new Tier(10, 44_900), new Tier(20, 39_900));

  private final ShowTimeline show = ShowTimeline.live(item("CHERRY", 49_900, 100, null, TIERS));

  @Test
  @DisplayName("each order records the price of its moment; each tier is announced once, when first reached")
  void pricesAcrossTwoThresholds() {
    List<Event> first = placed("v1", 5);
    assertThat(first).hasSize(1);
    assertThat(((Event.OrderPlaced) first.get(0)).priceCents()).isEqualTo(49_900);
    assertThat(((Event.OrderPlaced) first.get(0)).amountCents()).isEqualTo(5 * 49_900L);
    assertThat(placed("v2", 4)).hasSize(1);
    assertThat(show.item("CHERRY").nextTier()).isEqualTo(TIERS.get(0));

    List<Event> crossing = placed("v3", 2);
    assertThat(crossing).hasSize(2);
    assertThat(((Event.OrderPlaced) crossing.get(0)).priceCents()).isEqualTo(49_900);
    assertThat(crossing.get(1)).isEqualTo(new Event.TierReached("CHERRY", 0, 10, 44_900));
    assertThat(show.item("CHERRY").currentPriceCents()).isEqualTo(44_900);
    assertThat(show.item("CHERRY").nextTier()).isEqualTo(TIERS.get(1));

    List<Event> between = placed("v4", 3);
    assertThat(between).hasSize(1);
    assertThat(((Event.OrderPlaced) between.get(0)).priceCents()).isEqualTo(44_900);

    List<Event> second = placed("v5", 6);
    assertThat(((Event.OrderPlaced) second.get(0)).priceCents()).isEqualTo(44_900);
    assertThat(second.get(1)).isEqualTo(new Event.TierReached("CHERRY", 1, 20, 39_900));

    List<Event> after = placed("v6", 1);
    assertThat(after).hasSize(1);
    assertThat(((Event.OrderPlaced) after.get(0)).priceCents()).isEqualTo(39_900);
    assertThat(show.item("CHERRY").nextTier()).isNull();
    assertThat(show.history()).filteredOn(r -> r.event() instanceof Event.TierReached).hasSize(2);
  }

  @Test
  @DisplayName("every order settles at the final tier reached, and the figures count settled amounts")
  void settlementAtFinalTier() {
    String first = show.order("v1", "CHERRY", 5);
    show.order("v2", "CHERRY", 6);
    String middle = show.order("v3", "CHERRY", 3);
    show.order("v4", "CHERRY", 7);
    show.order("v5", "CHERRY", 1);
    show.given(Actor.PAYMENT, new RecordPayment(first, "PAID", "pay-1"));
    show.given(Actor.PAYMENT, new RecordPayment(middle, "PAID", "pay-2"));

    ItemState cherry = show.item("CHERRY");
    assertThat(show.state().order(first).priceCents()).isEqualTo(49_900);
    assertThat(show.state().order(middle).priceCents()).isEqualTo(44_900);
    assertThat(cherry.settledPriceCents(49_900)).isEqualTo(39_900);
    assertThat(cherry.settledPriceCents(44_900)).isEqualTo(39_900);

    ObjectNode totals = FigureViews.totals(show.state(), show.figures(), show.now());
    assertThat(totals.get("units").asLong()).isEqualTo(22);
    assertThat(totals.get("gmvCents").asLong()).isEqualTo(22 * 39_900L);
    assertThat(totals.get("paidGmvCents").asLong()).isEqualTo(8 * 39_900L);
    ObjectNode perItem = FigureViews.item(show.state(), show.figures(), cherry, show.now());
    assertThat(perItem.get("gmvCents").asLong()).isEqualTo(22 * 39_900L);
  }

  @Test
  @DisplayName("one order that jumps over both thresholds announces only the highest tier reached")
  void jumpOverBoth() {
    show.order("v1", "CHERRY", 5);

    List<Event> events = placed("v2", 20);

    assertThat(events).hasSize(2);
    assertThat(events.get(1)).isEqualTo(new Event.TierReached("CHERRY", 1, 20, 39_900));
    assertThat(show.item("CHERRY").tierReached()).isEqualTo(1);
    assertThat(placed("v3", 1)).hasSize(1);
  }

  @Test
  @DisplayName("a tier once reached stays reached when orders are cancelled below its threshold")
  void tierStaysReached() {
    show.order("v1", "CHERRY", 8);
    String crossing = show.order("v2", "CHERRY", 3);

    show.given(viewer("v2"), new CancelOrder(crossing));

    assertThat(show.item("CHERRY").sold()).isEqualTo(8);
    assertThat(show.item("CHERRY").tierReached()).isZero();
    assertThat(show.item("CHERRY").currentPriceCents()).isEqualTo(44_900);
    assertThat(placed("v3", 3)).hasSize(1);
  }

  @Test
  @DisplayName("settling never raises a price: an order below the final tier keeps its own price")
  void settlementNeverRaises() {
    show.given(Actor.CONTROL, new SetPrice("CHERRY", 35_000, true));
    String cheap = show.order("v1", "CHERRY", 10);
    show.given(Actor.CONTROL, new SetPrice("CHERRY", 49_900, false));
    show.order("v2", "CHERRY", 10);

    assertThat(show.state().order(cheap).priceCents()).isEqualTo(35_000);
    assertThat(show.item("CHERRY").tierReached()).isEqualTo(1);
    ObjectNode totals = FigureViews.totals(show.state(), show.figures(), show.now());
    assertThat(totals.get("gmvCents").asLong()).isEqualTo(10 * 35_000L + 10 * 39_900L);
  }

  private List<Event> placed(String viewerId, int qty) {
    return show.accept(viewer(viewerId), new PlaceOrder("CHERRY", qty));
  }
}
