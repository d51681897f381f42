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
 */
public record Config(Http http, Path dataDir, Auth auth, EngineKind engine, StoreKind store, String nodeId,
    Postgres postgres, Redis redis, Viewers viewers, Payments payments, Orders orders, PriceGuard priceGuard,
    Host host, Fanout fanout, Demo demo, Transport transport, Comments comments, Snapshots snapshots) {

  /** @param allowedOrigins WebSocket origins accepted besides the server's own ({@code *}: any) */
  public record Http(String host, int port, int idleSeconds, List<String> allowedOrigins) {
    public Http {
      allowedOrigins = List.copyOf(allowedOrigins);
    }
  }

  /** @param adminToken the admin bearer token; null: the one whose hash the data directory keeps */
  public record Auth(String adminToken) {}

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

  /** @param everyEvents a show's snapshot is written every this many events and when it stops (0: never) */
  public record Snapshots(int everyEvents) {}

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
