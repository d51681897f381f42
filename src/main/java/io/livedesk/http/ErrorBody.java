package io.livedesk.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.livedesk.json.Json;
import io.livedesk.show.ErrorCode;
import io.livedesk.show.ShowError;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The one place failures become the protocol's error body: {@code {"error": {code, message, details}}}. */
final class ErrorBody {

  private static final Logger LOG = Logger.getLogger(ErrorBody.class.getName());

  private ErrorBody() {
  }

  /** Any failure as a protocol error; what is not a {@link ShowError} is logged and reported as UNAVAILABLE. */
  static ShowError of(Throwable failure) {
    if (failure instanceof ShowError error) {
      return error;
    }
    LOG.log(Level.WARNING, "unexpected failure answered as UNAVAILABLE", failure);
    return new ShowError(ErrorCode.UNAVAILABLE, "the server could not complete the request: "
        + (failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage()));
  }

  static ObjectNode json(ShowError error) {
    ObjectNode body = Json.object();
    ObjectNode inner = body.putObject("error");
    inner.put("code", error.code().name());
    inner.put("message", error.getMessage());
    ArrayNode details = inner.putArray("details");
    for (ShowError.Detail detail : error.details()) {
      ObjectNode node = details.addObject();
      if (detail.line() != null) {
        node.put("line", detail.line());
      }
      if (detail.field() != null) {
        node.put("field", detail.field());
      }
      node.put("message", detail.message());
    }
    return body;
  }
}
