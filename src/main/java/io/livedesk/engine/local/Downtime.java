package io.livedesk.engine.local;

import io.livedesk.engine.Replays;
import io.livedesk.engine.ShowReplica;
import io.livedesk.show.Actor;
import io.livedesk.show.Command;
import io.livedesk.show.Decision;
import io.livedesk.show.Event;
import io.livedesk.show.Recorded;
import io.livedesk.show.Request;
import io.livedesk.show.ShowDecider;
import io.livedesk.store.EventStore;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;

/**
 * What the time the server was down leaves to do in a rebuilt show, done before its writer starts
 * (docs/design.md §After a crash): the order holds and countdowns that ran out meanwhile are expired, as the
 * writer does before any command, then the sessions of the previous process are closed, the decider's
 * {@code DropNode} for each node in the presence. Their events are stored and folded into the replica the
 * way a replay folds history, and the writer's copy is taken after them. Through the writer, the 40,000
 * {@code viewer.left} of a big audience were folded twice (the writer's state, then the replica's) and each
 * encoded for the sockets there are none of yet. Runs on the replica's context; nothing else appends to the
 * show yet.
 */
final class Downtime {

  private Downtime() {
  }

  /**
   * Events stored but not folded into the replica: the fold no longer matches the history, so the show
   * must not be served from it (unlike a decision or an append that failed, which leaves both as they were).
   */
  static final class Unfolded extends RuntimeException {
    Unfolded(String showId, Throwable cause) {
      super("show " + showId + ": the downtime's events were stored but could not be folded", cause);
    }
  }

  /** Answers how many events it took. */
  static Future<Integer> settle(String showId, ShowReplica replica, ShowDecider decider, EventStore store) {
    Future<Integer> settled = decideAndFold(showId, replica, decider, store, Request.of(Actor.SYSTEM,
        new Command.Expire()));
    for (String node : replica.presenceNodes()) {
      settled = settled.compose(before -> decideAndFold(showId, replica, decider, store,
          Request.of(Actor.SYSTEM, new Command.DropNode(node))).map(n -> before + n));
    }
    return settled;
  }

  private static Future<Integer> decideAndFold(String showId, ShowReplica replica, ShowDecider decider,
      EventStore store, Request request) {
    return replica.<List<Recorded>>query((state, figures, now) -> {
      List<Recorded> recorded = new ArrayList<>();
      if (request.command() instanceof Command.Expire && now < state.nextDeadline()) {
        return recorded;
      }
      Decision decision = decider.decide(state, request, now);
      if (decision instanceof Decision.Rejected rejected) {
        throw rejected.error();
      }
      if (decision instanceof Decision.Accepted accepted) {
        for (Event event : accepted.events()) {
          recorded.add(new Recorded(state.seq() + 1 + recorded.size(), now, request.actor(), null, null, event));
        }
      }
      return recorded;
    }).compose(recorded -> {
      if (recorded.isEmpty()) {
        return Future.succeededFuture(0);
      }
      long lastSeq = recorded.get(recorded.size() - 1).seq();
      return store.append(showId, recorded)
          .compose(v -> Replays.foldInSlices(recorded, replica.context(), slice -> replica.replay(slice, lastSeq))
              .recover(failure -> Future.failedFuture(new Unfolded(showId, failure))))
          .map(v -> recorded.size());
    });
  }
}
