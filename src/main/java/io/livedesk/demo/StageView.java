package io.livedesk.demo;

import io.livedesk.show.Cue;
import io.livedesk.show.ItemRole;
import io.livedesk.show.ItemState;
import io.livedesk.show.LotteryRule;
import io.livedesk.show.LotteryState;
import io.livedesk.show.ShowState;
import io.livedesk.show.ShowStatus;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** What the simulated audience and the demo autopilot see of a show at one moment: a copy, safe to keep. */
record StageView(
    ShowStatus status,
    String onAirItemId,
    String onAirSegment,
    long cueSince,
    List<Item> items,
    List<Lottery> openLotteries,
    List<Lottery> closedLotteries,
    Promotions promotions) {

  record Item(String id, ItemRole role, boolean onShelf, long stock, long priceCents, long listPriceCents,
      Long floorPriceCents, int prizesLeft, long plannedSeconds, String script, boolean lotteryRunning) {}

  record Lottery(String id, String itemId, LotteryRule rule) {}

  /** A coupon viewers can claim now. */
  record Coupon(String id, long minSpendCents, List<String> itemIds) {

    boolean goodFor(String itemId, long amountCents) {
      return (itemIds == null || itemIds.contains(itemId)) && amountCents >= minSpendCents;
    }
  }

  /** What the autopilot and the audience need of the show's flash sales and coupons. */
  record Promotions(int coupons, Set<String> itemsWithFlash, List<Coupon> claimable) {

    static Promotions of(ShowState state) {
      Set<String> flashed = new HashSet<>();
      state.promotions().flashes().forEach(flash -> flashed.add(flash.terms().itemId()));
      List<Coupon> claimable = new ArrayList<>();
      for (io.livedesk.show.Coupon coupon : state.promotions().coupons()) {
        if (coupon.claimable(state.lastTs()) && coupon.remaining() > 0) {
          claimable.add(new Coupon(coupon.id(), coupon.terms().minSpendCents(), coupon.terms().itemIds()));
        }
      }
      return new Promotions(state.promotions().coupons().size(), flashed, claimable);
    }
  }

  static StageView of(ShowState state) {
    Cue cue = state.cue();
    List<Item> items = new ArrayList<>();
    for (ItemState item : state.running()) {
      items.add(new Item(item.id(), item.role(), item.onShelf(), item.stock(), item.currentPriceCents(),
          item.spec().listPriceCents(), item.spec().floorPriceCents(), item.prizesLeft(),
          item.spec().plannedSeconds(), item.spec().script(), state.undrawnLotteryFor(item.id()) != null));
    }
    List<Lottery> open = new ArrayList<>();
    List<Lottery> closed = new ArrayList<>();
    for (LotteryState lottery : state.lotteries()) {
      Lottery view = new Lottery(lottery.id(), lottery.terms().itemId(), lottery.terms().rule());
      if (lottery.phase() == LotteryState.Phase.OPEN) {
        open.add(view);
      } else if (lottery.phase() == LotteryState.Phase.CLOSED) {
        closed.add(view);
      }
    }
    return new StageView(state.status(), cue == null ? null : cue.itemId(), cue == null ? null : cue.segment(),
        cue == null ? 0 : cue.since(), items, open, closed, Promotions.of(state));
  }

  Item item(String id) {
    for (Item item : items) {
      if (item.id().equals(id)) {
        return item;
      }
    }
    return null;
  }

  /** Items a viewer can buy right now. */
  List<Item> buyable() {
    List<Item> out = new ArrayList<>();
    for (Item item : items) {
      if (item.onShelf() && item.stock() > 0 && item.role() != ItemRole.LOTTERY) {
        out.add(item);
      }
    }
    return out;
  }
}
