package io.livedesk.http;

import java.util.function.LongSupplier;

/** A token bucket: {@code perSecond} commands a second on average, bursts up to {@code burst}. */
final class RateLimiter {

  private final double perMilli;
  private final double burst;
  private final LongSupplier clock;
  private double tokens;
  private long last;

  RateLimiter(int perSecond, int burst, LongSupplier clock) {
    this.perMilli = perSecond / 1000.0;
    this.burst = burst;
    this.clock = clock;
    this.tokens = burst;
    this.last = clock.getAsLong();
  }

  synchronized boolean tryAcquire() {
    long now = clock.getAsLong();
    tokens = Math.min(burst, tokens + (now - last) * perMilli);
    last = now;
    if (tokens >= 1) {
      tokens -= 1;
      return true;
    }
    return false;
  }
}
