package io.livedesk.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.livedesk.show.Command;
import io.livedesk.show.ShowError;

/**
 * The body of a signed payment notification, bound to one show and one amount (docs/protocol.md §REST,
 * {@code POST /api/shows/{id}/payments}): a body signed for one show is refused at another's path.
 */
record PaymentNotice(String showId, String orderId, String status, String paymentId, long amountCents) {

  /** Ids in a notification are short; anything longer is not a real notification. */
  static final int MAX_ID_LENGTH = 200;

  /** Reads the body; a missing or malformed field, or a show other than {@code pathShowId}, is INVALID_ARGUMENT. */
  static PaymentNotice parse(JsonNode body, String pathShowId) {
    String showId = text(body, "showId");
    String orderId = text(body, "orderId");
    String status = text(body, "status");
    String paymentId = text(body, "paymentId");
    JsonNode amount = body.get("amountCents");
    if (amount == null || !amount.isIntegralNumber() || !amount.canConvertToLong() || amount.asLong() < 0) {
      throw ShowError.invalid("amountCents is required: the whole number of fen paid");
    }
    if (!showId.equals(pathShowId)) {
      throw ShowError.invalid("this notification is for show " + showId + ", not " + pathShowId);
    }
    return new PaymentNotice(showId, orderId, status, paymentId, amount.asLong());
  }

  Command.RecordPayment command() {
    return new Command.RecordPayment(orderId, status, paymentId, amountCents);
  }

  private static String text(JsonNode body, String field) {
    JsonNode node = body.get(field);
    if (node == null || !node.isTextual() || node.asText().isBlank()) {
      throw ShowError.invalid("showId, orderId, status, paymentId and amountCents are required; " + field
          + " is missing");
    }
    if (node.asText().length() > MAX_ID_LENGTH) {
      throw ShowError.invalid(field + " is longer than " + MAX_ID_LENGTH + " characters");
    }
    return node.asText();
  }
}
