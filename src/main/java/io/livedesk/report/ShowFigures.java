package io.livedesk.report;

import io.livedesk.show.Event;
import io.livedesk.show.ItemState;
import io.livedesk.show.OrderState;
import io.livedesk.show.Presence;
import io.livedesk.show.Recorded;
import io.livedesk.show.ShowState;
import io.livedesk.show.ShowStatus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The show's figures (DESIGN.md §Figures), kept up to date event by event so that reading them costs
 * the same at minute 1 and minute 120. It folds the same recorded events as {@link ShowState}, right
 * after the state has taken each one.
 */
public final class ShowFigures {

  /** Counters of one item, or of the whole show. */
  public static final class Counters {
    long clicks;
    final Set<String> clickers = new HashSet<>();
    long clickersWhoOrdered;
    long orders;
    long units;
    long paidOrders;
    final Set<String> orderers = new HashSet<>();
    final Set<String> buyers = new HashSet<>();
    /** Units ordered and units paid by the unit price they were ordered at, to settle tiers exactly. */
    final TreeMap<Long, Long> unitsByPrice = new TreeMap<>();
    final TreeMap<Long, Long> paidUnitsByPrice = new TreeMap<>();

    void click(String viewerId) {
      clicks++;
      if (clickers.add(viewerId) && orderers.contains(viewerId)) {
        clickersWhoOrdered++;
      }
    }

    void order(String viewerId, int qty, long priceCents) {
      orders++;
      units += qty;
      unitsByPrice.merge(priceCents, (long) qty, Long::sum);
      if (orderers.add(viewerId) && clickers.contains(viewerId)) {
        clickersWhoOrdered++;
      }
    }

    void pay(String viewerId, int qty, long priceCents) {
      paidOrders++;
      paidUnitsByPrice.merge(priceCents, (long) qty, Long::sum);
      buyers.add(viewerId);
    }

    public long clicks() {
      return clicks;
    }

    public long clickers() {
      return clickers.size();
    }

    public long clickersWhoOrdered() {
      return clickersWhoOrdered;
    }

    public long orders() {
      return orders;
    }

    public long units() {
      return units;
    }

    public long paidOrders() {
      return paidOrders;
    }

    public long orderers() {
      return orderers.size();
    }

    public long buyers() {
      return buyers.size();
    }
  }

  /** What happened in one minute of the show, counted from its start. */
  public static final class Minute {
    final int index;
    int online;
    int peakOnline;
    long pv;

    Minute(int index, int online) {
      this.index = index;
      this.online = online;
      this.peakOnline = online;
    }

    public int index() {
      return index;
    }

    public int online() {
      return online;
    }

    public int peakOnline() {
      return peakOnline;
    }

    public long pv() {
      return pv;
    }
  }

  private final Counters totals = new Counters();
  private final Map<String, Counters> byItem = new HashMap<>();
  private final Set<String> uv = new HashSet<>();
  private long pv;
  private long newSubscribers;
  private long connectedMillis;
  private long onlineSinceSum;
  private final Map<String, Long> onlineSince = new HashMap<>();
  private final List<Minute> minutes = new ArrayList<>();

  /** Folds one event; {@code state} has already evolved with it. */
  public void apply(Recorded recorded, ShowState state) {
    long ts = recorded.ts();
    Event event = recorded.event();
    if (event instanceof Event.ViewerJoined e) {
      uv.add(e.viewerId());
      pv++;
      presenceChanged(e.viewerId(), state, ts).ifPresent(minute -> minute.pv++);
    } else if (event instanceof Event.ViewerLeft e) {
      presenceChanged(e.viewerId(), state, ts);
    } else if (event instanceof Event.ViewerClicked e) {
      uv.add(e.viewerId());
      totals.click(e.viewerId());
      item(e.itemId()).click(e.viewerId());
    } else if (event instanceof Event.ViewerSubscribed e) {
      uv.add(e.viewerId());
      newSubscribers++;
    } else if (event instanceof Event.LotteryEntered e) {
      uv.add(e.viewerId());
    } else if (event instanceof Event.OrderPlaced e) {
      uv.add(e.viewerId());
      totals.order(e.viewerId(), e.qty(), e.priceCents());
      item(e.itemId()).order(e.viewerId(), e.qty(), e.priceCents());
    } else if (event instanceof Event.OrderPaid e) {
      OrderState order = state.order(e.orderId());
      totals.pay(order.viewerId(), order.qty(), order.priceCents());
      item(order.itemId()).pay(order.viewerId(), order.qty(), order.priceCents());
    } else if (event instanceof Event.ShowStarted) {
      int online = state.presence().online();
      minutes.add(new Minute(0, online));
    } else if (event instanceof Event.ShowEnded) {
      closeAllSessions(ts);
    }
  }

  /** Tracks connected time and the minute's online figures; the minute when the show is live. */
  private Optional<Minute> presenceChanged(String viewerId, ShowState state, long ts) {
    Presence presence = state.presence();
    boolean online = presence.isOnline(viewerId);
    Long since = onlineSince.get(viewerId);
    if (online && since == null) {
      onlineSince.put(viewerId, ts);
      onlineSinceSum += ts;
    } else if (!online && since != null) {
      onlineSince.remove(viewerId);
      onlineSinceSum -= since;
      connectedMillis += ts - since;
    }
    if (state.status() != ShowStatus.LIVE) {
      return Optional.empty();
    }
    Minute minute = minuteOf(state.startedAt(), ts);
    minute.online = presence.online();
    minute.peakOnline = Math.max(minute.peakOnline, presence.online());
    return Optional.of(minute);
  }

  private void closeAllSessions(long ts) {
    for (long since : onlineSince.values()) {
      connectedMillis += ts - since;
    }
    onlineSince.clear();
    onlineSinceSum = 0;
  }

  /** The bucket of the minute {@code ts} falls in, opening the quiet minutes in between. */
  private Minute minuteOf(long startedAt, long ts) {
    int index = (int) ((ts - startedAt) / 60_000);
    Minute last = minutes.get(minutes.size() - 1);
    while (last.index < index) {
      last = new Minute(last.index + 1, last.online);
      minutes.add(last);
    }
    return last;
  }

  private Counters item(String itemId) {
    return byItem.computeIfAbsent(itemId, id -> new Counters());
  }

  // ---- reads ----

  public Counters totals() {
    return totals;
  }

  /** An item's counters; empty counters for an item nobody touched. */
  public Counters itemCounters(String itemId) {
    Counters counters = byItem.get(itemId);
    return counters == null ? new Counters() : counters;
  }

  public long pv() {
    return pv;
  }

  public long uv() {
    return uv.size();
  }

  public long newSubscribers() {
    return newSubscribers;
  }

  /** Total connected seconds of every viewer (counted once per viewer however many sockets) up to now. */
  public long connectedSeconds(long now) {
    return (connectedMillis + (long) onlineSince.size() * now - onlineSinceSum) / 1000;
  }

  public List<Minute> minutes() {
    return minutes;
  }

  /** Placed-order value of an item, every order settled at the final tier the item reached. */
  public static long settledGmv(Counters counters, ItemState item) {
    return settle(counters.unitsByPrice, item);
  }

  public static long settledPaidGmv(Counters counters, ItemState item) {
    return settle(counters.paidUnitsByPrice, item);
  }

  private static long settle(TreeMap<Long, Long> unitsByPrice, ItemState item) {
    long sum = 0;
    for (Map.Entry<Long, Long> entry : unitsByPrice.entrySet()) {
      sum += item.settledPriceCents(entry.getKey()) * entry.getValue();
    }
    return sum;
  }
}
