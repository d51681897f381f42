package io.livedesk.lottery;

import io.livedesk.show.Hex;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/** Rechecks a revealed draw from its public proof alone, as the proof endpoint or any viewer would. */
public final class DrawVerifier {

  /** docs/protocol.md §Lottery draw: the server commits to a 32-byte seed. */
  public static final int SEED_BYTES = 32;

  private static final VerifiableDraw DRAW = new VerifiableDraw();

  private DrawVerifier() {
  }

  /**
   * Whether the revealed seed matches the commitment, the entrants are distinct and in UTF-8 byte
   * order, they hash to the published hash, and the seed draws exactly these winners, in this order,
   * from them when {@code winnersCount} winners were wanted. Any missing or malformed part is false.
   */
  public static boolean verify(String seedHex, String commitment, List<String> sortedEntrants,
      String entrantsHash, List<String> winners, int winnersCount) {
    if (seedHex == null || commitment == null || sortedEntrants == null || entrantsHash == null
        || winners == null || winnersCount < 0) {
      return false;
    }
    byte[] seed;
    try {
      seed = Hex.parse(seedHex);
    } catch (IllegalArgumentException malformed) {
      return false;
    }
    return seed.length == SEED_BYTES
        && DRAW.commitment(seed).equals(commitment)
        && strictlyAscending(sortedEntrants)
        && DRAW.entrantsHash(sortedEntrants).equals(entrantsHash)
        && DRAW.draw(seed, sortedEntrants, winnersCount).equals(winners);
  }

  // One pass instead of a re-sort: the proof endpoint may check a million entrants.
  private static boolean strictlyAscending(List<String> entrants) {
    byte[] previous = null;
    for (String id : entrants) {
      if (id == null) {
        return false;
      }
      byte[] current = id.getBytes(StandardCharsets.UTF_8);
      if (previous != null && Arrays.compareUnsigned(previous, current) >= 0) {
        return false;
      }
      previous = current;
    }
    return true;
  }
}
