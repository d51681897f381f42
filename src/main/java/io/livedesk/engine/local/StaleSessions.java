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
 * Closes the sessions of the previous process in a rebuilt show, before its writer starts (docs/design.md
 * §After a crash): the decider's {@code DropNode} for each node in the presence, its events stored and folded
 * into the replica the way a replay folds history. Through the writer, the 40,000 {@code viewer.left} of a
 * big audience were folded twice (the writer's state, then the replica's) and each encoded for the sockets
 * there are none of yet; here the replica folds them once, only the resume window is encoded, and the
 * writer's copy is taken after them. Runs on the replica's context; nothing else appends to the show yet.
 */
final class StaleSessions {

  private StaleSessions() {
  }

  /** Answers how many events closed them. */
  static Future<Integer> close(String showId, ShowReplica replica, ShowDecider decider, EventStore store) {
    Future<Integer> closed = Future.succeededFuture(0);
    for (String node : replica.presenceNodes()) {
      closed = closed.compose(before -> dropNode(showId, replica, decider, store, node).map(n -> before + n));
    }
    return closed;
  }

  private static Future<Integer> dropNode(String showId, ShowReplica replica, ShowDecider decider, EventStore store,
      String node) {
    Request request = Request.of(Actor.SYSTEM, new Command.DropNode(node));
    return replica.<List<Recorded>>query((state, figures, now) -> {
      Decision decision = decider.decide(state, request, now);
      if (decision instanceof Decision.Rejected rejected) {
        throw rejected.error();
      }
      List<Recorded> recorded = new ArrayList<>();
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
          .compose(v -> Replays.foldInSlices(recorded, replica.context(), slice -> replica.replay(slice, lastSeq)))
          .map(v -> recorded.size());
    });
  }
}
