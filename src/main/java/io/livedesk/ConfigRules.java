package io.livedesk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What a valid configuration holds, checked before anything starts: a bad value stops the server with one
 * line naming the key and why, instead of a server that runs on a silently wrong setting
 * (docs/protocol.md §Limits that protect the show).
 */
final class ConfigRules {

  /** A value the server refuses to start with. */
  static final class Invalid extends IllegalArgumentException {
    private final String key;

    Invalid(String key, String why) {
      super(key + " " + why);
      this.key = key;
    }

    String key() {
      return key;
    }
  }

  private static final int MAX_SECONDS = 86_400;

  private final Config config;

  private ConfigRules(Config config) {
    this.config = config;
  }

  /** Throws {@link Invalid} for the first value that breaks a rule. */
  static void check(Config config) {
    new ConfigRules(config).check();
  }

  /** Keys that config/default.json leaves out, since their absence means something of its own. */
  private static final Set<String> OPTIONAL_KEYS = Set.of("postgres.schema", "transport");

  private void check() {
    knownKeys();
    text("http.host");
    whole("http.port", 0, 65_535);
    whole("http.idleSeconds", 1, MAX_SECONDS);
    text("dataDir");
    oneOf("engine", Set.of("memory", "redis"));
    oneOf("store", Set.of("file", "postgres"));
    oneOf("transport", Set.of("auto", "epoll", "io_uring", "nio"));
    secret("auth.adminToken");
    secret("viewers.signingSecret");
    secret("payments.webhookSecret");
    whole("viewers.commandsPerSecond", 1, 1_000_000);
    whole("viewers.commandBurst", 1, 1_000_000);
    whole("orders.holdSeconds", 1, MAX_SECONDS);
    fraction("priceGuard.maxCutFraction");
    flag("host.canCue");
    whole("fanout.replayWindow", 1, 10_000_000);
    whole("fanout.viewerTickSeconds", 0, 3600);
    whole("postgres.poolSize", 1, 1_000);
    // renewed every third of its length: much less than this leaves no room for a round trip to Redis
    whole("redis.leaseMillis", 300, 3_600_000);
    whole("redis.streamMaxLen", 1, Integer.MAX_VALUE);
    whole("demo.maxViewers", 1, 1_000_000);
    texts("http.allowedOrigins");
  }

  /** A misspelt key would be ignored and its default run silently: every key must be one the server reads. */
  private void knownKeys() {
    Set<String> known = new HashSet<>(OPTIONAL_KEYS);
    try {
      known.addAll(Config.load(null, Map.of()).keys());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (String key : config.keys()) {
      if (!known.contains(key)) {
        throw new Invalid(key, "is not a configuration key (see config/default.json)");
      }
    }
  }

  private boolean given(String key) {
    return config.text(key) != null;
  }

  private void text(String key) {
    if (given(key) && config.text(key).isBlank()) {
      throw new Invalid(key, "must not be blank");
    }
  }

  /** A secret may be left out (null), but one given blank would sign with an empty key. */
  private void secret(String key) {
    if (given(key) && config.text(key).isBlank()) {
      throw new Invalid(key, "is blank: give a secret or leave the key out (null)");
    }
  }

  private void whole(String key, long min, long max) {
    if (!given(key)) {
      return;
    }
    String value = config.text(key).strip();
    long number;
    try {
      number = Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new Invalid(key, "must be a whole number from " + min + " to " + max + ", not " + shown(value));
    }
    if (number < min || number > max) {
      throw new Invalid(key, "must be from " + min + " to " + max + ", not " + number);
    }
  }

  private void fraction(String key) {
    if (!given(key)) {
      return;
    }
    String value = config.text(key).strip();
    double number;
    try {
      number = Double.parseDouble(value);
    } catch (NumberFormatException e) {
      throw new Invalid(key, "must be a number above 0 and at most 1, not " + shown(value));
    }
    if (!(number > 0 && number <= 1)) {
      throw new Invalid(key, "must be above 0 and at most 1 (a share of the list price), not " + value);
    }
  }

  private void flag(String key) {
    if (given(key) && !Set.of("true", "false").contains(config.text(key).strip().toLowerCase(Locale.ROOT))) {
      throw new Invalid(key, "must be true or false, not " + shown(config.text(key)));
    }
  }

  private void oneOf(String key, Set<String> allowed) {
    if (given(key) && !allowed.contains(config.text(key).strip())) {
      throw new Invalid(key, "must be one of " + String.join(", ", allowed.stream().sorted().toList())
          + ", not " + shown(config.text(key)));
    }
  }

  private void texts(String key) {
    List<String> values = config.list(key);
    if (values.stream().anyMatch(String::isBlank)) {
      throw new Invalid(key, "must not hold blank entries");
    }
  }

  private static String shown(String value) {
    return "'" + (value.length() > 40 ? value.substring(0, 40) + "…" : value) + "'";
  }
}
