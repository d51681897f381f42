package io.livedesk.lottery;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeSet;

/**
 * A second reading of docs/protocol.md §Lottery draw that shares no code with production: HMAC built by
 * hand from SHA-256, words as BigInteger, order by code points, the joined string hashed whole.
 */
final class ReferenceDraw {

  static final BigInteger TWO_TO_64 = BigInteger.ONE.shiftLeft(64);

  private ReferenceDraw() {
  }

  static String commitment(byte[] seed) {
    return HexFormat.of().formatHex(sha256(seed));
  }

  /** UTF-8 byte order is code point order for well-formed strings, so no encoding is needed here. */
  static List<String> sort(Collection<String> entrants) {
    TreeSet<String> byCodePoints = new TreeSet<>(
        (a, b) -> Arrays.compare(a.codePoints().toArray(), b.codePoints().toArray()));
    byCodePoints.addAll(entrants);
    return new ArrayList<>(byCodePoints);
  }

  static String entrantsHash(List<String> sorted) {
    return HexFormat.of().formatHex(sha256(String.join("\n", sorted).getBytes(StandardCharsets.UTF_8)));
  }

  static List<String> draw(byte[] seed, List<String> sorted, int winners) {
    List<String> a = new ArrayList<>(sorted);
    int n = a.size();
    int k = Math.min(winners, n);
    Stream stream = new Stream(seed);
    for (int j = 0; j < k; j++) {
      int u = j + stream.uniform(BigInteger.valueOf(n - j)).intValueExact();
      Collections.swap(a, j, u);
    }
    return new ArrayList<>(a.subList(0, k));
  }

  /** RFC 2104 with a 64-byte block. */
  static byte[] hmacSha256(byte[] key, byte[] message) {
    byte[] k = key.length > 64 ? sha256(key) : key;
    byte[] inner = new byte[64 + message.length];
    byte[] outer = new byte[64 + 32];
    for (int i = 0; i < 64; i++) {
      int keyByte = i < k.length ? k[i] : 0;
      inner[i] = (byte) (keyByte ^ 0x36);
      outer[i] = (byte) (keyByte ^ 0x5c);
    }
    System.arraycopy(message, 0, inner, 64, message.length);
    System.arraycopy(sha256(inner), 0, outer, 64, 32);
    return sha256(outer);
  }

  static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The word stream, one block of four words at a time, each word an unsigned BigInteger. */
  static final class Stream {

    private final byte[] seed;
    private final List<BigInteger> pending = new ArrayList<>();
    private long block;

    Stream(byte[] seed) {
      this.seed = seed;
    }

    BigInteger next() {
      if (pending.isEmpty()) {
        byte[] label = "livedesk-draw".getBytes(StandardCharsets.US_ASCII);
        byte[] message = Arrays.copyOf(label, label.length + 8);
        long c = block++;
        for (int i = 0; i < 8; i++) {
          message[label.length + i] = (byte) (c >>> (56 - 8 * i));
        }
        byte[] b = hmacSha256(seed, message);
        for (int w = 0; w < 4; w++) {
          BigInteger word = BigInteger.ZERO;
          for (int i = 0; i < 8; i++) {
            word = word.shiftLeft(8).add(BigInteger.valueOf(b[8 * w + i] & 0xff));
          }
          pending.add(word);
        }
      }
      return pending.remove(0);
    }

    BigInteger uniform(BigInteger m) {
      BigInteger limit = TWO_TO_64.subtract(TWO_TO_64.mod(m));
      BigInteger x = next();
      while (x.compareTo(limit) >= 0) {
        x = next();
      }
      return x.mod(m);
    }
  }
}
