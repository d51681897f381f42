package io.livedesk.show;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** A flash sale (秒杀) from its schedule to its end. Changed only by {@link ShowState}. */
public final class FlashSale implements Serializable {

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

  /** What it was scheduled with: its terms never change. */
  private final Event.FlashScheduled terms;
  Status status = Status.SCHEDULED;
  Long startedAt;
  /** How it ended, or null while it has not. */
  Ending ending;
  /** Units of the sale's orders that still stand (not cancelled, not expired). */
  long sold;
  /** When the sale's last unit was taken, while it stays taken; null otherwise. */
  Long soldOutAt;
  /** Each viewer's units in the sale's standing orders, for its per-viewer limit. */
  final Map<String, Long> unitsByViewer = new HashMap<>();

  /** When a sale ended and why: time, sold_out or cancelled. */
  public record Ending(long at, String reason) implements java.io.Serializable {}

  FlashSale(Event.FlashScheduled terms) {
    this.terms = terms;
  }

  /** An independent copy, for {@link ShowState#copy()}. */
  FlashSale(FlashSale other) {
    this(other.terms);
    this.status = other.status;
    this.startedAt = other.startedAt;
    this.ending = other.ending;
    this.sold = other.sold;
    this.soldOutAt = other.soldOutAt;
    this.unitsByViewer.putAll(other.unitsByViewer);
  }

  public String id() {
    return terms.flashId();
  }

  public Event.FlashScheduled terms() {
    return terms;
  }

  public Status status() {
    return status;
  }

  public Long startedAt() {
    return startedAt;
  }

  public Ending ending() {
    return ending;
  }

  public long sold() {
    return sold;
  }

  public Long soldOutAt() {
    return soldOutAt;
  }

  /** Units the sale can still sell, with the item's own stock left: the smaller of the two. */
  public long left(long itemStock) {
    return terms.stock() == null ? itemStock : Math.min(itemStock, Math.max(0, terms.stock() - sold));
  }

  /** The viewer's units in the sale's standing orders. */
  public long unitsOf(String viewerId) {
    return unitsByViewer.getOrDefault(viewerId, 0L);
  }

  /** The next time the clock moves this sale (its start, then its end), or MAX once it is over. */
  long deadline() {
    return switch (status) {
      case SCHEDULED -> terms.startsAt();
      case LIVE -> terms.endsAt();
      case ENDED, CANCELLED -> Long.MAX_VALUE;
    };
  }

  void take(String viewerId, long units, long ts) {
    sold += units;
    unitsByViewer.merge(viewerId, units, Long::sum);
    if (terms.stock() != null && sold >= terms.stock()) {
      soldOutAt = ts;
    }
  }

  void giveBack(String viewerId, long units) {
    sold -= units;
    unitsByViewer.merge(viewerId, -units, Long::sum);
    soldOutAt = null;
  }
}
