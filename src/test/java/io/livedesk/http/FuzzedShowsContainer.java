package io.livedesk.http;

import java.util.List;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * What a fuzz suite over the wire starts from: the {@link FuzzedShows} of its container, made before its
 * properties and closed after them, and the ids those shows hold, for the generators to pick from.
 */
abstract class FuzzedShowsContainer {

  static FuzzedShows shows;
  static List<String> ids;

  @BeforeContainer
  static void startShows() throws Exception {
    shows = FuzzedShows.start();
    ids = shows.idWords();
  }

  @AfterContainer
  static void closeShows() throws Exception {
    shows.close();
  }
}
