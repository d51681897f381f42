package io.livedesk.show;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/** The verifiable draw the show relies on; docs/protocol.md §Lottery draw fixes every bit of it. */
public interface LotteryAlgorithm {

  /** hex(SHA-256(seed)), published when the lottery opens. */
  String commitment(byte[] seed);

  /**
   * The byte order of UTF-8, as a comparator of strings: shows keep their entrants sorted in it as they
   * enter, so closing a lottery of a million entrants does not have to sort them.
   */
  Comparator<String> order();

  /** The entrants, each once, in the byte order of their UTF-8. */
  List<String> sort(Collection<String> entrants);

  /** hex(SHA-256(join(sorted, "\n"))), published when the lottery closes. */
  String entrantsHash(List<String> sorted);

  /** The first min(winners, n) of the seeded partial Fisher–Yates shuffle of {@code sorted}. */
  List<String> draw(byte[] seed, List<String> sorted, int winners);
}
