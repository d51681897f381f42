package io.livedesk.show;

import java.io.Serializable;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/** A lottery from opening to draw. */
public final class LotteryState implements Serializable {

  public enum Phase { OPEN, CLOSED, DRAWN }

  private final Event.LotteryOpened opened;
  private final long openedAt;
  /** Kept in the draw's order from the first entry on. */
  final SortedSet<String> entrants;
  Phase phase = Phase.OPEN;
  List<String> sortedEntrants;
  String entrantsHash;
  Long closedAt;
  List<String> winners;
  Long drawnAt;

  /** An independent copy, for {@link ShowState#copy()}; the entrants keep their order. */
  LotteryState(LotteryState other) {
    this.opened = other.opened;
    this.openedAt = other.openedAt;
    this.entrants = new TreeSet<>(other.entrants);
    this.phase = other.phase;
    this.sortedEntrants = other.sortedEntrants;
    this.entrantsHash = other.entrantsHash;
    this.closedAt = other.closedAt;
    this.winners = other.winners;
    this.drawnAt = other.drawnAt;
  }

  LotteryState(Event.LotteryOpened opened, long openedAt, Comparator<String> order) {
    this.opened = opened;
    this.openedAt = openedAt;
    this.entrants = new TreeSet<>(order);
  }

  public String id() {
    return opened.lotteryId();
  }

  /**
   * What it was opened with: its item, how many win, its rule, its commitment, when it closes by itself and its
   * secret seed (reveal that only once {@link #phase()} is DRAWN).
   */
  public Event.LotteryOpened terms() {
    return opened;
  }

  public long openedAt() {
    return openedAt;
  }

  public Phase phase() {
    return phase;
  }

  public int entrantCount() {
    return entrants.size();
  }

  public boolean hasEntered(String viewerId) {
    return entrants.contains(viewerId);
  }

  /** Entrants so far, already in the byte order of their UTF-8. */
  public SortedSet<String> entrants() {
    return Collections.unmodifiableSortedSet(entrants);
  }

  /** Entrants in the byte order of their UTF-8, known from the close on. */
  public List<String> sortedEntrants() {
    return sortedEntrants;
  }

  public String entrantsHash() {
    return entrantsHash;
  }

  public Long closedAt() {
    return closedAt;
  }

  public List<String> winners() {
    return winners;
  }

  public Long drawnAt() {
    return drawnAt;
  }
}
