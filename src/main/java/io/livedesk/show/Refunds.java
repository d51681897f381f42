package io.livedesk.show;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What paid orders owe back once a group-deal tier priced them lower (docs/protocol.md §Group-buy tiers):
 * each is due {@code qty × min(its unit price, the tier price)}, and the rest of what it paid is refunded.
 */
public final class Refunds {

  /** One paid order that is owed money back. */
  public record Refund(String orderId, String viewerId, String itemId, int qty, long amountCents, long dueCents,
      long refundCents) {}

  private Refunds() {
  }

  /** Every paid order owed money back, in the order they were placed. */
  public static List<Refund> owed(ShowState state) {
    List<Refund> owed = new ArrayList<>();
    if (!anyOwed(state)) {
      return owed;
    }
    List<OrderState> paid = new ArrayList<>();
    for (OrderState order : state.orders()) {
      if (order.status() == OrderState.Status.PAID) {
        paid.add(order);
      }
    }
    paid.sort(Comparator.comparingLong(OrderState::placedSeq));
    for (OrderState order : paid) {
      Event.OrderPlaced placed = order.terms();
      long due = order.dueCents(state.item(placed.itemId()));
      if (due < placed.amountCents()) {
        owed.add(new Refund(order.id(), placed.viewerId(), placed.itemId(), placed.qty(), placed.amountCents(), due,
            placed.amountCents() - due));
      }
    }
    return owed;
  }

  /** The settlement of each tiered item that owes refunds, in running order, as the show's end records it. */
  static List<Event.TierSettled> settlements(ShowState state) {
    List<Event.TierSettled> settled = new ArrayList<>();
    for (ItemState item : state.running()) {
      Long tierPrice = item.tierPriceCents();
      if (tierPrice != null && item.refundCents() > 0) {
        settled.add(settle(item, tierPrice, item.paidUnits(), paidOrders(state, item, null)));
      }
    }
    return settled;
  }

  /**
   * The settlement of {@code order}'s item once that order is paid, for a payment that arrives after the
   * show's end: null when the payment changes nothing that is owed back, so the last settlement stands.
   */
  static Event.TierSettled settlementAfterPaying(ShowState state, OrderState order) {
    ItemState item = state.item(order.terms().itemId());
    long paidUnits = item.paidUnits() + order.terms().qty();
    int tier = Math.max(item.tierReached(), item.tierFor(paidUnits));
    if (tier < 0) {
      return null;
    }
    Event.TierSettled settled = settle(item, item.spec().tiers().get(tier).priceCents(), paidUnits,
        paidOrders(state, item, order));
    return settled.refundCents() == item.refundCents() ? null : settled;
  }

  /** The item's paid orders, and {@code payingNow} (null for none) as if it were paid too. */
  private static List<OrderState> paidOrders(ShowState state, ItemState item, OrderState payingNow) {
    List<OrderState> paid = new ArrayList<>();
    for (OrderState order : state.orders()) {
      if ((order == payingNow || order.status() == OrderState.Status.PAID) && order.terms().itemId().equals(item.id())) {
        paid.add(order);
      }
    }
    return paid;
  }

  /** What {@code paid} orders of the item are owed back at {@code tierPrice}: each above it, the difference. */
  private static Event.TierSettled settle(ItemState item, long tierPrice, long paidUnits, List<OrderState> paid) {
    int refunds = 0;
    long refundCents = 0;
    for (OrderState order : paid) {
      if (order.terms().priceCents() > tierPrice) {
        refunds++;
        refundCents += (order.terms().priceCents() - tierPrice) * order.terms().qty();
      }
    }
    return new Event.TierSettled(item.id(), tierPrice, paidUnits, refunds, refundCents);
  }

  /** Cheap: only items of a reached tier with paid units above its price owe anything. */
  private static boolean anyOwed(ShowState state) {
    for (ItemState item : state.running()) {
      if (item.refundCents() > 0) {
        return true;
      }
    }
    return false;
  }
}
