package io.livedesk.engine;

import io.livedesk.show.ErrorCode;
import io.livedesk.show.ShowError;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The shows whose stored history this node could not read because an event in it does not decode. Such
 * a show is out of service on this node alone: it is answered UNAVAILABLE at once, and read again at most
 * every {@link #REREAD_MILLIS}, on demand, so a repaired history is served without a restart.
 */
public final class DamagedShows {

  /** How long a damaged show is refused before a request may read its history again. */
  public static final long REREAD_MILLIS = 5000;

  private record Damage(String why, long at) {}

  private final Map<String, Damage> shows = new ConcurrentHashMap<>();

  public void mark(String showId, String why) {
    shows.put(showId, new Damage(why, System.currentTimeMillis()));
  }

  public void clear(String showId) {
    shows.remove(showId);
  }

  public boolean isMarked(String showId) {
    return shows.containsKey(showId);
  }

  /** The answer to a request for a damaged show read less than {@link #REREAD_MILLIS} ago; null otherwise. */
  public ShowError refusal(String showId) {
    Damage damage = shows.get(showId);
    if (damage == null || System.currentTimeMillis() - damage.at() >= REREAD_MILLIS) {
      return null;
    }
    return outOfService(showId, damage.why());
  }

  public static ShowError outOfService(String showId, String why) {
    return new ShowError(ErrorCode.UNAVAILABLE, "show " + showId + " is out of service: its stored history cannot"
        + " be read (" + why + ")");
  }

  /** Each damaged show with why, for /health. */
  public Map<String, String> reasons() {
    Map<String, String> out = new TreeMap<>();
    shows.forEach((id, damage) -> out.put(id, "its stored history cannot be read: " + damage.why()));
    return out;
  }
}
