package io.livedesk.show;

import static io.livedesk.show.Scenario.item;
import static io.livedesk.show.Scenario.viewer;
import static org.assertj.core.api.Assertions.assertThat;

import io.livedesk.show.Command.CancelOrder;
import io.livedesk.show.Command.Expire;
import io.livedesk.show.Command.PlaceOrder;
import io.livedesk.show.Command.RecordPayment;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class OrderExpiryTest {

  private static final long HOLD = 60_000;

  private final Scenario show = Scenario.live(Scenario.holdSeconds(60),
      item("GRAPE", 8_800, 3, null), item("CHERRY", 49_900, 10, null));

  @Test
  @DisplayName("the hold comes from the show's rules and is counted from the order's own time")
  void holdFromRules() {
    show.advance(5_000);
    String order = show.order("v1", "GRAPE", 1);

    assertThat(show.state().order(order).terms().expiresAt()).isEqualTo(show.now() + HOLD);
    assertThat(show.state().nextDeadline()).isEqualTo(show.now() + HOLD);
  }

  @Test
  @DisplayName("an unpaid order lives until its hold has run out, then expires and returns its stock")
  void expiresAtHold() {
    String order = show.order("v1", "GRAPE", 3);
    long placedAt = show.now();
    assertThat(show.item("GRAPE").status()).isEqualTo("sold_out");

    show.at(placedAt + HOLD - 1);
    show.when(Actor.SYSTEM, new Expire()).thenNothing();
    assertThat(show.state().order(order).status()).isEqualTo(OrderState.Status.PENDING);

    show.at(placedAt + HOLD);
    show.when(Actor.SYSTEM, new Expire()).then(new Event.OrderExpired(order));

    assertThat(show.state().order(order).status()).isEqualTo(OrderState.Status.EXPIRED);
    assertThat(show.item("GRAPE").stock()).isEqualTo(3);
    assertThat(show.item("GRAPE").sold()).isZero();
    assertThat(show.item("GRAPE").status()).isEqualTo("on_shelf");
    assertThat(show.state().nextDeadline()).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  @DisplayName("an order placed later expires later: each hold runs from its own order")
  void laterOrderExpiresLater() {
    String first = show.order("v1", "CHERRY", 1);
    show.advance(30_000);
    String second = show.order("v2", "CHERRY", 2);

    show.at(Scenario.T0 + HOLD);
    show.when(Actor.SYSTEM, new Expire()).then(new Event.OrderExpired(first));
    assertThat(show.state().order(second).status()).isEqualTo(OrderState.Status.PENDING);
    assertThat(show.item("CHERRY").stock()).isEqualTo(8);
    assertThat(show.state().nextDeadline()).isEqualTo(Scenario.T0 + 30_000 + HOLD);

    show.at(Scenario.T0 + 30_000 + HOLD);
    show.when(Actor.SYSTEM, new Expire()).then(new Event.OrderExpired(second));
    assertThat(show.item("CHERRY").stock()).isEqualTo(10);
  }

  @Test
  @DisplayName("several holds that ran out by the same check expire together, oldest first")
  void expireTogether() {
    List<Event> oldestFirst = new ArrayList<>();
    for (String viewerId : List.of("v1", "v2", "v3")) {
      oldestFirst.add(new Event.OrderExpired(show.order(viewerId, "CHERRY", 1)));
      show.advance(1_000);
    }
    show.advance(HOLD * 3);

    show.when(Actor.SYSTEM, new Expire()).then(oldestFirst.toArray(Event[]::new));
  }

  @Test
  @DisplayName("holds that run out in the same millisecond expire in the order placed, not by their ids' text (…-o9 before …-o10)")
  void sameMillisecondInOrderPlaced() {
    Scenario busy = Scenario.live(Scenario.holdSeconds(60), item("PEACH", 1_990, 100, null));
    List<Event> inOrderPlaced = new ArrayList<>();
    for (int i = 1; i <= 12; i++) {
      inOrderPlaced.add(new Event.OrderExpired(busy.order("v" + i, "PEACH", 1)));
    }
    List<String> ids = inOrderPlaced.stream().map(e -> ((Event.OrderExpired) e).orderId()).toList();
    assertThat(ids).as("ids whose text order differs from the order placed").isNotEqualTo(ids.stream().sorted().toList());
    busy.advance(HOLD);

    busy.when(Actor.SYSTEM, new Expire()).then(inOrderPlaced.toArray(Event[]::new));
  }

  @Test
  @DisplayName("a paid or cancelled order never expires")
  void paidAndCancelledDoNotExpire() {
    String paid = show.paidOrder("v1", "CHERRY", 1, "pay-1");
    show.cancelledOrder("v2", "CHERRY", 1);

    show.advance(HOLD * 2);

    show.when(Actor.SYSTEM, new Expire()).thenNothing();
    assertThat(show.state().order(paid).status()).isEqualTo(OrderState.Status.PAID);
    assertThat(show.item("CHERRY").stock()).isEqualTo(9);
  }

  @Test
  @DisplayName("an order whose hold ran out cannot be cancelled any more, even before the expiry is recorded")
  void noCancelAfterHold() {
    String order = show.order("v1", "CHERRY", 1);
    show.advance(HOLD);

    show.when(viewer("v1"), new CancelOrder(order)).rejectedWith(ErrorCode.CONFLICT);
  }

  @Test
  @DisplayName("expiry is a fold of event times: a replayed history expires the same orders at the same time")
  void expiryAfterReplay() {
    String order = show.order("v1", "GRAPE", 2);
    ShowState restarted = show.replayed();

    assertThat(restarted.holdsExpiredBy(show.now() + HOLD - 1)).isEmpty();
    assertThat(restarted.holdsExpiredBy(show.now() + HOLD)).extracting(OrderState::id).containsExactly(order);
    assertThat(restarted.nextDeadline()).isEqualTo(show.now() + HOLD);
  }

  @Test
  @DisplayName("expired stock can be ordered again by someone else")
  void expiredStockSellsAgain() {
    show.order("v1", "GRAPE", 3);
    show.when(viewer("v2"), new PlaceOrder("GRAPE", 1)).rejectedWith(ErrorCode.SOLD_OUT);

    show.advance(HOLD);
    show.given(Actor.SYSTEM, new Expire());

    show.order("v2", "GRAPE", 3);
    assertThat(show.item("GRAPE").stock()).isZero();
  }
}
