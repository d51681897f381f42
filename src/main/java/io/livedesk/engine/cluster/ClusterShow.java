package io.livedesk.engine.cluster;

import io.livedesk.engine.Callers;
import io.livedesk.engine.DamagedShows;
import io.livedesk.engine.Replays;
import io.livedesk.engine.ReplicaShow;
import io.livedesk.engine.ReplicaFeed;
import io.livedesk.engine.Reply;
import io.livedesk.engine.ShowReplica;
import io.livedesk.engine.ShowSnapshotter;
import io.livedesk.engine.ShowWriter;
import io.livedesk.show.Actor;
import io.livedesk.show.Command;
import io.livedesk.show.ErrorCode;
import io.livedesk.show.Event;
import io.livedesk.show.Recorded;
import io.livedesk.show.Request;
import io.livedesk.show.ShowError;
import io.livedesk.show.ShowState;
import io.livedesk.show.ShowStatus;
import io.livedesk.store.DamagedHistory;
import io.livedesk.store.FencedOut;
import io.livedesk.store.ShowRecord;
import io.livedesk.store.TimeLimit;
import io.livedesk.vertx.EventLoops;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Response;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * A show as one node of a cluster serves it. Every node keeps a replica, built from the store and then
 * fed by the show's stream, for its own sockets. One node at a time, the holder of the show's lease, also
 * runs the show's {@link ShowWriter}; the others forward commands to it. Everything here runs on the
 * show's context.
 */
final class ClusterShow implements ReplicaShow {

  private static final Logger LOG = Logger.getLogger(ClusterShow.class.getName());
  /** How many times a command looks for the show's writer (taking the lease, or asking the holder) before giving up. */
  static final int ROUTE_ATTEMPTS = 3;
  /** Events a new owner publishes again on taking over, in case its predecessor died between commit and publish. */
  static final int REPUBLISH_ON_TAKEOVER = 1000;

  /** This node's writing of the show: its lease token, the store epoch it claimed, its writer and publisher. */
  private final class Ownership {
    final String token;
    final long epoch;
    final ShowWriter writer;
    final StreamPublisher publisher;
    final Map<String, Long> missingSince = new HashMap<>();
    /** Where the show stands; while it is live it is on the writer watch, to be claimed again if this node dies. */
    ShowStatus status;
    long renewedAt;
    long renewTimer = -1;
    long sweepTimer = -1;

    Ownership(String token, long epoch, StreamPublisher publisher) {
      this.token = token;
      this.epoch = epoch;
      this.publisher = publisher;
      this.renewedAt = System.currentTimeMillis();
      this.writer = new ShowWriter(cluster.vertx(), context, record.meta(), cluster.lottery(), cluster.decider(),
          cluster.store(), outlet(this), cluster.clock(), cluster.metrics(), cluster.commitWindowMicros());
    }

    void stopTimers() {
      cluster.vertx().cancelTimer(renewTimer);
      cluster.vertx().cancelTimer(sweepTimer);
    }
  }

  private final RedisEngine.Cluster cluster;
  private final ShowRecord record;
  private final Context context;
  private final ShowReplica replica;
  private final ReplicaFeed feed;
  /** Read by /health from any thread, as is {@link #damage}. */
  private volatile Ownership ownership;
  /** Why the show's stored history cannot be read, once an event in it did not decode; null while it can. */
  private volatile String damage;
  private Future<Void> acquiring;
  private Future<Void> retiring = Future.succeededFuture();
  private String knownOwner;
  private boolean closed;

  private ClusterShow(RedisEngine.Cluster cluster, ShowRecord record) {
    this.cluster = cluster;
    this.record = record;
    this.context = EventLoops.newContext(cluster.vertx());
    this.replica = new ShowReplica(cluster.vertx(), context, record.meta(), cluster.lottery(), cluster.fanout(),
        cluster.clock());
    this.feed = new ReplicaFeed(cluster.vertx(), cluster.store(), record.id(), replica, this::putOutOfService);
    // every node starts from the show's snapshot; only the writer's node writes new ones
    replica.snapshotWith(new ShowSnapshotter(cluster.store(), record.meta(), cluster.lottery(),
        cluster.snapshotEveryEvents(), cluster.snapshots(), cluster.metrics(), () -> ownership != null));
  }

  /** Builds the replica from the store, then follows the show's stream from where the store ended. */
  static Future<ClusterShow> open(RedisEngine.Cluster cluster, ShowRecord record) {
    ClusterShow show = new ClusterShow(cluster, record);
    Promise<ClusterShow> opened = Promise.promise();
    show.context.runOnContext(v -> show.feed.build().onComplete(built -> {
      if (built.failed()) {
        opened.fail(built.cause());
        return;
      }
      cluster.tail().follow(record.id(), show.replica.seq(),
          events -> show.context.runOnContext(w -> show.feed.offer(events)));
      show.replica.startTicks();
      opened.complete(show);
    }));
    return opened.future();
  }

  @Override
  public ShowRecord record() {
    return record;
  }

  private String id() {
    return record.id();
  }

  // ---- commands ----

  @Override
  public Future<Reply> execute(Request request) {
    return onShowContext(() -> route(request, ROUTE_ATTEMPTS));
  }

  /** A command forwarded by another node: run here if this node writes the show, else say it does not. */
  Future<Reply> executeForwarded(Request request) {
    return onShowContext(() -> {
      if (damage != null) {
        return Future.failedFuture(DamagedShows.outOfService(id(), damage));
      }
      if (ownership != null) {
        return ownership.writer.execute(request);
      }
      if (acquiring != null) {
        return acquiring.transform(done -> ownership != null ? ownership.writer.execute(request)
            : Future.failedFuture(new CommandRelay.NotOwner("node " + cluster.nodeId() + " does not write show " + id())));
      }
      return Future.failedFuture(new CommandRelay.NotOwner("node " + cluster.nodeId() + " does not write show " + id()));
    });
  }

  /** Runs {@code work} on the show's context and answers on the caller's. */
  private <T> Future<T> onShowContext(Supplier<Future<T>> work) {
    Context caller = Vertx.currentContext();
    Promise<T> answer = Promise.promise();
    context.runOnContext(v -> {
      Future<T> done;
      try {
        done = work.get();
      } catch (RuntimeException e) {
        done = Future.failedFuture(e);
      }
      done.onComplete(result -> {
        if (result.succeeded()) {
          Callers.complete(caller, answer, result.result());
        } else {
          Callers.fail(caller, answer, result.cause());
        }
      });
    });
    return answer.future();
  }

  /** Settles on the show's context whatever settles elsewhere. */
  private <T> Future<T> here(Future<T> elsewhere) {
    Promise<T> promise = EventLoops.promise(context);
    elsewhere.onComplete(promise);
    return promise.future();
  }

  private Future<Reply> route(Request request, int attempts) {
    if (damage != null) {
      return Future.failedFuture(DamagedShows.outOfService(id(), damage));
    }
    if (closed) {
      return Future.failedFuture(new ShowError(ErrorCode.UNAVAILABLE, "the server is shutting down"));
    }
    if (ownership != null) {
      return ownership.writer.execute(request);
    }
    if (attempts <= 0) {
      return Future.failedFuture(new ShowError(ErrorCode.UNAVAILABLE, "no node is writing show " + id()
          + " right now; it is taken over within " + cluster.lease().millis() + " ms"));
    }
    if (acquiring != null) {
      return acquiring.transform(done -> route(request, attempts - 1));
    }
    if (knownOwner != null) {
      String owner = knownOwner;
      return here(cluster.relay().forward(owner, id(), request)).recover(e -> {
        if (!(e instanceof CommandRelay.NotOwner)) {
          return Future.failedFuture(e);
        }
        if (owner.equals(knownOwner)) {
          knownOwner = null;
        }
        return route(request, attempts - 1);
      });
    }
    Future<Void> attempt = findWriter();
    acquiring = attempt;
    attempt.onComplete(done -> acquiring = null);
    return attempt.transform(done -> done.succeeded() ? route(request, attempts - 1) : Future.failedFuture(done.cause()));
  }

  /** Whether this node holds the show's lease and writes it now. */
  boolean writesHere() {
    return ownership != null;
  }

  /**
   * Takes the writer of a show whose lease ran out with no command to claim it: {@code token} is a lease
   * this node has taken already, or null to take it here. An ended show is not taken; a lease taken for
   * nothing is given back.
   */
  Future<Void> takeOver(String token) {
    return onShowContext(() -> takeOverHere(token));
  }

  private Future<Void> takeOverHere(String token) {
    if (acquiring != null) {
      return acquiring.transform(done -> takeOverHere(token));
    }
    if (closed || ownership != null) {
      return giveBack(token);
    }
    Future<Void> attempt = here(replica.query((state, figures, now) -> state.status())).compose(status -> {
      if (status == ShowStatus.ENDED) {
        cluster.watch().unlist(id());
        return giveBack(token);
      }
      return token == null ? findWriter() : retiring.transform(previous -> becomeOwner(token));
    });
    acquiring = attempt;
    attempt.onComplete(done -> acquiring = null);
    return attempt;
  }

  private Future<Void> giveBack(String token) {
    return token == null ? Future.succeededFuture() : here(cluster.lease().release(id(), token));
  }

  /** Takes the lease when it is free, else learns who holds it; a writer of this node stepping down goes first. */
  private Future<Void> findWriter() {
    return retiring.transform(previous -> here(cluster.lease().acquire(id()))).compose(claim -> {
      if (claim.taken()) {
        return becomeOwner(claim.holder().token());
      }
      if (claim.holder().node().equals(cluster.nodeId())) {
        return Future.failedFuture(new ShowError(ErrorCode.UNAVAILABLE, "node " + cluster.nodeId() + " holds the lease "
            + "of show " + id() + " under an earlier token; it runs out within " + cluster.lease().millis() + " ms"));
      }
      knownOwner = claim.holder().node();
      return Future.succeededFuture();
    });
  }

  /**
   * Claims a new writer epoch in the store (from then on appends under older epochs fail), builds the
   * writer from a copy of this node's replica and the history the replica has not seen yet, and starts
   * writing. Taking over a long show costs what the replica lags behind, not a replay of the whole show.
   */
  private Future<Void> becomeOwner(String token) {
    return here(cluster.store().claimWriter(id())).compose(epoch -> {
      StreamPublisher publisher = new StreamPublisher(cluster.vertx(), context, cluster.redis(),
          cluster.keys().events(id()), cluster.streamMaxLen());
      Ownership own = new Ownership(token, epoch, publisher);
      ShowState start = replica.copyOfState();
      own.status = start.status();
      own.writer.startFrom(start);
      // the events to publish again start before what the replica holds
      long from = Math.max(0, replica.seq() - REPUBLISH_ON_TAKEOVER);
      ArrayDeque<Recorded> recent = new ArrayDeque<>();
      return here(Replays.readAll(cluster.store(), id(), from, page -> {
        own.writer.replay(page);
        own.status = statusAfter(own.status, page);
        feed.offer(page);
        for (Recorded recorded : page) {
          recent.addLast(recorded);
          if (recent.size() > REPUBLISH_ON_TAKEOVER) {
            recent.removeFirst();
          }
        }
      })).<Void>map(lastSeq -> {
        if (closed) {
          throw new ShowError(ErrorCode.UNAVAILABLE, "the server is shutting down");
        }
        ownership = own;
        knownOwner = null;
        own.writer.start();
        publisher.publish(List.copyOf(recent));
        own.renewTimer = cluster.vertx().setPeriodic(cluster.lease().millis() / 3, t -> renew(own));
        own.sweepTimer = cluster.vertx().setPeriodic(cluster.lease().millis(), t -> sweepPresence(own));
        watchFor(own.status);
        LOG.info(() -> "node " + cluster.nodeId() + " writes show " + id() + " from seq " + lastSeq
            + " (writer epoch " + epoch + ")");
        return null;
      });
    }).recover(e -> {
      cluster.lease().release(id(), token);
      DamagedHistory damaged = DamagedHistory.in(e);
      if (damaged != null) {
        putOutOfService(damaged);
        return Future.failedFuture(DamagedShows.outOfService(id(), damaged.getMessage()));
      }
      return Future.failedFuture(e instanceof ShowError ? e : new ShowError(ErrorCode.UNAVAILABLE,
          "show " + id() + " could not be taken over: " + e.getMessage()));
    });
  }

  /**
   * An event of the show's stored history does not decode: the show is out of service on this node, not
   * served shorter. Its writer steps down, the replica stops following, and the engine answers UNAVAILABLE
   * for it, reading it again on demand (see {@link DamagedShows}).
   */
  private void putOutOfService(DamagedHistory damaged) {
    if (damage != null || closed) {
      return;
    }
    damage = damaged.getMessage();
    cluster.damaged().mark(id(), damage);
    LOG.severe(() -> "show " + id() + " is OUT OF SERVICE on node " + cluster.nodeId() + ": " + damage);
    cluster.tail().unfollow(id());
    replica.stop();
    Ownership own = ownership;
    if (own != null) {
      stepDown(own, "its stored history cannot be read");
    }
  }

  /** Why this node cannot serve the show now (its history is damaged, or its writer here cannot append), or null. */
  String outOfService() {
    String damaged = damage;
    if (damaged != null) {
      return "its stored history cannot be read: " + damaged;
    }
    Ownership own = ownership;
    return own == null ? null : own.writer.outOfService();
  }

  /**
   * Before each batch the lease is checked (and extended) in Redis, and the store append carries the
   * epoch this node claimed: Redis says who should write, the epoch in PostgreSQL makes sure nobody else can.
   */
  private ShowWriter.Outlet outlet(Ownership own) {
    return new ShowWriter.Outlet() {
      @Override
      public Future<Void> append(List<Recorded> batch) {
        return here(cluster.lease().renew(id(), own.token)
            .recover(e -> Future.failedFuture(new FencedOut("the lease of show " + id() + " could not be confirmed: "
                + e.getMessage())))
            .compose(held -> {
              if (!held) {
                return Future.failedFuture(new FencedOut("the lease of show " + id() + " is held by another node"));
              }
              own.renewedAt = System.currentTimeMillis();
              return cluster.store().append(id(), batch, own.epoch);
            }));
      }

      /** The replica folds durable events only, on this context: a writer whose append failed goes on from it. */
      @Override
      public ShowState copyOfDurableState() {
        // a commit that timed out may have stored the batch after all: the probe reads the store beyond this state
        return replica.copyOfState();
      }

      @Override
      public void durable(List<Recorded> batch) {
        feed.offer(batch);
        own.publisher.publish(batch);
        ShowStatus after = statusAfter(own.status, batch);
        if (after != own.status) {
          own.status = after;
          watchFor(after);
        }
      }

      @Override
      public void failed(Throwable cause) {
        if (cause instanceof FencedOut) {
          stepDown(own, cause.getMessage());
        }
      }
    };
  }

  private static ShowStatus statusAfter(ShowStatus status, List<Recorded> events) {
    ShowStatus after = status;
    for (Recorded recorded : events) {
      if (recorded.event() instanceof Event.ShowStarted) {
        after = ShowStatus.LIVE;
      } else if (recorded.event() instanceof Event.ShowEnded) {
        after = ShowStatus.ENDED;
      }
    }
    return after;
  }

  /** A live show is watched, so its clock outlives this node; an ended one needs nobody to write it unasked. */
  private void watchFor(ShowStatus status) {
    if (status == ShowStatus.LIVE) {
      cluster.watch().enlist(id());
    } else if (status == ShowStatus.ENDED) {
      cluster.watch().unlist(id());
    }
  }

  private void renew(Ownership own) {
    here(cluster.lease().renew(id(), own.token)).onComplete(done -> {
      if (ownership != own) {
        return;
      }
      if (done.succeeded() && done.result()) {
        own.renewedAt = System.currentTimeMillis();
      } else if (done.succeeded()) {
        stepDown(own, "its lease is held by another node");
      } else if (System.currentTimeMillis() - own.renewedAt >= cluster.lease().millis()) {
        stepDown(own, "its lease could not be renewed: " + done.cause().getMessage());
      }
    });
  }

  /** Stops writing: the writer answers what it has decided and takes nothing new; the lease is given up. */
  private void stepDown(Ownership own, String reason) {
    if (ownership != own) {
      return;
    }
    ownership = null;
    own.stopTimers();
    own.publisher.stop();
    LOG.warning(() -> "node " + cluster.nodeId() + " stops writing show " + id() + ": " + reason);
    if (own.status == ShowStatus.LIVE) {
      // a Redis that lost its data lost the watch list too: the show goes back on it for whoever writes next
      cluster.watch().enlist(id());
    }
    retiring = here(own.writer.retire("show " + id() + " is moving to another writer: " + reason)
        .eventually(() -> cluster.lease().release(id(), own.token)))
        .recover(e -> Future.succeededFuture());
  }

  /** Viewers counted on a node that stopped beating for longer than a lease are dropped from presence. */
  private void sweepPresence(Ownership own) {
    Set<String> nodes = replica.presenceNodes();
    long now = System.currentTimeMillis();
    own.missingSince.keySet().retainAll(nodes);
    for (String node : nodes) {
      if (node.equals(cluster.nodeId())) {
        continue;
      }
      here(cluster.redis().send(io.vertx.redis.client.Request.cmd(io.vertx.redis.client.Command.EXISTS)
          .arg(cluster.keys().alive(node)))).onSuccess(exists -> {
            if (ownership != own) {
              return;
            }
            if (isOne(exists)) {
              own.missingSince.remove(node);
              return;
            }
            long since = own.missingSince.computeIfAbsent(node, n -> now);
            if (now - since >= cluster.lease().millis()) {
              own.missingSince.remove(node);
              LOG.info(() -> "node " + node + " stopped beating; its viewers of show " + id() + " are dropped");
              own.writer.execute(Request.of(Actor.SYSTEM, new Command.DropNode(node)));
            }
          });
    }
  }

  private static boolean isOne(Response response) {
    return response != null && response.toLong() == 1L;
  }

  // ---- following ----

  @Override
  public ShowReplica replica() {
    return replica;
  }

  @Override
  public Future<List<Recorded>> history(long afterSeq, int limit) {
    return cluster.store().read(id(), afterSeq, limit).recover(e -> {
      DamagedHistory damaged = DamagedHistory.in(e);
      if (damaged == null) {
        return Future.failedFuture(e);
      }
      return onShowContext(() -> {
        putOutOfService(damaged);
        return Future.failedFuture(DamagedShows.outOfService(id(), damaged.getMessage()));
      });
    });
  }

  /** Drains the writer if this node has it, gives the lease up and stops following the show. */
  Future<Void> close() {
    return onShowContext(() -> {
      closed = true;
      cluster.tail().unfollow(id());
      replica.stop();
      Ownership own = ownership;
      if (own == null) {
        return Future.succeededFuture();
      }
      ownership = null;
      own.stopTimers();
      // what was just made durable goes out to the other nodes before the lease is given up
      return here(own.writer.drain())
          .transform(drained -> TimeLimit.of(cluster.vertx(), own.publisher.flushed(), cluster.lease().millis(),
              "publishing show " + id()))
          .transform(flushed -> {
            own.publisher.stop();
            return cluster.lease().release(id(), own.token);
          })
          .recover(e -> Future.succeededFuture());
    });
  }
}
