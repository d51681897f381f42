package io.livedesk.show;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** A lottery from opening to draw. Entrants are kept in entry order until the close sorts them. */
public final class LotteryState {

  public enum Phase { OPEN, CLOSED, DRAWN }

  private final Event.LotteryOpened opened;
  private final long openedAt;
  final Set<String> entrants = new LinkedHashSet<>();
  Phase phase = Phase.OPEN;
  List<String> sortedEntrants;
  String entrantsHash;
  Long closedAt;
  List<String> winners;
  Long drawnAt;

  LotteryState(Event.LotteryOpened opened, long openedAt) {
    this.opened = opened;
    this.openedAt = openedAt;
  }

  public String id() {
    return opened.lotteryId();
  }

  public String itemId() {
    return opened.itemId();
  }

  public int winnersWanted() {
    return opened.winners();
  }

  public LotteryRule rule() {
    return opened.rule();
  }

  public String commitment() {
    return opened.commitment();
  }

  /** The secret seed; reveal it only once {@link #phase()} is DRAWN. */
  public String seed() {
    return opened.seed();
  }

  public Long closesAt() {
    return opened.closesAt();
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

  public Set<String> entrants() {
    return entrants;
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
