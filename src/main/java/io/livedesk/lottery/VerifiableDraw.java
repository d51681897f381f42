package io.livedesk.lottery;

import io.livedesk.show.Hex;
import io.livedesk.show.LotteryAlgorithm;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;

/**
 * The commit-reveal draw of docs/protocol.md §Lottery draw. Stateless, so one instance serves every show.
 * Entrant ids are expected to be well-formed Unicode without a line feed: the protocol hashes their
 * UTF-8 joined by "\n", which neither a lone surrogate nor an embedded line feed survives intact.
 */
public final class VerifiableDraw implements LotteryAlgorithm {

  private static final Comparator<Encoded> BY_UTF8 = (a, b) -> Arrays.compareUnsigned(a.utf8(), b.utf8());

  /**
   * UTF-8 byte order is code point order; UTF-16 order differs only where surrogates meet U+E000–U+FFFF.
   * An enum, so a show's sorted entrants can be written to a snapshot with their order (docs/design.md
   * §Snapshots).
   */
  private enum CodePointOrder implements Comparator<String> {
    INSTANCE;

    @Override
    public int compare(String a, String b) {
      int common = Math.min(a.length(), b.length());
      for (int i = 0; i < common; i++) {
        char x = a.charAt(i);
        char y = b.charAt(i);
        if (x != y) {
          boolean xSurrogate = Character.isSurrogate(x);
          if (xSurrogate != Character.isSurrogate(y)) {
            // a surrogate starts a code point above U+FFFF, after every char that is not one
            return xSurrogate ? 1 : -1;
          }
          return x - y;
        }
      }
      return a.length() - b.length();
    }
  }

  private static final Comparator<String> CODE_POINT_ORDER = CodePointOrder.INSTANCE;

  @Override
  public Comparator<String> order() {
    return CODE_POINT_ORDER;
  }

  @Override
  public String commitment(byte[] seed) {
    return Hex.of(sha256().digest(seed));
  }

  @Override
  public List<String> sort(Collection<String> entrants) {
    // Encoded once up front: a million entrants cost some twenty million comparisons.
    Encoded[] encoded = new Encoded[entrants.size()];
    int count = 0;
    for (String id : entrants) {
      encoded[count++] = new Encoded(id, id.getBytes(StandardCharsets.UTF_8));
    }
    Arrays.sort(encoded, 0, count, BY_UTF8);
    List<String> sorted = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      if (i == 0 || BY_UTF8.compare(encoded[i - 1], encoded[i]) != 0) {
        sorted.add(encoded[i].id());
      }
    }
    return Collections.unmodifiableList(sorted);
  }

  @Override
  public String entrantsHash(List<String> sorted) {
    MessageDigest digest = sha256();
    boolean first = true;
    for (String id : sorted) {
      if (!first) {
        digest.update((byte) '\n');
      }
      digest.update(id.getBytes(StandardCharsets.UTF_8));
      first = false;
    }
    return Hex.of(digest.digest());
  }

  @Override
  public List<String> draw(byte[] seed, List<String> sorted, int winners) {
    if (winners < 0) {
      throw new IllegalArgumentException("a draw cannot have " + winners + " winners");
    }
    int n = sorted.size();
    int k = Math.min(winners, n);
    if (k == 0) {
      return List.of();
    }
    List<String> a = sorted instanceof RandomAccess ? sorted : new ArrayList<>(sorted);
    // The copy of a holds only the places a swap changed: 3 winners from a million copy nothing.
    Map<Integer, String> changed = new HashMap<>();
    List<String> drawn = new ArrayList<>(k);
    DrawStream stream = new DrawStream(seed);
    for (int j = 0; j < k; j++) {
      int u = j + (int) stream.uniform(n - j);
      // Swapping a[j] and a[u] settles a[j] for good, so it goes straight to the winners.
      drawn.add(changed.getOrDefault(u, a.get(u)));
      changed.put(u, changed.getOrDefault(j, a.get(j)));
    }
    return Collections.unmodifiableList(drawn);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform provides SHA-256", e);
    }
  }

  private record Encoded(String id, byte[] utf8) {
  }
}
