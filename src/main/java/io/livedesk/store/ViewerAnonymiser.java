package io.livedesk.store;

import io.vertx.core.Future;
import java.util.List;

/**
 * A store that can replace the viewer ids of an ended show's stored history by pseudonyms (docs/design.md
 * §Data retention): the file store rewrites the show's journal, the PostgreSQL store its rows.
 */
public interface ViewerAnonymiser {

  /** The ended shows whose viewer ids are still as given, ended at or before {@code endedBy}, in id order. */
  Future<List<String>> anonymisable(long endedBy);

  /**
   * Replaces every viewer id in the show's stored events by {@code names}' pseudonyms, all or nothing, and
   * records {@code now} as when. A show that has not ended, or is anonymised already, is refused (CONFLICT).
   */
  Future<Void> anonymizeViewers(String showId, ViewerPseudonyms names, long now);
}
