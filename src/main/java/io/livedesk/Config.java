package io.livedesk;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The server's configuration, bound once when it starts and checked whole (docs/protocol.md §Running and
 * configuration): one section per group of keys, named as the keys are ({@code orders.holdSeconds} is
 * {@code orders().holdSeconds()}). Every default is in {@code config/default.json}; nothing reads
 * configuration by key after {@link #load}.
 *
 * @param nodeId this node's name in a cluster; null: a random one at start
 * @param eventLoops the event loops serving sockets and shows; 0: one for each core the JVM is given
 *     (docs/design.md §HTTP and sockets)
 */
public record Config(Http http, Path dataDir, Auth auth, EngineKind engine, StoreKind store, String nodeId,
    Postgres postgres, Redis redis, Viewers viewers, Payments payments, Orders orders, PriceGuard priceGuard,
    Host host, Fanout fanout, Demo demo, Transport transport, int eventLoops, Comments comments,
    Retention retention, Webhooks webhooks, Snapshots snapshots, Shows shows, Warmup warmup) {

  /**
   * @param allowedOrigins WebSocket origins accepted besides the server's own ({@code *}: any)
   * @param tls the certificate and key of HTTPS and WSS; null: plain HTTP
   * @param allowPlainHttp plain HTTP on an address other than loopback (behind a proxy that terminates TLS)
   * @param trustedProxies addresses whose X-Forwarded-* headers are believed (docs/protocol.md §Behind a proxy)
   */
  public record Http(String host, int port, int idleSeconds, List<String> allowedOrigins, Tls tls,
      boolean allowPlainHttp, List<String> trustedProxies) {
    public Http {
      allowedOrigins = List.copyOf(allowedOrigins);
      trustedProxies = List.copyOf(trustedProxies);
    }
  }

  /**
   * @param cert PEM file of the certificate chain, the server's own first
   * @param key PEM file of its private key
   * @param checkSeconds how often the files are checked for a replacement
   */
  public record Tls(Path cert, Path key, int checkSeconds) {}

  /**
   * @param adminToken the admin bearer token; null: the one whose hash the data directory keeps
   * @param sessionHours a member's session ends after this long unused (docs/protocol.md §People)
   * @param sessionsPerMember the most sessions one member holds; the oldest ends beyond it
   * @param failuresPerLogin failed sign-ins of one login within lockoutMinutes before it is refused
   * @param failuresPerAddress failed sign-ins from one client address within lockoutMinutes before it is refused
   */
  public record Auth(String adminToken, int sessionHours, int sessionsPerMember, int failuresPerLogin,
      int failuresPerAddress, int lockoutMinutes) {}

  /** @param schema the PostgreSQL schema of this server's tables; null: the connection's default */
  public record Postgres(String uri, String schema, int poolSize) {}

  public record Redis(String uri, String keyPrefix, int leaseMillis, int streamMaxLen) {}

  /** @param signingSecret when set, viewers present shop-signed tokens */
  public record Viewers(String signingSecret, int commandsPerSecond, int commandBurst) {}

  /** @param webhookSecret the payment webhook's HMAC secret; null refuses payments */
  public record Payments(String webhookSecret) {}

  public record Orders(int holdSeconds) {}

  /** @param maxCutFraction above 0, at most 1: a deeper cut below the list price needs confirming */
  public record PriceGuard(double maxCutFraction) {}

  /** @param canCue the prompter may move the cue (the host's clicker) */
  public record Host(boolean canCue) {}

  public record Fanout(int replayWindow, int viewerTickSeconds) {}

  public record Demo(int maxViewers) {}

  /**
   * @param minIntervalSeconds a viewer's comments at most one per this many seconds (0: no limit)
   * @param blockedWords every show's blocked words: comments holding one are shadowed
   */
  public record Comments(int minIntervalSeconds, List<String> blockedWords) {
    public Comments {
      blockedWords = List.copyOf(blockedWords);
    }
  }

  /** @param everyEvents a show's snapshot is written every this many events (0: never) */
  public record Snapshots(int everyEvents) {}

  /**
   * @param rounds rounds of a practice sale on a private server in the same process after the start, so the
   *     first real sale meets compiled code (docs/design.md §Warm-up at start); 0: none
   */
  public record Warmup(int rounds) {}

  /**
   * @param restAfterSeconds an ended show idle this long is put to rest and loaded again when asked for
   *     (docs/design.md §Resting shows); 0: shows never rest
   * @param commitWindowMicros a busy show's next append waits until this long after the previous one started,
   *     so it carries more events (docs/design.md §Durability before acknowledgement); 0: appends are never held
   */
  public record Shows(int restAfterSeconds, int commitWindowMicros) {}

  /**
   * @param viewerIdsDays an ended show's viewer ids are replaced by pseudonyms this many days after it ended
   *     (docs/design.md §Data retention); null keeps them for ever
   */
  public record Retention(Integer viewerIdsDays) {}

  /**
   * Webhooks to the shop (docs/protocol.md §Webhooks).
   *
   * @param timeoutSeconds an attempt without an answer this long fails
   * @param backoffBaseMillis the wait after a first failure, doubled after each further one
   * @param backoffMaxSeconds the longest wait between attempts
   * @param max the most webhooks kept
   * @param rotationGraceHours after a rotation the old secret also signs for this long
   * @param failingAfter this many failures in a row make /health DEGRADED
   * @param lagSeconds an event waiting this long for delivery makes /health DEGRADED
   */
  public record Webhooks(int timeoutSeconds, int backoffBaseMillis, int backoffMaxSeconds, int max,
      int rotationGraceHours, int failingAfter, int lagSeconds) {}

  /** A choice among named values: the configuration spells each as its lower-case name. */
  interface Choice {
    default String spelling() {
      return ((Enum<?>) this).name().toLowerCase(Locale.ROOT);
    }
  }

  public enum EngineKind implements Choice { MEMORY, REDIS }

  public enum StoreKind implements Choice { FILE, POSTGRES }

  public enum Transport implements Choice { AUTO, EPOLL, IO_URING, NIO }

  /**
   * Binds {@code config/default.json}, then {@code file} (may be null), then the LIVEDESK_* variables of
   * {@code env}. Throws {@link ConfigRules.Invalid} naming the first key with a bad value, or an
   * {@link IOException} for a file that cannot be read or is not a JSON object.
   */
  public static Config load(Path file, Map<String, String> env) throws IOException {
    return ConfigRules.bind(ConfigLayers.load(file, env));
  }

  /** The defaults with explicit overrides merged over them, checked as {@link #load} checks: for tests and embedding. */
  public static Config of(ObjectNode overrides) throws IOException {
    ObjectNode root = ConfigLayers.load(null, Map.of());
    ConfigLayers.merge(root, overrides);
    return ConfigRules.bind(root);
  }
}
