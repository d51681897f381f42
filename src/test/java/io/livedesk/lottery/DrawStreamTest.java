package io.livedesk.lottery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DrawStreamTest {

  /** 2^63 + 1: 2^64 mod m = 2^63 − 1, so words from 2^63 + 1 up are rejected, about half of them. */
  private static final BigInteger HALF_REJECTING = BigInteger.ONE.shiftLeft(63).add(BigInteger.ONE);

  @Test
  @DisplayName("words are the HMAC blocks read as big-endian uint64, four per block, block after block")
  void wordsFollowTheBlocks() {
    DrawStream stream = new DrawStream(Seeds.counting());
    ReferenceDraw.Stream reference = new ReferenceDraw.Stream(Seeds.counting());

    // The first block, as Python's hmac computes it.
    assertThat(unsigned(stream.next())).isEqualTo(new BigInteger("54b18eaa46dd380b", 16));
    assertThat(unsigned(stream.next())).isEqualTo(new BigInteger("a705d422bf380c1a", 16));
    assertThat(unsigned(stream.next())).isEqualTo(new BigInteger("4871d6ba3af80704", 16));
    assertThat(unsigned(stream.next())).isEqualTo(new BigInteger("5b68ea12321f5a17", 16));
    for (int i = 0; i < 4; i++) {
      reference.next();
    }
    for (int i = 4; i < 40; i++) {
      assertThat(unsigned(stream.next())).as("word %d", i).isEqualTo(reference.next());
    }
  }

  @Test
  @DisplayName("a word at or above 2^64 − (2^64 mod m) is skipped and the next word decides")
  void rejectsBiasedWords() {
    BigInteger limit = ReferenceDraw.TWO_TO_64.subtract(ReferenceDraw.TWO_TO_64.mod(HALF_REJECTING));
    long number = 0;
    byte[] seed;
    BigInteger rejected;
    BigInteger accepted;
    do {
      seed = Seeds.numbered(number++);
      ReferenceDraw.Stream words = new ReferenceDraw.Stream(seed);
      rejected = words.next();
      accepted = words.next();
    } while (rejected.compareTo(limit) < 0 || accepted.compareTo(limit) >= 0);

    long chosen = new DrawStream(seed).uniform(HALF_REJECTING.longValue());

    assertThat(rejected.mod(HALF_REJECTING)).as("what keeping the first word would give").isNotEqualTo(accepted);
    assertThat(unsigned(chosen))
        .isEqualTo(accepted)
        .isEqualTo(new ReferenceDraw.Stream(seed).uniform(HALF_REJECTING));
  }

  @Test
  @DisplayName("uniform agrees with an independent implementation for bounds from 1 to 2^64 − 1")
  void uniformAgreesWithReference() {
    BigInteger[] bounds = {
        BigInteger.ONE, BigInteger.TWO, BigInteger.valueOf(3), BigInteger.TEN, BigInteger.valueOf(1_000_000),
        BigInteger.ONE.shiftLeft(32).add(BigInteger.ONE), BigInteger.valueOf(Long.MAX_VALUE),
        BigInteger.ONE.shiftLeft(63), HALF_REJECTING, BigInteger.valueOf(3).shiftLeft(62),
        ReferenceDraw.TWO_TO_64.subtract(BigInteger.ONE)};
    for (long number = 0; number < 20; number++) {
      DrawStream stream = new DrawStream(Seeds.numbered(number));
      ReferenceDraw.Stream reference = new ReferenceDraw.Stream(Seeds.numbered(number));
      for (int round = 0; round < 5; round++) {
        for (BigInteger m : bounds) {
          assertThat(unsigned(stream.uniform(m.longValue())))
              .as("seed %d, m = %s", number, m)
              .isEqualTo(reference.uniform(m));
        }
      }
    }
  }

  @Test
  @DisplayName("a power-of-two bound never rejects, so a word above 2^63 is kept")
  void powerOfTwoKeepsEveryWord() {
    long number = 0;
    byte[] seed;
    BigInteger first;
    do {
      seed = Seeds.numbered(number++);
      first = new ReferenceDraw.Stream(seed).next();
    } while (!first.testBit(63));

    assertThat(new DrawStream(seed).uniform(Long.MIN_VALUE))
        .isEqualTo(first.longValue() & Long.MAX_VALUE);
  }

  @Test
  @DisplayName("a bound of zero is refused")
  void zeroBound() {
    assertThatThrownBy(() -> new DrawStream(Seeds.counting()).uniform(0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static BigInteger unsigned(long word) {
    return new BigInteger(Long.toUnsignedString(word));
  }
}
