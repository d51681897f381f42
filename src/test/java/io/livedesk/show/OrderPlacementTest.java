package io.livedesk.show;

import static io.livedesk.show.Scenario.item;
import static io.livedesk.show.Scenario.viewer;
import static org.assertj.core.api.Assertions.assertThat;

import io.livedesk.show.Command.AddStock;
import io.livedesk.show.Command.CancelOrder;
import io.livedesk.show.Command.DelistItem;
import io.livedesk.show.Command.EndShow;
import io.livedesk.show.Command.PlaceOrder;
import io.livedesk.show.Command.RecordPayment;
import io.livedesk.show.Command.StartShow;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class OrderPlacementTest {

  private final Scenario show = Scenario.live(
      item("CHERRY", 49_900, 10, 2),
      item("GRAPE", 8_800, 3, null),
      item("DURIAN", 19_900, 5, 3));

  @Test
  @DisplayName("an order reserves its units at the price of the moment and answers PENDING with its hold")
  void placeReserves() {
    long seq = show.state().seq();

    Map<String, Object> result = show.when(viewer("v1"), new PlaceOrder("CHERRY", 2))
        .then(new Event.OrderPlaced("s-test-o" + (seq + 1), "v1", "CHERRY", 2,
            49_900, 99_800, show.now() + ShowRules.DEFAULT_ORDER_HOLD_MILLIS));

    assertThat(result).containsExactlyInAnyOrderEntriesOf(Map.of("orderId", "s-test-o" + (seq + 1),
        "priceCents", 49_900L, "amountCents", 99_800L, "status", "PENDING",
        "expiresAt", show.now() + ShowRules.DEFAULT_ORDER_HOLD_MILLIS));
    assertThat(show.item("CHERRY").stock()).isEqualTo(8);
    assertThat(show.item("CHERRY").sold()).isEqualTo(2);
    assertThat(show.state().order("s-test-o" + (seq + 1)).status()).isEqualTo(OrderState.Status.PENDING);
  }

  @Test
  @DisplayName("an item that is not on the shelf cannot be ordered: never listed, or taken off")
  void notOnShelf() {
    Scenario pending = Scenario.draft(item("CHERRY", 49_900, 10, 2));
    pending.given(Actor.CONTROL, new StartShow());
    pending.when(viewer("v1"), new PlaceOrder("CHERRY", 1)).rejectedWith(ErrorCode.NOT_ON_SHELF);

    show.given(Actor.CONTROL, new DelistItem("GRAPE"));
    show.when(viewer("v1"), new PlaceOrder("GRAPE", 1)).rejectedWith(ErrorCode.NOT_ON_SHELF);
    assertThat(show.item("GRAPE").stock()).isEqualTo(3);
  }

  @Test
  @DisplayName("more units than are left is SOLD_OUT and reserves nothing, whether some or none are left")
  void soldOut() {
    show.order("v1", "GRAPE", 2);

    ShowError tooMany = show.when(viewer("v2"), new PlaceOrder("GRAPE", 2)).rejectedWith(ErrorCode.SOLD_OUT);
    assertThat(tooMany.getMessage()).contains("only 1 left");
    assertThat(show.item("GRAPE").stock()).isEqualTo(1);

    show.order("v2", "GRAPE", 1);
    show.when(viewer("v3"), new PlaceOrder("GRAPE", 1)).rejectedWith(ErrorCode.SOLD_OUT);
    assertThat(show.item("GRAPE").stock()).isZero();
    assertThat(show.item("GRAPE").sold()).isEqualTo(3);
  }

  @Test
  @DisplayName("the order that takes the last unit also says the item is sold out")
  void lastUnitSoldOut() {
    show.order("v1", "GRAPE", 1);
    assertThat(show.when(viewer("v2"), new PlaceOrder("GRAPE", 1)).accepted().events())
        .noneMatch(event -> event instanceof Event.SoldOut);

    List<Event> last = show.when(viewer("v3"), new PlaceOrder("GRAPE", 1)).accepted().events();

    assertThat(last).hasSize(2);
    assertThat(last.get(0)).isInstanceOf(Event.OrderPlaced.class);
    assertThat(last.get(1)).isEqualTo(new Event.SoldOut("GRAPE"));
    assertThat(show.item("GRAPE").status()).isEqualTo("sold_out");
  }

  @Test
  @DisplayName("stock added to a sold-out item puts it on sale again")
  void stockBackOnSale() {
    show.order("v1", "GRAPE", 3);
    assertThat(show.item("GRAPE").status()).isEqualTo("sold_out");

    show.when(new AddStock("GRAPE", 5)).then(new Event.StockChanged("GRAPE", 5, 5));

    assertThat(show.item("GRAPE").status()).isEqualTo("on_shelf");
    show.order("v2", "GRAPE", 2);
    assertThat(show.item("GRAPE").stock()).isEqualTo(3);
  }

  @Test
  @DisplayName("a cancelled order's units go back on sale, and a sold-out item is on the shelf again")
  void cancelReturnsStock() {
    String order = show.order("v1", "GRAPE", 3);

    show.when(viewer("v1"), new CancelOrder(order)).then(new Event.OrderCancelled(order));

    assertThat(show.item("GRAPE").stock()).isEqualTo(3);
    assertThat(show.item("GRAPE").sold()).isZero();
    assertThat(show.item("GRAPE").status()).isEqualTo("on_shelf");
    assertThat(show.state().order(order).status()).isEqualTo(OrderState.Status.CANCELLED);
  }

  @Test
  @DisplayName("the per-viewer limit counts every live order of the viewer, and only that viewer's")
  void limitOverLiveOrders() {
    show.order("v1", "CHERRY", 1);
    show.order("v1", "CHERRY", 1);

    ShowError over = show.when(viewer("v1"), new PlaceOrder("CHERRY", 1)).rejectedWith(ErrorCode.LIMIT_EXCEEDED);
    assertThat(over.getMessage()).contains("limited to 2").contains("already has 2");
    show.order("v2", "CHERRY", 2);
    show.when(viewer("v3"), new PlaceOrder("CHERRY", 3)).rejectedWith(ErrorCode.LIMIT_EXCEEDED);
  }

  @Test
  @DisplayName("a paid order still counts towards the limit; a cancelled or expired one no longer does")
  void limitReleasedByCancelAndExpiry() {
    String paid = show.paidOrder("v1", "DURIAN", 1, "pay-1");
    String cancelled = show.order("v1", "DURIAN", 1);
    show.order("v1", "DURIAN", 1);
    show.when(viewer("v1"), new PlaceOrder("DURIAN", 1)).rejectedWith(ErrorCode.LIMIT_EXCEEDED);

    show.given(viewer("v1"), new CancelOrder(cancelled));
    String again = show.order("v1", "DURIAN", 1);
    show.when(viewer("v1"), new PlaceOrder("DURIAN", 1)).rejectedWith(ErrorCode.LIMIT_EXCEEDED);

    show.advance(ShowRules.DEFAULT_ORDER_HOLD_MILLIS);
    show.given(Actor.SYSTEM, new Command.Expire());
    assertThat(show.state().order(again).status()).isEqualTo(OrderState.Status.EXPIRED);
    assertThat(show.state().order(paid).status()).isEqualTo(OrderState.Status.PAID);
    assertThat(show.state().liveUnits("v1", "DURIAN")).isEqualTo(1);
    show.order("v1", "DURIAN", 2);
  }

  @Test
  @DisplayName("orders are taken only while the show is live: SHOW_NOT_LIVE before, SHOW_ENDED after")
  void onlyWhileLive() {
    Scenario draft = Scenario.draft(item("CHERRY", 49_900, 10, 2));
    draft.when(viewer("v1"), new PlaceOrder("CHERRY", 1)).rejectedWith(ErrorCode.SHOW_NOT_LIVE);

    show.given(Actor.CONTROL, new EndShow());
    show.when(viewer("v1"), new PlaceOrder("CHERRY", 1)).rejectedWith(ErrorCode.SHOW_ENDED);
  }

  @Test
  @DisplayName("a quantity outside 1 to 999 or an unknown item is refused as such")
  void badArguments() {
    show.when(viewer("v1"), new PlaceOrder("GRAPE", 0)).rejectedWith(ErrorCode.INVALID_ARGUMENT);
    show.when(viewer("v1"), new PlaceOrder("GRAPE", 1000)).rejectedWith(ErrorCode.INVALID_ARGUMENT);
    show.when(viewer("v1"), new PlaceOrder("NOPE", 1)).rejectedWith(ErrorCode.NOT_FOUND);
  }

  @Test
  @DisplayName("a viewer cancels only their own order: someone else's is not found to them")
  void cancelOwnOnly() {
    String order = show.order("v1", "GRAPE", 1);

    show.when(viewer("v2"), new CancelOrder(order)).rejectedWith(ErrorCode.NOT_FOUND);
    show.when(viewer("v1"), new CancelOrder("o999")).rejectedWith(ErrorCode.NOT_FOUND);
    assertThat(show.state().order(order).status()).isEqualTo(OrderState.Status.PENDING);
  }

  @Test
  @DisplayName("a paid order cannot be cancelled, nor a cancelled one cancelled twice")
  void cancelNotPaidNotTwice() {
    String paid = show.paidOrder("v1", "GRAPE", 1, "pay-1");
    String once = show.cancelledOrder("v1", "GRAPE", 1);

    show.when(viewer("v1"), new CancelOrder(paid)).rejectedWith(ErrorCode.CONFLICT);
    show.when(viewer("v1"), new CancelOrder(once)).rejectedWith(ErrorCode.CONFLICT);
    assertThat(show.item("GRAPE").stock()).isEqualTo(2);
  }
}
