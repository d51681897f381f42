package io.livedesk.lottery;

import java.nio.ByteBuffer;

/** Deterministic 32-byte seeds, so every test run draws the same lotteries. */
final class Seeds {

  private Seeds() {
  }

  /** SHA-256 of the number as a big-endian uint64. */
  static byte[] numbered(long number) {
    return ReferenceDraw.sha256(ByteBuffer.allocate(Long.BYTES).putLong(number).array());
  }

  /** The bytes 0x00, 0x01, …, 0x1f. */
  static byte[] counting() {
    byte[] seed = new byte[32];
    for (int i = 0; i < seed.length; i++) {
      seed[i] = (byte) i;
    }
    return seed;
  }
}
