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
}
