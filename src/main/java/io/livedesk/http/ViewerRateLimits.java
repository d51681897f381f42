package io.livedesk.http;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/** Rate limits for viewers' REST commands, one bucket per viewer per show, the least recent forgotten first. */
final class ViewerRateLimits {

  private static final int MAX_TRACKED = 200_000;

  private final int perSecond;
  private final int burst;
  private final LongSupplier clock;
  private final Map<String, RateLimiter> buckets = new LinkedHashMap<>(1024, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, RateLimiter> eldest) {
      return size() > MAX_TRACKED;
    }
  };

  ViewerRateLimits(int perSecond, int burst, LongSupplier clock) {
    this.perSecond = perSecond;
    this.burst = burst;
    this.clock = clock;
  }

  boolean tryAcquire(String showId, String viewerId) {
    RateLimiter limiter;
    synchronized (buckets) {
      limiter = buckets.computeIfAbsent(showId + '\u0000' + viewerId, k -> new RateLimiter(perSecond, burst, clock));
    }
    return limiter.tryAcquire();
  }
}
