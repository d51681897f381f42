package io.livedesk.engine;

/** What the engine tells operators about: commands by outcome, appended batches and their latency. */
public interface ShowMetrics {

  ShowMetrics NONE = new ShowMetrics() {
    @Override
    public void command(String name, String outcome) {
    }

    @Override
    public void appended(int events, long nanos) {
    }
  };

  /** A command was answered; {@code outcome} is "ok" or an error code. */
  void command(String name, String outcome);

  /** A batch of events became durable, {@code nanos} after it was handed to the store. */
  void appended(int events, long nanos);

  /** The show's snapshot at {@code seq} was saved (docs/design.md §Snapshots) at {@code savedAtMillis}. */
  default void snapshotSaved(String showId, long seq, long savedAtMillis) {
  }

  /**
   * The show no longer runs on this node (it rests, docs/design.md §Resting shows): its own meters go, so
   * their number follows the shows loaded, not every show ever run, and an ended show's snapshot does not
   * age on a dashboard for ever.
   */
  default void unloaded(String showId) {
  }
}
