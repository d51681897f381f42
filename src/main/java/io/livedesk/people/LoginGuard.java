package io.livedesk.people;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Failed sign-ins counted in a sliding window, per login and per client address (docs/protocol.md
 * §People): at the limit, further attempts are refused before any password is hashed. Remembers at most
 * {@link #MAX_KEYS} logins and addresses, the least recently failed forgotten first.
 */
final class LoginGuard {

  static final int MAX_KEYS = 10_000;

  private final int perLogin;
  private final int perAddress;
  private final long windowMillis;
  private final LongSupplier clock;
  private final Map<String, Deque<Long>> failures = new LinkedHashMap<>(16, 0.75f, true);

  LoginGuard(int perLogin, int perAddress, long windowMillis, LongSupplier clock) {
    this.perLogin = perLogin;
    this.perAddress = perAddress;
    this.windowMillis = windowMillis;
    this.clock = clock;
  }

  /** Whether this login, or this address, has failed too often lately. */
  synchronized boolean locked(String login, String address) {
    long now = clock.getAsLong();
    return recent("login:" + login, now) >= perLogin || recent("address:" + address, now) >= perAddress;
  }

  synchronized void failed(String login, String address) {
    long now = clock.getAsLong();
    record("login:" + login, now, perLogin);
    record("address:" + address, now, perAddress);
  }

  /** A good password clears the login's count; the address keeps its own. */
  synchronized void succeeded(String login) {
    failures.remove("login:" + login);
  }

  private int recent(String key, long now) {
    Deque<Long> times = failures.get(key);
    if (times == null) {
      return 0;
    }
    while (!times.isEmpty() && times.peekFirst() <= now - windowMillis) {
      times.pollFirst();
    }
    if (times.isEmpty()) {
      failures.remove(key);
      return 0;
    }
    return times.size();
  }

  private void record(String key, long now, int limit) {
    recent(key, now);
    Deque<Long> times = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
    times.addLast(now);
    while (times.size() > limit) {
      times.pollFirst();
    }
    if (failures.size() > MAX_KEYS) {
      Iterator<String> eldest = failures.keySet().iterator();
      eldest.next();
      eldest.remove();
    }
  }
}
