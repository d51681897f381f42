package io.livedesk.show;

/**
 * A show's two-person rule (docs/protocol.md §Two-person rule): a cut deeper than {@code cutFraction}
 * of the price it is judged against waits for a second staff member; a request lapses after
 * {@code expireSeconds}. Chosen when the show is created and kept in its meta.
 */
public record ApprovalRule(double cutFraction, int expireSeconds) {

  public static final int DEFAULT_EXPIRE_SECONDS = 300;
  public static final int MIN_EXPIRE_SECONDS = 10;
  public static final int MAX_EXPIRE_SECONDS = 3600;
  /** Requests one show holds waiting at once (docs/protocol.md §Limits that protect the show). */
  public static final int MAX_PENDING = 20;

  public ApprovalRule {
    if (!(cutFraction > 0 && cutFraction <= 1) || basisPoints(cutFraction) < 1) {
      throw ShowError.invalid("approval.cutFraction must be more than 0 and at most 1, got " + cutFraction);
    }
    if (expireSeconds < MIN_EXPIRE_SECONDS || expireSeconds > MAX_EXPIRE_SECONDS) {
      throw ShowError.invalid("approval.expireSeconds must be between " + MIN_EXPIRE_SECONDS + " and "
          + MAX_EXPIRE_SECONDS + ", got " + expireSeconds);
    }
  }

  /** Whether taking {@code offCents} off {@code baseCents} cuts more than the fraction; exact, in 1/10000. */
  public boolean needsApproval(long baseCents, long offCents) {
    return offCents > 0 && offCents * 10_000 > baseCents * basisPoints(cutFraction);
  }

  public long expireMillis() {
    return expireSeconds * 1000L;
  }

  private static long basisPoints(double fraction) {
    return Math.round(fraction * 10_000);
  }
}
