package io.livedesk.show;

import java.util.List;

/**
 * The configurable rules of every show on this server.
 *
 * @param priceGuardBasisPoints a price more than this far below the list price (in 1/10000) needs confirm
 * @param orderHoldMillis how long a placed order holds its stock unpaid
 * @param hostCanCue whether the prompter may send cue.next and cue.prev
 * @param comments how often a viewer may comment and the configured blocked words
 */
public record ShowRules(int priceGuardBasisPoints, long orderHoldMillis, boolean hostCanCue, CommentRules comments) {

  public ShowRules(int priceGuardBasisPoints, long orderHoldMillis, boolean hostCanCue) {
    this(priceGuardBasisPoints, orderHoldMillis, hostCanCue, CommentRules.defaults());
  }

  /**
   * @param minIntervalMillis a viewer's next comment waits this long after their last
   * @param blockedWords configured words whose comments are shadowed (docs/protocol.md §Comments)
   */
  public record CommentRules(long minIntervalMillis, List<String> blockedWords) {
    public CommentRules {
      blockedWords = List.copyOf(blockedWords);
    }

    public static CommentRules defaults() {
      return new CommentRules(DEFAULT_COMMENT_INTERVAL_SECONDS * 1000L, List.of());
    }
  }

  public static final int DEFAULT_PRICE_GUARD_BASIS_POINTS = 5000;
  public static final long DEFAULT_ORDER_HOLD_MILLIS = 600_000;
  public static final int MAX_TEXT_LENGTH = 1000;
  public static final int MAX_ORDER_QTY = 999;
  /** Ceilings on every price and stock, whichever transport sets them (docs/protocol.md §Limits that protect the show). */
  public static final long MAX_PRICE_CENTS = 10_000_000_000L;
  public static final long MAX_STOCK = 1_000_000_000L;
  public static final int MAX_WINNERS = 1_000_000;
  public static final int MAX_LOTTERY_SECONDS = 3600;
  /** Flash sales and coupons (docs/protocol.md §Promotions). */
  public static final int DEFAULT_FLASH_COUNTDOWN_SECONDS = 10;
  public static final int MAX_FLASH_COUNTDOWN_SECONDS = 3600;
  public static final int MIN_FLASH_SECONDS = 10;
  public static final int MAX_FLASH_SECONDS = 3600;
  public static final int MAX_FLASH_SALES = 500;
  public static final int MAX_COUPONS = 500;
  public static final int MAX_COUPON_ID_LENGTH = 64;
  public static final int MAX_COUPON_NAME_LENGTH = 60;
  public static final long MAX_COUPON_TOTAL = 1_000_000;
  public static final int MAX_COUPONS_PER_VIEWER = 99;
  public static final int MAX_COUPON_ITEMS = 1000;
  public static final int MAX_CLAIM_SECONDS = 86_400;

  /** Reservations one show keeps (docs/protocol.md §Limits that protect the show). */
  public static final int MAX_RESERVATIONS = 100_000;

  /** Comments (docs/protocol.md §Comments and §Limits that protect the show). */
  public static final int DEFAULT_COMMENT_INTERVAL_SECONDS = 2;
  public static final int MAX_COMMENT_LENGTH = 200;
  public static final int MAX_MUTE_SECONDS = 86_400;
  public static final int MAX_BLOCKED_WORDS = 500;
  public static final int MAX_BLOCKED_WORD_LENGTH = 20;
  /** Comments a show keeps with their text (the latest); older ones stay only in its counts. */
  public static final int KEPT_COMMENTS = 500;
  /** Distinct questions a show counts for its top questions; later new ones are not counted. */
  public static final int COUNTED_QUESTIONS = 1000;

  public static ShowRules defaults() {
    return new ShowRules(DEFAULT_PRICE_GUARD_BASIS_POINTS, DEFAULT_ORDER_HOLD_MILLIS, false);
  }
}
