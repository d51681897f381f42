package io.livedesk.show;

/** The stable error codes of the protocol, each with the HTTP status it maps to. */
public enum ErrorCode {
  INVALID_ARGUMENT(400),
  UNAUTHORIZED(401),
  FORBIDDEN(403),
  NOT_FOUND(404),
  CONFLICT(409),
  PAYLOAD_TOO_LARGE(413),
  RATE_LIMITED(429),
  UNAVAILABLE(503),
  SHOW_NOT_LIVE(409),
  SHOW_ENDED(409),
  NOT_ON_SHELF(409),
  SOLD_OUT(409),
  LIMIT_EXCEEDED(409),
  PRICE_GUARD(409),
  LOTTERY_CLOSED(409),
  ALREADY_ENTERED(409),
  NOT_ELIGIBLE(409);

  private final int httpStatus;

  ErrorCode(int httpStatus) {
    this.httpStatus = httpStatus;
  }

  public int httpStatus() {
    return httpStatus;
  }
}
