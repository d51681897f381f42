package io.livedesk.lottery;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The seeded stream of unsigned 64-bit words a draw reads, and the unbiased choice below a bound that
 * docs/protocol.md §Lottery draw calls {@code uniform(m)}.
 */
final class DrawStream {

  private static final String HMAC_SHA256 = "HmacSHA256";
  private static final byte[] LABEL = "livedesk-draw".getBytes(StandardCharsets.US_ASCII);

  private final Mac mac;
  private final ByteBuffer counter = ByteBuffer.allocate(Long.BYTES);
  private ByteBuffer block = ByteBuffer.allocate(0);
  private long blockIndex;

  DrawStream(byte[] seed) {
    try {
      mac = Mac.getInstance(HMAC_SHA256);
      mac.init(new SecretKeySpec(seed, HMAC_SHA256));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every Java platform provides " + HMAC_SHA256, e);
    }
  }

  /** The next word, to be read as unsigned; blocks are B_c = HMAC(seed, "livedesk-draw" || uint64_be(c)). */
  long next() {
    if (!block.hasRemaining()) {
      mac.update(LABEL);
      mac.update(counter.clear().putLong(blockIndex++).array());
      // ByteBuffer reads big-endian unless told otherwise, which is the order the protocol fixes.
      block = ByteBuffer.wrap(mac.doFinal());
    }
    return block.getLong();
  }

  /** A value in [0, m), both read as unsigned; words at or above 2^64 − (2^64 mod m) would bias it. */
  long uniform(long m) {
    if (m == 0) {
      throw new IllegalArgumentException("uniform needs a bound of at least 1");
    }
    // 2^64 mod m, computed as (2^64 − m) mod m because 2^64 does not fit in a long.
    long excess = Long.remainderUnsigned(-m, m);
    long x;
    do {
      x = next();
    } while (excess != 0 && Long.compareUnsigned(x, -excess) >= 0);
    return Long.remainderUnsigned(x, m);
  }
}
