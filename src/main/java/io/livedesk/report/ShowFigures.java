package io.livedesk.report;

import java.io.Serializable;
import io.livedesk.show.Event;
import io.livedesk.show.FoldBytes;
import io.livedesk.show.ItemState;
import io.livedesk.show.OrderState;
import io.livedesk.show.Presence;
import io.livedesk.show.Recorded;
import io.livedesk.show.ShowState;
import io.livedesk.show.ShowStatus;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The show's figures (docs/design.md §Figures), kept up to date event by event so that reading them costs
 * the same at minute 1 and minute 120. It folds the same recorded events as {@link ShowState}, right
 * after the state has taken each one.
 */
public final class ShowFigures implements Serializable {

  /**
   * Counters of one item, or of the whole show. Viewers are counted by the number {@link ShowFigures}
   * gave them: a bit per viewer and set makes a long show's replay cheap and its memory small.
   */
  public static final class Counters implements Serializable {
    long clicks;
    final BitSet clickers = new BitSet();
    long clickerCount;
    long clickersWhoOrdered;
    long orders;
    long units;
    /** The placed orders' amountCents, whatever became of them (docs/design.md §Figures). */
    long gmvCents;
    long paidOrders;
    final BitSet orderers = new BitSet();
    long ordererCount;
    final BitSet buyers = new BitSet();
    long buyerCount;
    /** Units paid by the unit price they were ordered at, to settle them at the tier reached exactly. */
    final TreeMap<Long, Long> paidUnitsByPrice = new TreeMap<>();
    /** What coupons took off paid orders: paid GMV is what those orders are due (docs/protocol.md §Promotions). */
    long paidDiscountCents;

    /** Makes {@code target}, a fresh one, equal to this. */
    void copyInto(Counters target) {
      target.clicks = clicks;
      target.clickers.or(clickers);
      target.clickerCount = clickerCount;
      target.clickersWhoOrdered = clickersWhoOrdered;
      target.orders = orders;
      target.units = units;
      target.gmvCents = gmvCents;
      target.paidOrders = paidOrders;
      target.orderers.or(orderers);
      target.ordererCount = ordererCount;
      target.buyers.or(buyers);
      target.buyerCount = buyerCount;
      target.paidUnitsByPrice.putAll(paidUnitsByPrice);
      target.paidDiscountCents = paidDiscountCents;
    }

    void click(int viewer) {
      clicks++;
      if (firstTime(clickers, orderers, viewer)) {
        clickerCount++;
      }
    }

    void order(int viewer, int qty, long amountCents) {
      orders++;
      units += qty;
      gmvCents += amountCents;
      if (firstTime(orderers, clickers, viewer)) {
        ordererCount++;
      }
    }

    void pay(int viewer, int qty, long priceCents) {
      paidOrders++;
      paidUnitsByPrice.merge(priceCents, (long) qty, Long::sum);
      if (firstTime(buyers, viewer)) {
        buyerCount++;
      }
    }

    /** Marks the viewer in the set; answers whether they were not in it yet. */
    /**
     * Whether the viewer clicks (or orders) for the first time; a viewer who with it has both clicked and
     * ordered counts once in clickersWhoOrdered, whichever came first.
     */
    private boolean firstTime(BitSet viewers, BitSet otherSet, int viewer) {
      if (!firstTime(viewers, viewer)) {
        return false;
      }
      if (otherSet.get(viewer)) {
        clickersWhoOrdered++;
      }
      return true;
    }

    private static boolean firstTime(BitSet viewers, int viewer) {
      if (viewers.get(viewer)) {
        return false;
      }
      viewers.set(viewer);
      return true;
    }

    public long clicks() {
      return clicks;
    }

    public long clickers() {
      return clickerCount;
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

    public long gmvCents() {
      return gmvCents;
    }

    public long paidOrders() {
      return paidOrders;
    }

    public long orderers() {
      return ordererCount;
    }

    public long buyers() {
      return buyerCount;
    }
  }

  /** What happened in one minute of the show, counted from its start. */
  public static final class Minute implements Serializable {
    final int index;
    int online;
    int peakOnline;
    long pv;
    long orders;
    long gmvCents;
    long comments;

    Minute(int index, int online) {
      this.index = index;
      this.online = online;
      this.peakOnline = online;
    }

    Minute copy() {
      Minute copy = new Minute(index, online);
      copy.peakOnline = peakOnline;
      copy.pv = pv;
      copy.orders = orders;
      copy.gmvCents = gmvCents;
      copy.comments = comments;
      return copy;
    }

    /** A minute in which nothing happened after {@code before}: the same audience, no joins, no orders. */
    static Minute quietAfter(Minute before) {
      return new Minute(before.index + 1, before.online);
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

    public long orders() {
      return orders;
    }

    /** The amountCents of the orders placed in this minute. */
    public long gmvCents() {
      return gmvCents;
    }

    /** Comments posted in this minute, shadowed ones included. */
    public long comments() {
      return comments;
    }
  }

  /** The cue moved to an item or a segment at {@code ts}. */
  public record CueMark(long ts, String itemId, String segment) implements Serializable {}

  private final Counters totals = new Counters();
  private final Map<String, Counters> byItem = new HashMap<>();
  /** Every viewer seen, numbered in order of appearance: their count is the UV. */
  private transient Map<String, Integer> viewerNumbers = new HashMap<>();
  private long pv;
  private long newSubscribers;
  private long connectedMillis;
  private long onlineSinceSum;
  /** This and the viewer numbers are written in FoldBytes' compact form by a snapshot (writeObject). */
  private transient Map<String, Long> onlineSince = new HashMap<>();
  private final List<Minute> minutes = new ArrayList<>();
  private final List<CueMark> cues = new ArrayList<>();
  private final ReservationFunnel funnel = new ReservationFunnel();

  /**
   * An independent copy, taken on the replica's context so that a snapshot can be written from it on
   * another thread (docs/design.md §Snapshots). Nothing mutable is shared.
   */
  public ShowFigures copy() {
    ShowFigures copy = new ShowFigures();
    totals.copyInto(copy.totals);
    byItem.forEach((id, counters) -> counters.copyInto(copy.item(id)));
    copy.viewerNumbers.putAll(viewerNumbers);
    copy.pv = pv;
    copy.newSubscribers = newSubscribers;
    copy.connectedMillis = connectedMillis;
    copy.onlineSinceSum = onlineSinceSum;
    copy.onlineSince.putAll(onlineSince);
    minutes.forEach(minute -> copy.minutes.add(minute.copy()));
    copy.cues.addAll(cues);
    funnel.copyInto(copy.funnel);
    return copy;
  }

  /** The viewers by number, then who is online since when (docs/design.md §Snapshots). */
  private void writeObject(java.io.ObjectOutputStream out) throws java.io.IOException {
    out.defaultWriteObject();
    FoldBytes.Out bytes = new FoldBytes.Out();
    String[] byNumber = new String[viewerNumbers.size()];
    viewerNumbers.forEach((viewer, number) -> byNumber[number] = viewer);
    bytes.count(byNumber.length);
    for (String viewer : byNumber) {
      bytes.once(viewer);
    }
    bytes.count(onlineSince.size());
    onlineSince.forEach((viewer, since) -> {
      bytes.once(viewer);
      bytes.whole(since);
    });
    bytes.end(out);
  }

  private void readObject(java.io.ObjectInputStream in) throws java.io.IOException, ClassNotFoundException {
    in.defaultReadObject();
    FoldBytes.In bytes = new FoldBytes.In(in);
    int viewers = bytes.count();
    viewerNumbers = FoldBytes.mapFor(viewers);
    for (int number = 0; number < viewers; number++) {
      viewerNumbers.put(bytes.once(), number);
    }
    int online = bytes.count();
    onlineSince = FoldBytes.mapFor(online);
    for (int i = 0; i < online; i++) {
      onlineSince.put(bytes.once(), bytes.whole());
    }
  }

  /** Folds one event; {@code state} has already evolved with it. */
  public void apply(Recorded recorded, ShowState state) {
    long ts = recorded.ts();
    Event event = recorded.event();
    if (event instanceof Event.ViewerJoined e) {
      funnel.joined(number(e.viewerId()), state.reservations().has(e.viewerId()));
      pv++;
      presenceChanged(e.viewerId(), state, ts).ifPresent(minute -> minute.pv++);
    } else if (event instanceof Event.ViewerLeft e) {
      presenceChanged(e.viewerId(), state, ts);
    } else if (event instanceof Event.ViewerClicked e) {
      int viewer = number(e.viewerId());
      funnel.clicked(viewer, state.reservations().has(e.viewerId()));
      totals.click(viewer);
      item(e.itemId()).click(viewer);
    } else if (event instanceof Event.ViewerSubscribed e) {
      number(e.viewerId());
      newSubscribers++;
    } else if (event instanceof Event.ViewerReserved e) {
      Integer viewer = viewerNumbers.get(e.viewerId());
      if (viewer != null) {
        funnel.reserved(viewer);
      }
    } else if (event instanceof Event.LotteryEntered e) {
      number(e.viewerId());
    } else if (event instanceof Event.OrderPlaced e) {
      int viewer = number(e.viewerId());
      funnel.ordered(viewer, state.reservations().has(e.viewerId()));
      totals.order(viewer, e.qty(), e.amountCents());
      item(e.itemId()).order(viewer, e.qty(), e.amountCents());
      if (state.status() == ShowStatus.LIVE) {
        Minute minute = minuteOf(state.startedAt(), ts);
        minute.orders++;
        minute.gmvCents += e.amountCents();
      }
    } else if (event instanceof Event.CommentPosted && state.status() == ShowStatus.LIVE) {
      minuteOf(state.startedAt(), ts).comments++;
    } else if (event instanceof Event.OrderPaid e) {
      OrderState order = state.order(e.orderId());
      Event.OrderPlaced placed = order.terms();
      int viewer = number(placed.viewerId());
      funnel.paid(viewer, state.reservations().has(placed.viewerId()));
      totals.pay(viewer, placed.qty(), placed.priceCents());
      item(placed.itemId()).pay(viewer, placed.qty(), placed.priceCents());
      totals.paidDiscountCents += order.discountCents();
      item(order.terms().itemId()).paidDiscountCents += order.discountCents();
    } else if (event instanceof Event.CueChanged e) {
      cues.add(new CueMark(ts, e.itemId(), e.segment()));
    } else if (event instanceof Event.ShowStarted) {
      Minute first = new Minute(0, state.presence().online());
      // joins of the waiting room count in the first minute, so the minutes add up to the show's PV
      first.pv = pv;
      minutes.add(first);
    } else if (event instanceof Event.ShowEnded) {
      if (!minutes.isEmpty()) {
        minuteOf(state.startedAt(), lastInstant(state.startedAt(), ts));
      }
      closeAllSessions(ts);
    }
  }

  /** The viewer's number, given on first sight. */
  private int number(String viewerId) {
    return viewerNumbers.computeIfAbsent(viewerId, id -> viewerNumbers.size());
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
      last = Minute.quietAfter(last);
      minutes.add(last);
    }
    return last;
  }

  /** The last millisecond of a show that ended at {@code endedAt}: a show of exactly 5 minutes has minutes 0…4. */
  static long lastInstant(long startedAt, long endedAt) {
    return Math.max(startedAt, endedAt - 1);
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
    return viewerNumbers.size();
  }

  public long newSubscribers() {
    return newSubscribers;
  }

  /** The reserved viewers' funnel, given how many reservations the show holds. */
  ReservationFunnel.Counts funnel(long reservations) {
    return funnel.counts(reservations);
  }

  /** Total connected time of every viewer up to {@code now}, counted once per viewer however many sockets. */
  public long connectedMillis(long now) {
    return connectedMillis + (long) onlineSince.size() * now - onlineSinceSum;
  }

  /**
   * Every minute from the start to the one {@code until} falls in, the quiet ones after the last recorded
   * minute made up on the way without being kept; empty before the start.
   */
  public List<Minute> minutesUntil(long startedAt, long until) {
    if (minutes.isEmpty()) {
      return List.of();
    }
    List<Minute> out = new ArrayList<>(minutes);
    int index = (int) (Math.max(0, until - startedAt) / 60_000);
    Minute last = out.get(out.size() - 1);
    while (last.index < index) {
      last = Minute.quietAfter(last);
      out.add(last);
    }
    return out;
  }

  /** Every cue change, in order. */
  public List<CueMark> cues() {
    return Collections.unmodifiableList(cues);
  }

  /** Paid GMV of an item: the sum of its paid orders' dueCents at the tier it has reached. */
  public static long paidGmv(Counters counters, ItemState item) {
    long sum = 0;
    for (Map.Entry<Long, Long> entry : counters.paidUnitsByPrice.entrySet()) {
      sum += item.settledPriceCents(entry.getKey()) * entry.getValue();
    }
    return Math.max(0, sum - counters.paidDiscountCents);
  }
}
