package io.livedesk.engine.cluster;

import io.livedesk.engine.DamagedShows;
import io.livedesk.engine.Engine;
import io.livedesk.engine.Fanout;
import io.livedesk.engine.LiveShow;
import io.livedesk.engine.Reply;
import io.livedesk.engine.ShowMetrics;
import io.livedesk.engine.ShowSnapshotter;
import io.livedesk.engine.SnapshotWorker;
import io.livedesk.show.ErrorCode;
import io.livedesk.show.LotteryAlgorithm;
import io.livedesk.show.Request;
import io.livedesk.show.ShowDecider;
import io.livedesk.show.ShowError;
import io.livedesk.store.ClusterEventStore;
import io.livedesk.store.DamagedHistory;
import io.livedesk.store.ShowListing;
import io.livedesk.store.ShowRecord;
import io.livedesk.store.postgres.ConnectionString;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClientOptions;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.logging.Logger;

/**
 * The cluster engine: shows live in PostgreSQL, and any number of nodes serve them. Each show has one
 * writer at a time, the node holding its Redis lease; other nodes forward its commands there. The writer
 * publishes durable events to the show's Redis stream, which every node follows to serve its own sockets.
 * Every node also watches the leases of live shows ({@link WriterWatch}), so a dead writer's shows are taken
 * over, and their clocks run on, without waiting for a command. A show whose stored history does not decode,
 * or whose writer here cannot append, is out of service alone ({@link #showsOutOfService()}).
 */
public final class RedisEngine implements Engine {

  private static final Logger LOG = Logger.getLogger(RedisEngine.class.getName());

  /** How this node takes part in the cluster. */
  /**
   * @param snapshotEveryEvents the writer's node snapshots each show this often (docs/design.md §Snapshots)
   * @param commitWindowMicros a busy show's next append is held this long after the previous one started
   *     (docs/design.md §Durability before acknowledgement); 0: never held
   */
  public record Settings(String uri, String keyPrefix, String nodeId, long leaseMillis, int streamMaxLen,
      long forwardTimeoutMillis, long redisTimeoutMillis, long snapshotEveryEvents, long commitWindowMicros) {

    public static final long DEFAULT_FORWARD_TIMEOUT_MILLIS = 5000;
    public static final long DEFAULT_REDIS_TIMEOUT_MILLIS = 2000;

    public Settings(String uri, String keyPrefix, String nodeId, long leaseMillis, int streamMaxLen) {
      this(uri, keyPrefix, nodeId, leaseMillis, streamMaxLen, DEFAULT_FORWARD_TIMEOUT_MILLIS, DEFAULT_REDIS_TIMEOUT_MILLIS,
          ShowSnapshotter.DEFAULT_EVERY_EVENTS, 0);
    }
  }

  /** What every show of this node shares. */
  record Cluster(Vertx vertx, ClusterEventStore store, ShowDecider decider, LotteryAlgorithm lottery,
      LongSupplier clock, Fanout fanout, ShowMetrics metrics, String nodeId, ClusterKeys keys, RedisLink redis,
      Lease lease, CommandRelay relay, StreamTail tail, WriterWatch watch, int streamMaxLen, DamagedShows damaged,
      long snapshotEveryEvents, SnapshotWorker snapshots, long commitWindowMicros) {}

  private final Cluster cluster;
  private final Map<String, Future<ClusterShow>> shows = new ConcurrentHashMap<>();
  private final long heartbeatTimer;
  private volatile boolean leaving;

  private RedisEngine(Cluster cluster) {
    this.cluster = cluster;
    this.heartbeatTimer = cluster.vertx().setPeriodic(cluster.lease().millis() / 3, id -> beat());
  }

  public static Future<RedisEngine> start(Vertx vertx, ClusterEventStore store, ShowDecider decider,
      LotteryAlgorithm lottery, LongSupplier clock, Fanout fanout, ShowMetrics metrics, Settings settings) {
    if (settings.nodeId().contains("|")) {
      return Future.failedFuture(new IllegalArgumentException("a node id cannot contain '|': " + settings.nodeId()));
    }
    Redis client = Redis.createClient(vertx, new RedisOptions()
        .setConnectionString(settings.uri())
        .setPoolName("livedesk-redis")
        .setMaxPoolSize(16)
        .setMaxPoolWaiting(4096)
        .setNetClientOptions(new NetClientOptions().setConnectTimeout((int) settings.redisTimeoutMillis())
            .setTcpKeepAlive(true).setTcpNoDelay(true)));
    RedisLink redis = new RedisLink(vertx, client, ConnectionString.masked(settings.uri()), settings.redisTimeoutMillis());
    ClusterKeys keys = new ClusterKeys(settings.keyPrefix());
    Lease lease = new Lease(redis, keys, settings.nodeId(), settings.leaseMillis());
    StreamTail tail = new StreamTail(vertx, redis, keys);
    RedisEngine[] engine = new RedisEngine[1];
    CommandRelay relay = new CommandRelay(vertx, redis, keys, settings.nodeId(), settings.forwardTimeoutMillis(),
        (showId, request) -> engine[0].receive(showId, request));
    WriterWatch watch = new WriterWatch(vertx, redis, keys, settings.leaseMillis(), showId -> engine[0].claimOrphan(showId));
    Cluster cluster = new Cluster(vertx, store, decider, lottery, clock, fanout, metrics, settings.nodeId(), keys,
        redis, lease, relay, tail, watch, settings.streamMaxLen(), new DamagedShows(), settings.snapshotEveryEvents(),
        new SnapshotWorker(vertx), settings.commitWindowMicros());
    engine[0] = new RedisEngine(cluster);
    return redis.send(io.vertx.redis.client.Request.cmd(Command.PING))
        .compose(pong -> relay.start())
        .map(started -> {
          engine[0].beat();
          watch.start();
          LOG.info(() -> "node " + settings.nodeId() + " joined the cluster at Redis " + redis.where()
              + " (key prefix " + settings.keyPrefix() + ")");
          return engine[0];
        })
        .recover(e -> engine[0].closeCluster().transform(closed -> Future.failedFuture(e)));
  }

  /** Tells the writers of shows this node's viewers watch that the node is alive. */
  private void beat() {
    cluster.redis().send(io.vertx.redis.client.Request.cmd(Command.SET).arg(cluster.keys().alive(cluster.nodeId()))
        .arg(System.currentTimeMillis()).arg("PX").arg(2 * cluster.lease().millis()));
  }

  @Override
  public Future<Void> createShow(ShowRecord record) {
    return cluster.store().createShow(record);
  }

  @Override
  public Future<List<ShowListing>> listShows() {
    return cluster.store().listShows();
  }

  @Override
  public Future<LiveShow> show(String showId) {
    return open(showId).map(show -> show);
  }

  private Future<ClusterShow> open(String showId) {
    Future<ClusterShow> known = shows.get(showId);
    if (cluster.damaged().isMarked(showId)) {
      ShowError refusal = cluster.damaged().refusal(showId);
      if (refusal != null) {
        return Future.failedFuture(refusal);
      }
      // time to read it again: a show that put itself out of service (and stopped) makes way for a new reading
      if (known != null && known.succeeded()) {
        shows.remove(showId, known);
      }
      known = shows.get(showId);
    }
    if (known != null) {
      return known;
    }
    Future<ClusterShow> opening = shows.computeIfAbsent(showId, id -> cluster.store().show(id).compose(record -> record == null
        ? Future.failedFuture(ShowError.notFound("no show " + id))
        : ClusterShow.open(cluster, record))
        .compose(show -> {
          cluster.damaged().clear(id);
          return Future.succeededFuture(show);
        }, e -> {
          DamagedHistory damage = DamagedHistory.in(e);
          if (damage == null) {
            return Future.failedFuture(e);
          }
          if (!cluster.damaged().isMarked(id)) {
            LOG.severe(() -> "show " + id + " is OUT OF SERVICE on node " + cluster.nodeId() + ": "
                + damage.getMessage());
          }
          cluster.damaged().mark(id, damage.getMessage());
          return Future.failedFuture(DamagedShows.outOfService(id, damage.getMessage()));
        }));
    // a show that is not there (yet), or could not be read, is looked up again next time
    opening.onFailure(e -> shows.remove(showId, opening));
    return opening;
  }

  /** Only the holder of the show's writer lease: it has taken the lease and claimed the store's epoch. */
  @Override
  public boolean writesHere(String showId) {
    Future<ClusterShow> show = shows.get(showId);
    return show != null && show.succeeded() && show.result().writesHere();
  }

  /** A command forwarded here by another node, for a show this node is expected to write. */
  private Future<Reply> receive(String showId, Request request) {
    Future<ClusterShow> show = shows.get(showId);
    if (show == null) {
      return Future.failedFuture(new CommandRelay.NotOwner("node " + cluster.nodeId() + " does not serve show " + showId));
    }
    return show.compose(found -> found.executeForwarded(request));
  }

  /**
   * Takes over a show whose lease ran out while no command came. A show this node serves claims it as a
   * command would; one it does not serve is read from the store only after its lease is won, so the nodes
   * that lose the race do not replay it for nothing.
   */
  private Future<Void> claimOrphan(String showId) {
    // a damaged show is read again when a request asks for it, not on every look of the watch
    if (leaving || cluster.damaged().isMarked(showId)) {
      return Future.succeededFuture();
    }
    Future<ClusterShow> known = shows.get(showId);
    if (known != null) {
      return known.compose(show -> show.takeOver(null));
    }
    return cluster.lease().acquire(showId).compose(claim -> {
      if (!claim.taken()) {
        return Future.succeededFuture();
      }
      String token = claim.holder().token();
      // reading a long show from the store may take longer than the lease: it is kept meanwhile
      long keepAlive = cluster.vertx().setPeriodic(cluster.lease().millis() / 3,
          t -> cluster.lease().renew(showId, token));
      return open(showId).compose(show -> show.takeOver(token), e -> {
        cluster.lease().release(showId, token);
        if (e instanceof ShowError error && error.code() == ErrorCode.NOT_FOUND) {
          cluster.watch().unlist(showId);
        }
        return Future.failedFuture(e);
      }).eventually(() -> {
        cluster.vertx().cancelTimer(keepAlive);
        return Future.succeededFuture();
      });
    });
  }

  @Override
  public Future<Map<String, String>> health() {
    Future<Void> store = cluster.store().check();
    Future<Void> redis = cluster.redis().send(io.vertx.redis.client.Request.cmd(Command.PING))
        .compose(pong -> cluster.relay().subscribed() ? Future.succeededFuture()
            : Future.failedFuture(new IllegalStateException("the inbox subscription is being restored")));
    return Future.join(store, redis).transform(done -> {
      Map<String, String> checks = new LinkedHashMap<>();
      checks.put("store", status(store));
      checks.put("redis", status(redis));
      checks.put("node", cluster.nodeId());
      if (store.succeeded() && redis.succeeded()) {
        return Future.succeededFuture(checks);
      }
      return Future.failedFuture(new ShowError(ErrorCode.UNAVAILABLE, "store " + checks.get("store") + "; redis "
          + checks.get("redis")));
    });
  }

  /**
   * Shows this node could not read, and those whose writer here cannot append; see docs/design.md
   * §Durability before acknowledgement.
   */
  @Override
  public Map<String, String> showsOutOfService() {
    Map<String, String> out = new TreeMap<>(cluster.store().showsOutOfService());
    out.putAll(cluster.damaged().reasons());
    shows.forEach((id, show) -> {
      String why = show.succeeded() ? show.result().outOfService() : null;
      if (why != null) {
        out.putIfAbsent(id, why);
      }
    });
    return out;
  }

  private static String status(Future<Void> check) {
    return check.succeeded() ? "UP" : "DOWN (" + check.cause().getMessage() + ")";
  }

  @Override
  public Future<Void> close() {
    leaving = true;
    cluster.vertx().cancelTimer(heartbeatTimer);
    // the claims under way finish first, so every show they open is among those closed
    return cluster.watch().stop().transform(stopped -> {
          List<Future<Void>> closing = new ArrayList<>();
          for (Future<ClusterShow> show : shows.values()) {
            closing.add(show.compose(ClusterShow::close).recover(e -> Future.succeededFuture()));
          }
          return Future.join(closing);
        })
        .transform(done -> cluster.redis().send(io.vertx.redis.client.Request.cmd(Command.DEL)
            .arg(cluster.keys().alive(cluster.nodeId()))))
        .transform(done -> closeCluster())
        .transform(done -> cluster.snapshots().close())
        .transform(done -> cluster.store().close());
  }

  private Future<Void> closeCluster() {
    return Future.join(cluster.relay().close(), cluster.tail().close(), cluster.watch().stop())
        .transform(done -> cluster.redis().close());
  }
}
