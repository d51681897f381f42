package io.livedesk.bench;

import java.time.Instant;

/** Wall-clock microseconds: the same clock in every process on this machine, so latencies can cross processes. */
final class Micros {

  private Micros() {
  }

  static long now() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
  }
}
