package io.livedesk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.livedesk.http.ForwardedHeaders;
import io.livedesk.show.ShowRules;
import io.livedesk.store.postgres.PostgresEventStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a valid configuration holds, checked while it is bound, before anything starts: a bad value stops the
 * server with one line naming the key and why, instead of a server that runs on a silently wrong setting
 * (docs/protocol.md §Running and configuration). The one place that reads configuration by key.
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

  private final ObjectNode root;
  private final ObjectNode defaults;
  private final Set<String> read = new LinkedHashSet<>();

  private ConfigRules(ObjectNode root, ObjectNode defaults) {
    this.root = root;
    this.defaults = defaults;
  }

  /** The typed configuration of the merged tree; throws {@link Invalid} for the first value that breaks a rule. */
  static Config bind(ObjectNode root) {
    ObjectNode defaults;
    try {
      defaults = ConfigLayers.defaults();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new ConfigRules(root, defaults).bind();
  }

  /** Every key the binding reads, in the order it reads them. */
  static Set<String> keys() {
    try {
      ConfigRules rules = new ConfigRules(ConfigLayers.defaults(), ConfigLayers.defaults());
      rules.bind();
      return Set.copyOf(rules.read);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Config bind() {
    knownKeys();
    String host = text("http.host");
    int port = whole("http.port", 0, 65_535);
    int idleSeconds = whole("http.idleSeconds", 1, MAX_SECONDS);
    String dataDir = text("dataDir");
    Config.EngineKind engine = oneOf("engine", Config.EngineKind.class);
    Config.StoreKind store = oneOf("store", Config.StoreKind.class);
    Config.Transport transport = oneOf("transport", Config.Transport.class);
    int eventLoops = whole("eventLoops", 0, 1024);
    String adminToken = secret("auth.adminToken");
    int sessionHours = whole("auth.sessionHours", 1, 24 * 90);
    int sessionsPerMember = whole("auth.sessionsPerMember", 1, 1000);
    int failuresPerLogin = whole("auth.failuresPerLogin", 1, 1000);
    int failuresPerAddress = whole("auth.failuresPerAddress", 1, 100_000);
    int lockoutMinutes = whole("auth.lockoutMinutes", 1, 24 * 60);
    String signingSecret = secret("viewers.signingSecret");
    String webhookSecret = secret("payments.webhookSecret");
    int commandsPerSecond = whole("viewers.commandsPerSecond", 1, 1_000_000);
    int commandBurst = whole("viewers.commandBurst", 1, 1_000_000);
    int holdSeconds = whole("orders.holdSeconds", 1, MAX_SECONDS);
    double maxCutFraction = fraction("priceGuard.maxCutFraction");
    boolean canCue = flag("host.canCue");
    int replayWindow = whole("fanout.replayWindow", 1, 10_000_000);
    int viewerTickSeconds = whole("fanout.viewerTickSeconds", 0, 3600);
    String schema = schema("postgres.schema");
    int poolSize = whole("postgres.poolSize", 1, 1_000);
    // renewed every third of its length: much less than this leaves no room for a round trip to Redis
    int leaseMillis = whole("redis.leaseMillis", 300, 3_600_000);
    int streamMaxLen = whole("redis.streamMaxLen", 1, Integer.MAX_VALUE);
    int maxViewers = whole("demo.maxViewers", 1, 1_000_000);
    List<String> allowedOrigins = texts("http.allowedOrigins");
    Config.Tls tls = tls();
    boolean allowPlainHttp = flag("http.allowPlainHttp");
    if (tls == null && !allowPlainHttp && !isLoopback(host)) {
      throw new Invalid("http.host", shown(host) + " is not a loopback address and TLS is off: give "
          + "http.tls.cert and http.tls.key (LIVEDESK_TLS_CERT, LIVEDESK_TLS_KEY), or set http.allowPlainHttp "
          + "(LIVEDESK_ALLOW_PLAIN_HTTP) true when a proxy in front terminates TLS");
    }
    List<String> trustedProxies = addresses("http.trustedProxies");
    int commentInterval = whole("comments.minIntervalSeconds", 0, 3600);
    List<String> blockedWords = texts("comments.blockedWords");
    int snapshotEvery = whole("snapshots.everyEvents", 0, 1_000_000_000);
    int restAfter = whole("shows.restAfterSeconds", 0, MAX_SECONDS);
    int commitWindowMicros = whole("shows.commitWindowMicros", 0, 100_000);
    int warmupRounds = whole("warmup.rounds", 0, 100);
    Integer viewerIdsDays = optionalWhole("retention.viewerIdsDays", 0, 36_500);
    if (blockedWords.size() > ShowRules.MAX_BLOCKED_WORDS
        || blockedWords.stream().anyMatch(word -> word.strip().length() > ShowRules.MAX_BLOCKED_WORD_LENGTH)) {
      throw new Invalid("comments.blockedWords", "must hold at most " + ShowRules.MAX_BLOCKED_WORDS
          + " words of at most " + ShowRules.MAX_BLOCKED_WORD_LENGTH + " characters");
    }
    Config.Webhooks webhooks = new Config.Webhooks(whole("webhooks.timeoutSeconds", 1, 600),
        whole("webhooks.backoffBaseMillis", 1, 600_000), whole("webhooks.backoffMaxSeconds", 1, MAX_SECONDS),
        whole("webhooks.max", 0, 1_000), whole("webhooks.rotationGraceHours", 0, 24 * 30),
        whole("webhooks.failingAfter", 1, 1_000_000), whole("webhooks.lagSeconds", 1, MAX_SECONDS));
    Config config = new Config(
        new Config.Http(host, port, idleSeconds, allowedOrigins, tls, allowPlainHttp, trustedProxies),
        Path.of(dataDir),
        new Config.Auth(adminToken, sessionHours, sessionsPerMember, failuresPerLogin, failuresPerAddress, lockoutMinutes),
        engine,
        store,
        optional("nodeId"),
        new Config.Postgres(textOrDefault("postgres.uri"), schema, poolSize),
        new Config.Redis(textOrDefault("redis.uri"), textOrDefault("redis.keyPrefix"), leaseMillis, streamMaxLen),
        new Config.Viewers(signingSecret, commandsPerSecond, commandBurst),
        new Config.Payments(webhookSecret),
        new Config.Orders(holdSeconds),
        new Config.PriceGuard(maxCutFraction),
        new Config.Host(canCue),
        new Config.Fanout(replayWindow, viewerTickSeconds),
        new Config.Demo(maxViewers),
        transport,
        eventLoops,
        new Config.Comments(commentInterval, blockedWords),
        new Config.Retention(viewerIdsDays),
        webhooks,
        new Config.Snapshots(snapshotEvery),
        new Config.Shows(restAfter, commitWindowMicros),
        new Config.Warmup(warmupRounds));
    Set<String> defaulted = new LinkedHashSet<>(ConfigLayers.keys(defaults));
    if (!defaulted.equals(read)) {
      throw new IllegalStateException("config/default.json and the binding disagree: the file has " + defaulted
          + ", the binding reads " + read);
    }
    return config;
  }

  /** Both files or neither: a certificate without its key (or the reverse) cannot serve TLS. */
  private Config.Tls tls() {
    String cert = optional("http.tls.cert");
    String key = optional("http.tls.key");
    int checkSeconds = whole("http.tls.checkSeconds", 1, 3600);
    if ((cert == null) != (key == null)) {
      throw new Invalid(cert == null ? "http.tls.cert" : "http.tls.key",
          "must be given too: TLS needs both the certificate and the key");
    }
    return cert == null ? null : new Config.Tls(Path.of(cert.strip()), Path.of(key.strip()), checkSeconds);
  }

  /**
   * Loopback spelt out, without asking a resolver: {@code localhost}, {@code 127.x.x.x} or {@code ::1}. Any
   * other name or address may be reached from outside the machine.
   */
  static boolean isLoopback(String host) {
    String bare = host.strip().toLowerCase(Locale.ROOT);
    if (bare.startsWith("[") && bare.endsWith("]")) {
      bare = bare.substring(1, bare.length() - 1);
    }
    return bare.equals("localhost") || bare.equals("::1") || bare.equals("0:0:0:0:0:0:0:1")
        || bare.matches("127(\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)){3}");
  }

  /** Literal IP addresses (no names: a proxy is recognised by the address its connection comes from). */
  private List<String> addresses(String key) {
    List<String> values = texts(key);
    for (String value : values) {
      if (!ForwardedHeaders.isLiteral(value.strip())) {
        throw new Invalid(key, "must list IP addresses (such as 127.0.0.1 or ::1), not " + shown(value));
      }
    }
    return values.stream().map(String::strip).toList();
  }

  /** A misspelt key would be ignored and its default run silently: every key must be one the server reads. */
  private void knownKeys() {
    Set<String> known = Set.copyOf(ConfigLayers.keys(defaults));
    for (String key : ConfigLayers.keys(root)) {
      if (!known.contains(key)) {
        throw new Invalid(key, "is not a configuration key (see config/default.json)");
      }
    }
  }

  /** The value as text; null when the key is left out. */
  private String given(String key) {
    read.add(key);
    JsonNode node = ConfigLayers.at(root, key);
    return node.isMissingNode() || node.isNull() ? null : node.asText();
  }

  /** A key whose default is not null: the merge keeps it, so a missing value is a gap in config/default.json. */
  private String required(String key) {
    String value = given(key);
    if (value == null) {
      throw new IllegalStateException("config/default.json gives no default for " + key);
    }
    return value;
  }

  private String defaultOf(String key) {
    JsonNode node = ConfigLayers.at(defaults, key);
    return node.isMissingNode() || node.isNull() ? null : node.asText();
  }

  private String text(String key) {
    String value = required(key);
    if (value.isBlank()) {
      throw new Invalid(key, "must not be blank");
    }
    return value;
  }

  /** Free text that a blank leaves at its default. */
  private String textOrDefault(String key) {
    String value = required(key);
    return value.isBlank() ? defaultOf(key) : value;
  }

  /** Optional free text: blank or left out is null. */
  private String optional(String key) {
    String value = given(key);
    return value == null || value.isBlank() ? null : value;
  }

  /** A PostgreSQL schema may be left out (null): the connection's default. */
  private String schema(String key) {
    String value = given(key);
    if (value != null && !PostgresEventStore.isSchemaName(value)) {
      throw new Invalid(key, "must be lower-case letters, digits and _ (at most 63, not first a digit), not "
          + shown(value));
    }
    return value;
  }

  /** A secret may be left out (null), but one given blank would sign with an empty key. */
  private String secret(String key) {
    String value = given(key);
    if (value != null && value.isBlank()) {
      throw new Invalid(key, "is blank: give a secret or leave the key out (null)");
    }
    return value;
  }

  /** A whole number that may be left out (null). */
  private Integer optionalWhole(String key, long min, long max) {
    return given(key) == null ? null : whole(key, min, max);
  }

  private int whole(String key, long min, long max) {
    String value = required(key).strip();
    long number;
    try {
      number = Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new Invalid(key, "must be a whole number from " + min + " to " + max + ", not " + shown(value));
    }
    if (number < min || number > max) {
      throw new Invalid(key, "must be from " + min + " to " + max + ", not " + number);
    }
    return (int) number;
  }

  private double fraction(String key) {
    String value = required(key).strip();
    double number;
    try {
      number = Double.parseDouble(value);
    } catch (NumberFormatException e) {
      throw new Invalid(key, "must be a number above 0 and at most 1, not " + shown(value));
    }
    if (!(number > 0 && number <= 1)) {
      throw new Invalid(key, "must be above 0 and at most 1 (a share of the list price), not " + value);
    }
    return number;
  }

  private boolean flag(String key) {
    String value = required(key);
    String spelt = value.strip().toLowerCase(Locale.ROOT);
    if (!Set.of("true", "false").contains(spelt)) {
      throw new Invalid(key, "must be true or false, not " + shown(value));
    }
    return Boolean.parseBoolean(spelt);
  }

  private <E extends Enum<E> & Config.Choice> E oneOf(String key, Class<E> choices) {
    String value = required(key);
    E[] constants = choices.getEnumConstants();
    for (E choice : constants) {
      if (choice.spelling().equals(value.strip())) {
        return choice;
      }
    }
    throw new Invalid(key, "must be one of "
        + String.join(", ", Arrays.stream(constants).map(Config.Choice::spelling).sorted().toList())
        + ", not " + shown(value));
  }

  private List<String> texts(String key) {
    read.add(key);
    JsonNode node = ConfigLayers.at(root, key);
    if (node.isMissingNode() || node.isNull()) {
      throw new IllegalStateException("config/default.json gives no default for " + key);
    }
    if (!(node instanceof ArrayNode array)) {
      throw new Invalid(key, "must be a list of texts, not " + shown(node.asText()));
    }
    List<String> values = new ArrayList<>();
    array.forEach(item -> values.add(item.asText()));
    if (values.stream().anyMatch(String::isBlank)) {
      throw new Invalid(key, "must not hold blank entries");
    }
    return values;
  }

  private static String shown(String value) {
    return "'" + (value.length() > 40 ? value.substring(0, 40) + "…" : value) + "'";
  }
}
