package io.livedesk.engine.cluster;

import io.livedesk.vertx.EventLoops;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps a show's clock running when its writer's node dies and no command comes: order holds expire,
 * lottery countdowns close and a dead node's viewers are dropped only where the show has a writer. Every
 * node looks over the leases of the shows on the watch list (the live ones; drafts and ended shows are
 * written on demand only) and claims a show whose lease ran out; SET NX lets one node win. See
 * docs/design.md §The core: decide, evolve, one writer per show.
 */
final class WriterWatch {

  private static final Logger LOG = Logger.getLogger(WriterWatch.class.getName());
  /** Shows looked at per tick; a list longer than this is covered over several ticks. */
  static final int PAGE = 256;
  /** The longest pause between two looks, so an orphan is claimed within a second of its lease running out. */
  static final long MAX_TICK_MILLIS = 500;

  /** Takes over the writing of a show whose lease nobody holds. */
  interface Claimant {
    Future<Void> claim(String showId);
  }

  private final Vertx vertx;
  private final Context context;
  private final RedisLink redis;
  private final ClusterKeys keys;
  private final long tickMillis;
  private final Claimant claimant;
  /** Shows this node is claiming now; at most {@link #PAGE}, so a slow store cannot pile claims up. */
  private final Map<String, Future<Void>> claiming = new HashMap<>();
  /** Where the next page starts: "-" (the first name) or "(" and the last name looked at. */
  private String from = "-";
  private long timer = -1;
  private boolean stopped;

  WriterWatch(Vertx vertx, RedisLink redis, ClusterKeys keys, long leaseMillis, Claimant claimant) {
    this.vertx = vertx;
    this.context = EventLoops.newContext(vertx);
    this.redis = redis;
    this.keys = keys;
    this.tickMillis = Math.max(2, Math.min(MAX_TICK_MILLIS, leaseMillis / 4));
    this.claimant = claimant;
  }

  /** Puts the show on the watch list; its writer does, on taking over a live show or starting one. */
  Future<Void> enlist(String showId) {
    return quietly(redis.send(Request.cmd(Command.ZADD).arg(keys.watched()).arg(0).arg(showId)), showId, "enlisting");
  }

  /** Takes the show off the watch list once it has ended (or is not there): nobody need write it unasked. */
  Future<Void> unlist(String showId) {
    return quietly(redis.send(Request.cmd(Command.ZREM).arg(keys.watched()).arg(showId)), showId, "unlisting");
  }

  /** The list is repaired by the next takeover, so a failed update is not worth failing anything for. */
  private static Future<Void> quietly(Future<Response> update, String showId, String what) {
    return update.<Void>mapEmpty().recover(e -> {
      LOG.log(Level.FINE, () -> what + " show " + showId + " for the writer watch failed: " + e.getMessage());
      return Future.succeededFuture();
    });
  }

  void start() {
    context.runOnContext(v -> schedule());
  }

  /** Stops looking; completes once the claims under way have settled. */
  Future<Void> stop() {
    Promise<Void> settled = Promise.promise();
    context.runOnContext(v -> {
      stopped = true;
      vertx.cancelTimer(timer);
      Future.join(List.copyOf(claiming.values())).<Void>mapEmpty().otherwiseEmpty().onComplete(settled);
    });
    return settled.future();
  }

  /** Each node waits a random half to whole tick, so nodes do not all look, and claim, at the same moment. */
  private void schedule() {
    if (!stopped) {
      timer = vertx.setTimer(ThreadLocalRandom.current().nextLong(tickMillis / 2, tickMillis + 1), id -> tick());
    }
  }

  /** One tick costs one ZRANGE of at most PAGE names and one MGET of as many lease keys: O(PAGE) in Redis. */
  private void tick() {
    here(redis.send(Request.cmd(Command.ZRANGE).arg(keys.watched()).arg(from).arg("+").arg("BYLEX")
        .arg("LIMIT").arg(0).arg(PAGE)))
        .compose(page -> {
          List<String> shows = new ArrayList<>(page.size());
          page.forEach(name -> shows.add(name.toString()));
          from = shows.size() < PAGE ? "-" : "(" + shows.get(shows.size() - 1);
          if (shows.isEmpty()) {
            return Future.succeededFuture();
          }
          Request leases = Request.cmd(Command.MGET);
          shows.forEach(show -> leases.arg(keys.lease(show)));
          return here(redis.send(leases)).map(holders -> {
            for (int i = 0; i < shows.size(); i++) {
              if (holders.get(i) == null) {
                claim(shows.get(i));
              }
            }
            return null;
          });
        })
        .onComplete(done -> {
          if (done.failed()) {
            LOG.log(Level.FINE, () -> "the writer watch could not look at the leases: " + done.cause().getMessage());
          }
          schedule();
        });
  }

  private void claim(String showId) {
    if (stopped || claiming.size() >= PAGE || claiming.containsKey(showId)) {
      return;
    }
    Future<Void> claim = here(claimant.claim(showId));
    claiming.put(showId, claim);
    claim.onComplete(done -> {
      claiming.remove(showId);
      if (done.failed()) {
        LOG.log(Level.FINE, () -> "show " + showId + " has no writer and could not be taken over yet: "
            + done.cause().getMessage());
      }
    });
  }

  /** Settles on the watch's context whatever settles elsewhere. */
  private <T> Future<T> here(Future<T> elsewhere) {
    Promise<T> promise = EventLoops.promise(context);
    elsewhere.onComplete(promise);
    return promise.future();
  }
}
