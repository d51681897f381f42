package io.livedesk.show;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** A flash sale (秒杀) from its schedule to its end. Changed only by {@link ShowState}. */
public final class FlashSale {

  public enum Status {
    SCHEDULED, LIVE, ENDED, CANCELLED;

    public String wire() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** Scheduled or live: the item has this sale ahead of it or on it. */
    public boolean open() {
      return this == SCHEDULED || this == LIVE;
    }
  }

  private final Event.FlashScheduled scheduled;
  Status status = Status.SCHEDULED;
  Long startedAt;
  Long endedAt;
  String endReason;
  /** Units of the sale's orders that still stand (not cancelled, not expired). */
  long sold;
  /** When the sale's last unit was taken, while it stays taken; null otherwise. */
  Long soldOutAt;
  /** Each viewer's units in the sale's standing orders, for its per-viewer limit. */
  final Map<String, Long> unitsByViewer = new HashMap<>();

  FlashSale(Event.FlashScheduled scheduled) {
    this.scheduled = scheduled;
  }

  /** An independent copy, for {@link ShowState#copy()}. */
  FlashSale(FlashSale other) {
    this.scheduled = other.scheduled;
    this.status = other.status;
    this.startedAt = other.startedAt;
    this.endedAt = other.endedAt;
    this.endReason = other.endReason;
    this.sold = other.sold;
    this.soldOutAt = other.soldOutAt;
    this.unitsByViewer.putAll(other.unitsByViewer);
  }

  public String id() {
    return scheduled.flashId();
  }

  public String itemId() {
    return scheduled.itemId();
  }

  public long priceCents() {
    return scheduled.priceCents();
  }

  public long startsAt() {
    return scheduled.startsAt();
  }

  public long endsAt() {
    return scheduled.endsAt();
  }

  /** Units for the sale, or null when it may sell every unit of the item. */
  public Long stock() {
    return scheduled.stock();
  }

  public int limitPerViewer() {
    return scheduled.limitPerViewer();
  }

  public Status status() {
    return status;
  }

  public Long startedAt() {
    return startedAt;
  }

  public Long endedAt() {
    return endedAt;
  }

  public String endReason() {
    return endReason;
  }

  public long sold() {
    return sold;
  }

  public Long soldOutAt() {
    return soldOutAt;
  }

  /** Units the sale can still sell, with the item's own stock left: the smaller of the two. */
  public long left(long itemStock) {
    return stock() == null ? itemStock : Math.min(itemStock, Math.max(0, stock() - sold));
  }

  /** The viewer's units in the sale's standing orders. */
  public long unitsOf(String viewerId) {
    return unitsByViewer.getOrDefault(viewerId, 0L);
  }

  /** The next time the clock moves this sale (its start, then its end), or MAX once it is over. */
  long deadline() {
    return switch (status) {
      case SCHEDULED -> startsAt();
      case LIVE -> endsAt();
      case ENDED, CANCELLED -> Long.MAX_VALUE;
    };
  }

  void take(String viewerId, long units, long ts) {
    sold += units;
    unitsByViewer.merge(viewerId, units, Long::sum);
    if (stock() != null && sold >= stock()) {
      soldOutAt = ts;
    }
  }

  void giveBack(String viewerId, long units) {
    sold -= units;
    unitsByViewer.merge(viewerId, -units, Long::sum);
    soldOutAt = null;
  }
}
