package io.livedesk.show;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The state of one show, a fold of its events. It is owned by exactly one thread (the show's writer,
 * or a replica's follower) and {@link #evolve} is the only thing that changes it.
 */
public final class ShowState implements Serializable {

  private final ShowMeta meta;
  /** Not written to a snapshot: whoever reads one hands it back ({@link #withLottery}). */
  private transient LotteryAlgorithm lotteryAlgorithm;
  private long seq;
  private long lastTs;
  private ShowStatus status = ShowStatus.DRAFT;
  private Long startedAt;
  private Long endedAt;
  private RunSheet sheet;
  private final List<ItemState> running = new ArrayList<>();
  private final Map<String, ItemState> items = new HashMap<>();
  private Cue cue;
  private final Map<String, Announcement> announcements = new LinkedHashMap<>();
  private final Map<String, Note> notes = new LinkedHashMap<>();
  private final List<PriceChange> priceChanges = new ArrayList<>();
  private long priceAckedThrough;
  private final Map<String, LotteryState> lotteries = new LinkedHashMap<>();
  private final Presence presence = new Presence();
  // the big maps are transient: a snapshot writes them in FoldBytes' compact form (writeObject)
  private transient Set<String> subscribers = new HashSet<>();
  private final Reservations reservations = new Reservations();
  /** Every order of each viewer who ordered in this show, oldest first; derived from {@link #orders}. */
  private transient Map<String, List<OrderState>> ordersByViewer = new HashMap<>();
  private transient Map<String, OrderState> orders = new HashMap<>();
  private transient Map<ViewerItem, Long> liveUnitsByViewerItem = new HashMap<>();
  /** Pending orders by expiry; derived from {@link #orders}, so a snapshot does not carry it. */
  private transient TreeSet<OrderState> holds = newHolds();
  private transient Map<String, Decision.Repeated> answered = new HashMap<>();
  private Promotions promotions = new Promotions();
  private Comments comments = new Comments();
  private Approvals approvals = new Approvals();

  public ShowState(ShowMeta meta, LotteryAlgorithm lotteryAlgorithm) {
    this.meta = meta;
    this.lotteryAlgorithm = lotteryAlgorithm;
  }

  /**
   * An independent copy at the same seq: a writer can start from the fold its replica has just made
   * instead of folding a long history a second time. Nothing mutable is shared.
   */
  public ShowState copy() {
    ShowState copy = new ShowState(meta, lotteryAlgorithm);
    copy.seq = seq;
    copy.lastTs = lastTs;
    copy.status = status;
    copy.startedAt = startedAt;
    copy.endedAt = endedAt;
    copy.sheet = sheet;
    for (ItemState item : running) {
      ItemState itemCopy = new ItemState(item);
      copy.running.add(itemCopy);
      copy.items.put(itemCopy.id(), itemCopy);
    }
    copy.cue = cue;
    copy.announcements.putAll(announcements);
    copy.notes.putAll(notes);
    copy.priceChanges.addAll(priceChanges);
    copy.priceAckedThrough = priceAckedThrough;
    lotteries.forEach((id, lottery) -> copy.lotteries.put(id, new LotteryState(lottery)));
    copy.presence.copyFrom(presence);
    copy.subscribers.addAll(subscribers);
    copy.reservations.copyFrom(reservations);
    for (OrderState order : orders.values()) {
      OrderState orderCopy = new OrderState(order);
      copy.orders.put(orderCopy.id(), orderCopy);
      if (order.status() == OrderState.Status.PENDING) {
        copy.holds.add(orderCopy);
      }
    }
    ordersByViewer.forEach((viewer, own) -> copy.ordersByViewer.put(viewer,
        new ArrayList<>(own.stream().map(order -> copy.orders.get(order.id())).toList())));
    copy.liveUnitsByViewerItem.putAll(liveUnitsByViewerItem);
    copy.answered.putAll(answered);
    copy.promotions = promotions.copy();
    copy.comments = comments.copy();
    copy.approvals = approvals.copy();
    return copy;
  }

  private static TreeSet<OrderState> newHolds() {
    return new TreeSet<>(ShowState::byExpiry);
  }

  /** The big maps in compact form (docs/design.md §Snapshots); what is derived from them is not written. */
  private void writeObject(java.io.ObjectOutputStream out) throws java.io.IOException {
    out.defaultWriteObject();
    FoldBytes.Out bytes = new FoldBytes.Out();
    bytes.count(subscribers.size());
    subscribers.forEach(bytes::once);
    List<OrderState> bySeq = new ArrayList<>(orders.values());
    bySeq.sort((a, b) -> Long.compare(a.placedSeq(), b.placedSeq()));
    bytes.count(bySeq.size());
    OrderState previous = null;
    for (OrderState order : bySeq) {
      order.writeTo(bytes, previous);
      previous = order;
    }
    bytes.count(liveUnitsByViewerItem.size());
    liveUnitsByViewerItem.forEach((key, units) -> {
      bytes.once(key.viewerId());
      bytes.text(key.itemId());
      bytes.whole(units);
    });
    bytes.count(answered.size());
    answered.forEach((key, answer) -> {
      bytes.once(key);
      bytes.whole(answer.seq());
      bytes.value(answer.result());
    });
    bytes.end(out);
  }

  /** Reads the big maps back and rebuilds what a snapshot leaves out (docs/design.md §Snapshots). */
  private void readObject(java.io.ObjectInputStream in) throws java.io.IOException, ClassNotFoundException {
    in.defaultReadObject();
    FoldBytes.In bytes = new FoldBytes.In(in);
    int count = bytes.count();
    subscribers = new HashSet<>();
    for (int i = 0; i < count; i++) {
      subscribers.add(bytes.once());
    }
    count = bytes.count();
    orders = FoldBytes.mapFor(count);
    ordersByViewer = new HashMap<>();
    holds = newHolds();
    OrderState previous = null;
    for (int i = 0; i < count; i++) {
      OrderState order = OrderState.readFrom(bytes, previous);
      orders.put(order.id(), order);
      ordersByViewer.computeIfAbsent(order.terms().viewerId(), v -> new ArrayList<>(2)).add(order);
      if (order.status() == OrderState.Status.PENDING) {
        holds.add(order);
      }
      previous = order;
    }
    count = bytes.count();
    liveUnitsByViewerItem = FoldBytes.mapFor(count);
    for (int i = 0; i < count; i++) {
      liveUnitsByViewerItem.put(new ViewerItem(bytes.once(), bytes.text()), bytes.whole());
    }
    count = bytes.count();
    answered = FoldBytes.mapFor(count);
    for (int i = 0; i < count; i++) {
      String key = bytes.once();
      long seq = bytes.whole();
      @SuppressWarnings("unchecked")
      Map<String, Object> result = (Map<String, Object>) bytes.value();
      answered.put(key, new Decision.Repeated(seq, result));
    }
  }

  /** A state read from a snapshot takes the show's lottery algorithm back; answers itself. */
  public ShowState withLottery(LotteryAlgorithm lottery) {
    this.lotteryAlgorithm = lottery;
    return this;
  }

  /** Applies one recorded event. Events must come in {@code seq} order, each exactly once. */
  public void evolve(Recorded recorded) {
    if (recorded.seq() != seq + 1) {
      throw new IllegalStateException(
          "show " + meta.id() + " expected seq " + (seq + 1) + " but got " + recorded.seq());
    }
    seq = recorded.seq();
    lastTs = recorded.ts();
    long ts = recorded.ts();
    Event event = recorded.event();
    // events not named here (sold out, clicks, payment failures…) inform clients and the report only
    if (event instanceof Event.RunSheetLoaded e) {
      loadSheet(e.sheet());
    } else if (event instanceof Event.ShowStarted) {
      status = ShowStatus.LIVE;
      startedAt = ts;
    } else if (event instanceof Event.ShowEnded) {
      closeCue(ts);
      cue = null;
      status = ShowStatus.ENDED;
      endedAt = ts;
      presence.closeAll();
    } else if (event instanceof Event.CueChanged e) {
      closeCue(ts);
      cue = new Cue(e.itemId(), e.segment(), ts);
    } else if (event instanceof Event.ItemsSwapped e) {
      swap(e.itemId(), e.backupId());
    } else if (event instanceof Event.ItemListed e) {
      items.get(e.itemId()).shelf = ItemState.Shelf.ON_SHELF;
    } else if (event instanceof Event.ItemDelisted e) {
      items.get(e.itemId()).shelf = ItemState.Shelf.OFF_SHELF;
    } else if (event instanceof Event.PriceChanged e) {
      ItemState item = items.get(e.itemId());
      if (e.reason() != null) {
        // a flash sale's start or end: its own events move the price, the history stays staff's
      } else if (e.revert()) {
        item.priceHistory.pop();
        item.livePriceCents = e.toCents();
      } else {
        item.priceHistory.push(e.fromCents());
        item.livePriceCents = e.toCents();
      }
      priceChanges.add(new PriceChange(recorded.seq(), ts, e.itemId(), e.fromCents(), e.toCents(),
          e.revert(), e.confirmed(), recorded.actor()));
    } else if (event instanceof Event.StockChanged e) {
      items.get(e.itemId()).stock = e.stock();
    } else if (event instanceof Event.TierReached e) {
      items.get(e.itemId()).tierReached = e.tier();
    } else if (event instanceof Event.AnnouncementPublished e) {
      if (e.pinned()) {
        announcements.replaceAll((id, a) -> a.pinned()
            ? new Announcement(a.id(), a.text(), false, a.publishedAt(), a.retractedAt()) : a);
      }
      announcements.put(e.announcementId(),
          new Announcement(e.announcementId(), e.text(), e.pinned(), ts, null));
    } else if (event instanceof Event.AnnouncementRetracted e) {
      announcements.computeIfPresent(e.announcementId(),
          (id, a) -> new Announcement(a.id(), a.text(), a.pinned(), a.publishedAt(), ts));
    } else if (event instanceof Event.NoteSent e) {
      notes.put(e.noteId(), new Note(e.noteId(), e.text(), ts, null));
    } else if (event instanceof Event.Acked e) {
      if (e.noteId() != null) {
        notes.computeIfPresent(e.noteId(), (id, n) -> new Note(n.id(), n.text(), n.sentAt(), ts));
      }
      if (e.seq() != null) {
        priceAckedThrough = Math.max(priceAckedThrough, e.seq());
      }
    } else if (event instanceof Event.LotteryOpened e) {
      lotteries.put(e.lotteryId(), new LotteryState(e, ts, lotteryAlgorithm.order()));
    } else if (event instanceof Event.LotteryEntered e) {
      lotteries.get(e.lotteryId()).entrants.add(e.viewerId());
    } else if (event instanceof Event.LotteryClosed e) {
      LotteryState lottery = lotteries.get(e.lotteryId());
      lottery.phase = LotteryState.Phase.CLOSED;
      lottery.sortedEntrants = List.copyOf(lottery.entrants);
      lottery.entrantsHash = e.entrantsHash();
      lottery.closedAt = ts;
    } else if (event instanceof Event.LotteryDrawn e) {
      LotteryState lottery = lotteries.get(e.lotteryId());
      lottery.phase = LotteryState.Phase.DRAWN;
      lottery.winners = List.copyOf(e.winners());
      lottery.drawnAt = ts;
      items.get(lottery.terms().itemId()).prizesGiven += e.winners().size();
    } else if (event instanceof Event.ViewerJoined e) {
      presence.open(e.viewerId(), e.node(), ts);
    } else if (event instanceof Event.ViewerLeft e) {
      presence.close(e.viewerId(), e.node(), e.sockets());
    } else if (event instanceof Event.ViewerSubscribed e) {
      subscribers.add(e.viewerId());
    } else if (event instanceof Event.ViewerReserved e) {
      reservations.add(e.viewerId(), ts);
    } else if (event instanceof Event.OrderPlaced e) {
      placeOrder(e, recorded.seq(), ts);
    } else if (event instanceof Event.OrderPaid e) {
      OrderState order = orders.get(e.orderId());
      holds.remove(order);
      order.status = OrderState.Status.PAID;
      order.paymentId = e.paymentId();
      order.paidAt = ts;
      ItemState item = items.get(order.terms().itemId());
      item.paidUnits += order.terms().qty();
      item.paidUnitsByPrice.merge(order.terms().priceCents(), (long) order.terms().qty(), Long::sum);
    } else if (event instanceof Event.OrderCancelled e) {
      releaseOrder(orders.get(e.orderId()), OrderState.Status.CANCELLED, ts);
    } else if (event instanceof Event.OrderExpired e) {
      releaseOrder(orders.get(e.orderId()), OrderState.Status.EXPIRED, ts);
    } else if (event instanceof Event.PaymentConflict e) {
      refusePayment(orders.get(e.orderId()), e.paymentId());
    } else if (event instanceof Event.PaymentMismatch e) {
      refusePayment(orders.get(e.orderId()), OrderState.mismatchKey(e.paymentId(), e.amountCents()));
    } else if (Promotions.folds(event)) {
      promotions.evolve(event, ts, items::get);
    } else if (Comments.folds(event)) {
      comments.evolve(event, ts);
    } else if (Approvals.folds(event)) {
      approvals.evolve(event, ts);
    }
    if (recorded.key() != null) {
      answered.put(answerKey(recorded.actor(), recorded.key()),
          new Decision.Repeated(recorded.seq(), recorded.result()));
    }
  }

  /** A payment the order could not take is remembered, so a retried notification is recorded once. */
  private static void refusePayment(OrderState order, String paymentId) {
    if (order.conflictingPayments.isEmpty()) {
      order.conflictingPayments = new HashSet<>(2);
    }
    order.conflictingPayments.add(paymentId);
  }

  private void loadSheet(RunSheet newSheet) {
    sheet = newSheet;
    running.clear();
    items.clear();
    for (ItemSpec spec : newSheet.items()) {
      ItemState item = new ItemState(spec);
      running.add(item);
      items.put(spec.id(), item);
    }
  }

  private void swap(String itemId, String backupId) {
    ItemState item = items.get(itemId);
    ItemState backup = items.get(backupId);
    int itemAt = running.indexOf(item);
    int backupAt = running.indexOf(backup);
    long slot = item.spec().plannedSeconds();
    backup.changeRole(item.role(), slot);
    item.changeRole(ItemRole.BACKUP, 0);
    running.set(itemAt, backup);
    running.set(backupAt, item);
  }

  private void closeCue(long ts) {
    if (cue != null && cue.isItem()) {
      items.get(cue.itemId()).airedMillis += ts - cue.since();
    }
  }

  private void placeOrder(Event.OrderPlaced e, long seq, long ts) {
    OrderState order = new OrderState(e, seq, ts);
    orders.put(e.orderId(), order);
    holds.add(order);
    ordersByViewer.computeIfAbsent(e.viewerId(), v -> new ArrayList<>(2)).add(order);
    ItemState item = items.get(e.itemId());
    item.stock -= e.qty();
    item.sold += e.qty();
    item.orderedUnits += e.qty();
    liveUnitsByViewerItem.merge(unitsKey(e.viewerId(), e.itemId()), (long) e.qty(), Long::sum);
    promotions.orderPlaced(e, ts);
  }

  private void releaseOrder(OrderState order, OrderState.Status newStatus, long ts) {
    holds.remove(order);
    order.status = newStatus;
    order.closedAt = ts;
    Event.OrderPlaced placed = order.terms();
    ItemState item = items.get(placed.itemId());
    item.stock += placed.qty();
    item.sold -= placed.qty();
    liveUnitsByViewerItem.merge(unitsKey(placed.viewerId(), placed.itemId()), (long) -placed.qty(), Long::sum);
    promotions.orderReleased(order);
  }

  /** A viewer's units of one item are counted under this key. */
  private record ViewerItem(String viewerId, String itemId) {}

  /** Holds in the order they run out; orders placed in the same millisecond in the order placed (by seq). */
  private static int byExpiry(OrderState a, OrderState b) {
    int byTime = Long.compare(a.terms().expiresAt(), b.terms().expiresAt());
    return byTime != 0 ? byTime : Long.compare(a.placedSeq(), b.placedSeq());
  }

  private static ViewerItem unitsKey(String viewerId, String itemId) {
    return new ViewerItem(viewerId, itemId);
  }

  private static String answerKey(Actor actor, String key) {
    return actor.keyScope() + '\u0000' + key;
  }

  // ---- reads, for decide, snapshots and figures ----

  public ShowMeta meta() {
    return meta;
  }

  public String id() {
    return meta.id();
  }

  public long seq() {
    return seq;
  }

  public long lastTs() {
    return lastTs;
  }

  public ShowStatus status() {
    return status;
  }

  public Long startedAt() {
    return startedAt;
  }

  public Long endedAt() {
    return endedAt;
  }

  public RunSheet sheet() {
    return sheet;
  }

  public boolean hasSheet() {
    return sheet != null;
  }

  /** Items in running order, swaps applied. */
  public List<ItemState> running() {
    return Collections.unmodifiableList(running);
  }

  public ItemState item(String itemId) {
    return itemId == null ? null : items.get(itemId);
  }

  public Cue cue() {
    return cue;
  }

  /** The item after the one on air in running order (backups skipped), or null. */
  public ItemState nextItem() {
    List<Cue> stops = cueStops();
    int at = cueIndex(stops);
    for (int i = at + 1; i < stops.size(); i++) {
      if (stops.get(i).isItem()) {
        return items.get(stops.get(i).itemId());
      }
    }
    return null;
  }

  /** Everywhere cue.next and cue.prev can go, in order: opening, every non-backup item, closing. */
  public List<Cue> cueStops() {
    List<Cue> stops = new ArrayList<>();
    if (sheet != null && hasText(sheet.opening())) {
      stops.add(new Cue(null, Cue.OPENING, 0));
    }
    for (ItemState item : running) {
      if (item.role() != ItemRole.BACKUP) {
        stops.add(new Cue(item.id(), null, 0));
      }
    }
    if (sheet != null && hasText(sheet.closing())) {
      stops.add(new Cue(null, Cue.CLOSING, 0));
    }
    return stops;
  }

  /** Position of the current cue among {@code stops}, or -1 when nothing is cued (or a backup is). */
  public int cueIndex(List<Cue> stops) {
    if (cue == null) {
      return -1;
    }
    for (int i = 0; i < stops.size(); i++) {
      if (cue.sameTarget(stops.get(i).itemId(), stops.get(i).segment())) {
        return i;
      }
    }
    return -1;
  }

  public String script(String segment) {
    if (sheet == null) {
      return null;
    }
    return Cue.OPENING.equals(segment) ? sheet.opening() : Cue.CLOSING.equals(segment) ? sheet.closing() : null;
  }

  public Collection<Announcement> announcements() {
    return Collections.unmodifiableCollection(announcements.values());
  }

  public Announcement announcement(String id) {
    return announcements.get(id);
  }

  public Collection<Note> notes() {
    return Collections.unmodifiableCollection(notes.values());
  }

  public Note note(String id) {
    return notes.get(id);
  }

  public List<PriceChange> priceChanges() {
    return Collections.unmodifiableList(priceChanges);
  }

  /** The host has acknowledged every price change up to this seq. */
  public long priceAckedThrough() {
    return priceAckedThrough;
  }

  public Collection<LotteryState> lotteries() {
    return Collections.unmodifiableCollection(lotteries.values());
  }

  public LotteryState lottery(String id) {
    return lotteries.get(id);
  }

  /** The lottery on this prize item that has not been drawn yet, or null. */
  public LotteryState undrawnLotteryFor(String itemId) {
    for (LotteryState lottery : lotteries.values()) {
      if (lottery.terms().itemId().equals(itemId) && lottery.phase() != LotteryState.Phase.DRAWN) {
        return lottery;
      }
    }
    return null;
  }

  public Presence presence() {
    return presence;
  }

  public boolean isSubscriber(String viewerId) {
    return subscribers.contains(viewerId);
  }

  public Reservations reservations() {
    return reservations;
  }

  public boolean hasOrdered(String viewerId) {
    return ordersByViewer.containsKey(viewerId);
  }

  /** The viewer's orders in this show, oldest first; empty when they have none. */
  public List<OrderState> ordersOf(String viewerId) {
    List<OrderState> own = viewerId == null ? null : ordersByViewer.get(viewerId);
    return own == null ? List.of() : Collections.unmodifiableList(own);
  }

  public OrderState order(String orderId) {
    return orderId == null ? null : orders.get(orderId);
  }

  public Collection<OrderState> orders() {
    return Collections.unmodifiableCollection(orders.values());
  }

  /** Units of the item in the viewer's orders that still stand. */
  public long liveUnits(String viewerId, String itemId) {
    return liveUnitsByViewerItem.getOrDefault(unitsKey(viewerId, itemId), 0L);
  }

  public Decision.Repeated answered(Actor actor, String key) {
    return key == null ? null : answered.get(answerKey(actor, key));
  }

  /** Pending orders whose hold ran out by {@code now}, oldest first. */
  public List<OrderState> holdsExpiredBy(long now) {
    List<OrderState> due = new ArrayList<>();
    for (OrderState order : holds) {
      if (order.terms().expiresAt() > now) {
        break;
      }
      due.add(order);
    }
    return due;
  }

  /** Flash sales and coupons. */
  public Promotions promotions() {
    return promotions;
  }

  public Comments comments() {
    return comments;
  }

  /** Cuts waiting for a second staff member (docs/protocol.md §Two-person rule). */
  public Approvals approvals() {
    return approvals;
  }

  /**
   * The earliest time something falls due by the clock (an order hold, a lottery countdown, a flash sale's
   * start or end, an approval request running out), or MAX.
   */
  public long nextDeadline() {
    long next = Math.min(holds.isEmpty() ? Long.MAX_VALUE : holds.first().terms().expiresAt(), promotions.nextDeadline());
    next = Math.min(next, approvals.nextDeadline());
    for (LotteryState lottery : lotteries.values()) {
      if (lottery.phase() == LotteryState.Phase.OPEN && lottery.terms().closesAt() != null) {
        next = Math.min(next, lottery.terms().closesAt());
      }
    }
    return next;
  }

  private static boolean hasText(String text) {
    return text != null && !text.isBlank();
  }
}
