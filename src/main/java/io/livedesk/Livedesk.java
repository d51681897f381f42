package io.livedesk;

import io.livedesk.backup.Backups;
import io.livedesk.demo.DemoShow;
import io.livedesk.engine.Engine;
import io.livedesk.engine.Fanout;
import io.livedesk.engine.ShowMetrics;
import io.livedesk.engine.cluster.RedisEngine;
import io.livedesk.engine.local.MemoryEngine;
import io.livedesk.http.ApiServer;
import io.livedesk.http.Auth;
import io.livedesk.http.CommandParser;
import io.livedesk.http.CommandRouter;
import io.livedesk.http.Tokens;
import io.livedesk.lottery.VerifiableDraw;
import io.livedesk.metrics.ServerMetrics;
import io.livedesk.people.MemberStore;
import io.livedesk.people.PasswordHashing;
import io.livedesk.people.People;
import io.livedesk.rehearsal.Rehearsals;
import io.livedesk.retention.ViewerRetention;
import io.livedesk.show.ShowDecider;
import io.livedesk.show.ShowRules;
import io.livedesk.store.ClusterEventStore;
import io.livedesk.store.EventStore;
import io.livedesk.store.ViewerAnonymiser;
import io.livedesk.store.WebhookStore;
import io.livedesk.store.file.FileEventStore;
import io.livedesk.store.file.FileWebhookStore;
import io.livedesk.store.file.FileMembers;
import io.livedesk.store.postgres.PostgresEventStore;
import io.livedesk.webhooks.WebhookSettings;
import io.livedesk.webhooks.Webhooks;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.transport.Transport;
import io.vertx.ext.web.Router;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.logging.Logger;

/** The server, wired from its configuration: store, engine, HTTP. {@link Main} only starts and stops it. */
public final class Livedesk {

  private static final Logger LOG = Logger.getLogger(Livedesk.class.getName());
  static final String ADMIN_TOKEN_FILE = "admin-token.sha256";

  private final Vertx vertx;
  private final Engine engine;
  private final Webhooks webhooks;
  private final ApiServer api;
  private final int port;
  private final String host;
  private final String generatedAdminToken;
  private final Path dataDir;
  private final LongSupplier clock;

  private Livedesk(Vertx vertx, Engine engine, Webhooks webhooks, ApiServer api, String host, int port,
      String generatedAdminToken, Path dataDir, LongSupplier clock) {
    this.vertx = vertx;
    this.webhooks = webhooks;
    this.dataDir = dataDir;
    this.clock = clock;
    this.engine = engine;
    this.api = api;
    this.host = host;
    this.port = port;
    this.generatedAdminToken = generatedAdminToken;
  }

  public static Future<Livedesk> start(Config config) {
    return start(config, System::currentTimeMillis);
  }

  public static Future<Livedesk> start(Config config, LongSupplier clock) {
    ServerMetrics metrics = new ServerMetrics();
    Vertx vertx = metrics.newVertx(transport(config.transport()), eventLoops(config.eventLoops()));
    return startOn(vertx, metrics, config, clock).onFailure(e -> vertx.close());
  }

  private static Future<Livedesk> startOn(Vertx vertx, ServerMetrics metrics, Config config, LongSupplier clock) {
    Path dataDir = config.dataDir();
    String[] adminToken = new String[1];
    return vertx.executeBlocking(() -> {
      Files.createDirectories(dataDir);
      return adminTokenHash(config.auth(), dataDir, adminToken);
    }, false).compose(adminHash -> openStore(vertx, config, dataDir, metrics).compose(store -> openMembers(vertx, store, dataDir)
        .compose(members -> {
      WebhookStore webhookStore = store instanceof PostgresEventStore postgres ? postgres.webhooks()
          : new FileWebhookStore(vertx, dataDir);
      ShowRules rules = new ShowRules((int) Math.round(config.priceGuard().maxCutFraction() * 10_000),
          config.orders().holdSeconds() * 1000L, config.host().canCue(),
          new ShowRules.CommentRules(config.comments().minIntervalSeconds() * 1000L, config.comments().blockedWords()));
      VerifiableDraw lottery = new VerifiableDraw();
      ShowDecider decider = new ShowDecider(rules, lottery);
      Fanout fanout = new Fanout(config.fanout().replayWindow(), config.fanout().viewerTickSeconds() * 1000L,
          metrics.fanout());
      String nodeId = config.nodeId() != null ? config.nodeId() : "node-" + Tokens.newShowId().substring(1, 7);
      ViewerRetention retention = retention(vertx, config, store, dataDir, clock);
      return (retention == null ? Future.<List<String>>succeededFuture() : retention.runOnce())
          .compose(anonymised -> openEngine(vertx, config, store, decider, lottery, clock, fanout, metrics.shows(),
              nodeId))
          .compose(engine -> Webhooks.start(vertx, engine, webhookStore, webhookSettings(config.webhooks()), clock)
              .map(webhooks -> Map.entry(engine, webhooks)))
          .compose(started -> {
            Engine engine = started.getKey();
            Webhooks webhooks = started.getValue();
            if (retention != null) {
              // the redis engine's nodes keep their copy of an ended show until they restart (docs/design.md
              // §Data retention): an ended show has no writer, so nothing stored is changed by that copy
              if (engine instanceof MemoryEngine memory) {
                retention.rebuildWith(memory::rebuild);
              }
              retention.startDaily();
            }
            Auth auth = new Auth(adminHash, config.viewers().signingSecret(), clock, people(vertx, config, members, clock));
            CommandRouter router = new CommandRouter(new CommandParser(Tokens::seed), rules.hostCanCue());
            Config.Http http = config.http();
            ApiServer.Settings settings = new ApiServer.Settings(http.host(), http.port(), http.allowedOrigins(),
                config.payments().webhookSecret(), config.viewers().commandsPerSecond(),
                config.viewers().commandBurst(), nodeId, http.idleSeconds(), dataDir, tls(http.tls()),
                http.trustedProxies(), metrics.fanout());
            List<Consumer<Router>> extra = new ArrayList<>();
            extra.add(metrics::route);
            ApiServer api = new ApiServer(vertx, engine, auth, router, settings, clock, extra, webhooks);
            extra.add(new Rehearsals(vertx, engine, api, clock, config.demo().maxViewers())::routes);
            Backups backups = new Backups(vertx, store instanceof FileEventStore file ? file : null, dataDir, clock);
            extra.add(r -> backups.routes(r, api));
            metrics.probeEventLoops(vertx);
            metrics.webhookLag(webhooks::lagSeconds);
            return api.start().map(port -> new Livedesk(vertx, engine, webhooks, api, settings.host(), port,
                adminToken[0], dataDir, clock));
          });
    })));
  }

  /** Members live where the shows do: a file in the data directory, or PostgreSQL's tables. */
  private static Future<MemberStore> openMembers(Vertx vertx, EventStore store, Path dataDir) {
    if (store instanceof PostgresEventStore postgres) {
      return Future.succeededFuture(postgres.members());
    }
    return FileMembers.open(vertx, dataDir).map(members -> members);
  }

  private static People people(Vertx vertx, Config config, MemberStore members, LongSupplier clock) {
    Config.Auth auth = config.auth();
    People.Settings settings = new People.Settings(auth.sessionHours() * 3_600_000L, auth.sessionsPerMember(),
        auth.failuresPerLogin(), auth.failuresPerAddress(), auth.lockoutMinutes() * 60_000L);
    return new People(members, new PasswordHashing(vertx), settings, clock,
        new People.TokenScheme(Tokens::newToken, Tokens::hash));
  }

  private static ApiServer.Tls tls(Config.Tls tls) {
    return tls == null ? null : new ApiServer.Tls(tls.cert(), tls.key(), tls.checkSeconds());
  }

  /**
   * Data retention for the viewer ids of ended shows, when configured: the file store's journals or the
   * PostgreSQL store's rows are rewritten (docs/design.md §Data retention).
   */
  private static ViewerRetention retention(Vertx vertx, Config config, EventStore store, Path dataDir,
      LongSupplier clock) {
    Integer days = config.retention().viewerIdsDays();
    if (days == null || !(store instanceof ViewerAnonymiser anonymiser)) {
      return null;
    }
    return new ViewerRetention(vertx, anonymiser, dataDir, days, clock);
  }

  /**
   * The network transport: {@code auto} takes the platform's native one where it works (epoll on Linux:
   * fewer system calls per socket write than NIO), {@code io_uring} batches socket writes into few
   * system calls, {@code nio} is the portable fallback.
   */
  static Transport transport(Config.Transport name) {
    Transport chosen = switch (name) {
      case AUTO -> Transport.nativeTransport();
      case EPOLL -> Transport.EPOLL;
      case IO_URING -> Transport.IO_URING;
      case NIO -> Transport.NIO;
    };
    if (chosen == null || !chosen.implementation().isAvailable()) {
      LOG.warning(() -> "transport " + name.spelling() + " is not available here; using NIO");
      return Transport.NIO;
    }
    return chosen;
  }

  /**
   * The event loops: as many as configured, else one per core. Vert.x's own default is two per core; on two
   * cores the four loops woke each other twice as often and an order cost 4–10 µs more of CPU than on two
   * (docs/benchmarks.md §Issue 19, sixth evening).
   */
  static int eventLoops(int configured) {
    return configured > 0 ? configured : Runtime.getRuntime().availableProcessors();
  }

  private static WebhookSettings webhookSettings(Config.Webhooks webhooks) {
    return new WebhookSettings(webhooks.timeoutSeconds() * 1000L, webhooks.backoffBaseMillis(),
        webhooks.backoffMaxSeconds() * 1000L, webhooks.max(), webhooks.rotationGraceHours() * 3_600_000L,
        webhooks.failingAfter(), webhooks.lagSeconds() * 1000L);
  }

  private static Future<EventStore> openStore(Vertx vertx, Config config, Path dataDir, ServerMetrics metrics) {
    Config.Postgres postgres = config.postgres();
    return switch (config.store()) {
      case FILE -> FileEventStore.open(vertx, dataDir, metrics.journal()).map(s -> s);
      case POSTGRES -> PostgresEventStore.open(vertx, new PostgresEventStore.Settings(
          postgres.uri(), postgres.schema(), postgres.poolSize())).map(s -> s);
    };
  }

  private static Future<Engine> openEngine(Vertx vertx, Config config, EventStore store, ShowDecider decider,
      VerifiableDraw lottery, LongSupplier clock, Fanout fanout, ShowMetrics metrics, String nodeId) {
    if (config.engine() == Config.EngineKind.MEMORY) {
      return MemoryEngine.start(vertx, store, decider, lottery, clock, fanout, metrics,
          config.snapshots().everyEvents(), config.shows().restAfterSeconds() * 1000L,
          config.shows().commitWindowMicros()).map(e -> e);
    }
    if (!(store instanceof ClusterEventStore shared)) {
      return Future.failedFuture(new IllegalArgumentException("the redis engine needs the postgres store: "
          + "every node must read the same history"));
    }
    Config.Redis redis = config.redis();
    RedisEngine.Settings settings = new RedisEngine.Settings(redis.uri(), redis.keyPrefix(), nodeId,
        redis.leaseMillis(), redis.streamMaxLen(), RedisEngine.Settings.DEFAULT_FORWARD_TIMEOUT_MILLIS,
        RedisEngine.Settings.DEFAULT_REDIS_TIMEOUT_MILLIS, config.snapshots().everyEvents(),
        config.shows().commitWindowMicros());
    return RedisEngine.start(vertx, shared, decider, lottery, clock, fanout, metrics, settings).map(e -> e);
  }

  /**
   * The admin token's hash: from the configuration, else from the data directory, else a new token
   * whose hash is kept there and which is printed this once.
   */
  private static String adminTokenHash(Config.Auth auth, Path dataDir, String[] generated) throws IOException {
    String configured = auth.adminToken();
    if (configured != null && !configured.isBlank()) {
      return Tokens.hash(configured.strip());
    }
    Path file = dataDir.resolve(ADMIN_TOKEN_FILE);
    if (Files.isRegularFile(file)) {
      return Files.readString(file, StandardCharsets.US_ASCII).strip();
    }
    String token = Tokens.newToken();
    Files.writeString(file, Tokens.hash(token) + "\n", StandardCharsets.US_ASCII);
    generated[0] = token;
    return Tokens.hash(token);
  }

  public int port() {
    return port;
  }

  /** {@code https://HOST:PORT} with TLS, else {@code http://HOST:PORT}. */
  public String baseUrl() {
    return (api.secure() ? "https://" : "http://") + host + ":" + port;
  }

  /** The HTTP side, for what is wired beside it. */
  /** The engine the server runs its shows on. */
  public Engine engine() {
    return engine;
  }

  public ApiServer api() {
    return api;
  }

  /** The admin token when this start generated it (shown once), else null. */
  public String generatedAdminToken() {
    return generatedAdminToken;
  }

  /** Opens (or reuses) the sample show of {@code --demo}, live, with a simulated audience. */
  public Future<DemoShow.Addresses> openDemo() {
    return DemoShow.open(vertx, engine, api, dataDir, baseUrl(), clock);
  }

  /** Drains: stops taking commands, makes everything pending durable, closes sockets and the store. */
  public Future<Void> stop() {
    return webhooks.close()
        .eventually(() -> engine.close())
        .eventually(() -> api.close())
        .eventually(() -> vertx.close())
        .onFailure(e -> LOG.warning("stopping: " + e.getMessage()));
  }
}
