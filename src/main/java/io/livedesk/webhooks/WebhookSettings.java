package io.livedesk.webhooks;

/**
 * How webhooks are delivered (docs/protocol.md §Webhooks, the {@code webhooks.*} keys).
 *
 * @param timeoutMillis an attempt without an answer this long is a failure
 * @param backoffBaseMillis the wait after the first failure; it doubles after each one
 * @param backoffMaxMillis the longest wait between two attempts
 * @param max the most webhooks the server keeps
 * @param rotationGraceMillis after a rotation the old secret also signs for this long
 * @param failingAfter this many failures in a row make /health name the webhook
 * @param lagMillis an event waiting longer than this makes /health name the webhook
 */
public record WebhookSettings(long timeoutMillis, long backoffBaseMillis, long backoffMaxMillis, int max,
    long rotationGraceMillis, int failingAfter, long lagMillis) {

  /** Which node delivers is looked at this often; an idle delivery also looks for new events this often. */
  static final long SCAN_MILLIS = 1000;

  /** The wait before attempt {@code failures + 1}: the base doubled per failure, at most the maximum. */
  long backoff(int failures) {
    long wait = backoffBaseMillis;
    for (int i = 1; i < failures && wait < backoffMaxMillis; i++) {
      wait *= 2;
    }
    return Math.min(wait, backoffMaxMillis);
  }
}
