package io.livedesk.store;

import io.livedesk.show.Recorded;
import io.vertx.core.Future;
import java.util.List;
import java.util.Map;

/**
 * The durable, append-only history of every show. An append's future completes only once its events
 * are durable (fsynced, or committed); appends of one show are stored in the order they were made.
 */
public interface EventStore {

  /** Events read per page when replaying a show. */
  int PAGE = 10_000;

  Future<Void> createShow(ShowRecord show);

  /** The show, or null when there is none with that id. */
  Future<ShowRecord> show(String showId);

  Future<List<ShowListing>> listShows();

  /**
   * Appends events that continue the show's history without a gap. A seq that is already stored fails
   * the append instead of forking history.
   */
  Future<Void> append(String showId, List<Recorded> events);

  /** Up to {@code limit} events with seq greater than {@code afterSeq}, in seq order. */
  Future<List<Recorded>> read(String showId, long afterSeq, int limit);

  /** The seq of the show's last durable event, 0 when it has none. */
  Future<Long> lastSeq(String showId);

  /**
   * Checks that the show's history takes appends now, storing nothing, and answers the seq it ends at:
   * a writer whose append failed probes with this until it succeeds.
   */
  Future<Long> probe(String showId);

  /**
   * Keeps {@code snapshot}, the folded state of the show at {@code seq} (docs/design.md §Snapshots), in
   * place of the one kept before; the bytes are opaque to the store. A store that keeps none answers
   * success and drops it.
   */
  default Future<Void> saveSnapshot(String showId, long seq, byte[] snapshot) {
    return Future.succeededFuture();
  }

  /** The bytes of the show's latest snapshot as saved, or null when there is none. */
  default Future<byte[]> latestSnapshot(String showId) {
    return Future.succeededFuture();
  }

  /**
   * Shows whose stored history this store cannot read, or keep up to date, now, with why: /health lists
   * them (see docs/protocol.md §Limits that protect the show).
   */
  Map<String, String> showsOutOfService();

  /** Whether the store as a whole can be reached now, for /health. */
  Future<Void> check();

  /** Completes once everything acknowledged is durable and the store's resources are released. */
  Future<Void> close();
}
