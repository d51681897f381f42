package io.livedesk.store;

import io.livedesk.show.Recorded;
import io.vertx.core.Future;
import java.util.List;

/**
 * A store that several nodes share. Whoever takes a show's writer lease claims a new writer epoch, and
 * appends made under an older epoch are refused, so a paused node that lost its lease cannot write.
 */
public interface ClusterEventStore extends EventStore {

  /** Raises the show's writer epoch and returns it; appends under any earlier epoch fail from now on. */
  Future<Long> claimWriter(String showId);

  /** Appends like {@link #append(String, List)}, failing with {@link FencedOut} unless {@code epoch} is current. */
  Future<Void> append(String showId, List<Recorded> events, long epoch);
}
