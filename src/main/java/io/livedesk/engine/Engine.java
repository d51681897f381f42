package io.livedesk.engine;

import io.livedesk.store.ShowListing;
import io.livedesk.store.ShowRecord;
import io.vertx.core.Future;
import java.util.List;

/**
 * Owns the shows this server runs: one writer per show, durable appends, fan-out to this node's
 * sockets. {@code memory} runs everything in this process; {@code redis} spreads shows over nodes.
 */
public interface Engine {

  Future<Void> createShow(ShowRecord record);

  Future<List<ShowListing>> listShows();

  /** The show as this node serves it; fails with NOT_FOUND when there is no such show. */
  Future<LiveShow> show(String showId);

  /**
   * The show for reading its stored history, as the webhooks' delivery of an ended show does: the memory
   * engine answers a resting show without loading it (docs/design.md §Resting shows).
   */
  default Future<LiveShow> showToRead(String showId) {
    return show(showId);
  }

  /** Readiness of what the engine depends on, by name ("store", "redis"); fails when one is down. */
  Future<java.util.Map<String, String>> health();

  /**
   * How many shows are still being rebuilt after the start (docs/design.md §After a crash): /health answers
   * {@code STARTING} until none are, since the shows out of service are not all known before.
   */
  default int rebuilding() {
    return 0;
  }

  /**
   * Shows this node cannot serve now because their history cannot be read or written, with why: while
   * one is, /health says DEGRADED and lists it (docs/protocol.md §Limits that protect the show).
   */
  default java.util.Map<String, String> showsOutOfService() {
    return java.util.Map.of();
  }

  /**
   * Whether this node writes the show now: the one node that delivers its webhooks (docs/design.md
   * §Webhooks). One node writes every show of the {@code memory} engine.
   */
  default boolean writesHere(String showId) {
    return true;
  }

  /** Stops taking commands, makes everything acknowledged durable, releases resources. */
  Future<Void> close();
}
