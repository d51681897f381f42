package io.livedesk.report;

import java.io.Serializable;
import java.util.BitSet;

/**
 * The reserved viewers' way through the show (docs/design.md §Figures): reserved → attended → clicked →
 * ordered → paid, each step counting a reserved viewer once. Viewers are the numbers {@link ShowFigures}
 * gave them; a reservation alone gives none, since it is no visit. Reservations close when the show starts
 * and clicks, orders and payments need it live, so only attending can come before a reservation.
 */
final class ReservationFunnel implements Serializable {

  /** The steps at one instant: plain numbers, read on any thread. */
  record Counts(long reserved, long attended, long clicked, long ordered, long paid) {}

  private final BitSet joined = new BitSet();
  private final BitSet attended = new BitSet();
  private final BitSet clicked = new BitSet();
  private final BitSet ordered = new BitSet();
  private final BitSet paid = new BitSet();
  private long attendedCount;
  private long clickedCount;
  private long orderedCount;
  private long paidCount;

  /** Makes {@code target}, a fresh one, equal to this. */
  void copyInto(ReservationFunnel target) {
    target.joined.or(joined);
    target.attended.or(attended);
    target.clicked.or(clicked);
    target.ordered.or(ordered);
    target.paid.or(paid);
    target.attendedCount = attendedCount;
    target.clickedCount = clickedCount;
    target.orderedCount = orderedCount;
    target.paidCount = paidCount;
  }

  void joined(int viewer, boolean isReserved) {
    joined.set(viewer);
    if (isReserved && firstTime(attended, viewer)) {
      attendedCount++;
    }
  }

  /** A viewer who had a number already reserved: they count as attending if they had opened the show. */
  void reserved(int viewer) {
    if (joined.get(viewer) && firstTime(attended, viewer)) {
      attendedCount++;
    }
  }

  void clicked(int viewer, boolean isReserved) {
    if (isReserved && firstTime(clicked, viewer)) {
      clickedCount++;
    }
  }

  void ordered(int viewer, boolean isReserved) {
    if (isReserved && firstTime(ordered, viewer)) {
      orderedCount++;
    }
  }

  void paid(int viewer, boolean isReserved) {
    if (isReserved && firstTime(paid, viewer)) {
      paidCount++;
    }
  }

  Counts counts(long reservations) {
    return new Counts(reservations, attendedCount, clickedCount, orderedCount, paidCount);
  }

  private static boolean firstTime(BitSet viewers, int viewer) {
    if (viewers.get(viewer)) {
      return false;
    }
    viewers.set(viewer);
    return true;
  }
}
