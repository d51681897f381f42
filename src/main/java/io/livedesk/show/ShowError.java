package io.livedesk.show;

import java.util.List;

/** A rejection with a stable code, a human message and, for run-sheets, the offending lines. */
public final class ShowError extends RuntimeException {

  /** One problem at one place of an input: a run-sheet line and field, or an argument. */
  public record Detail(Integer line, String field, String message) {}

  private final ErrorCode code;
  private final List<Detail> details;

  public ShowError(ErrorCode code, String message) {
    this(code, message, List.of());
  }

  public ShowError(ErrorCode code, String message, List<Detail> details) {
    super(message, null, false, false);
    this.code = code;
    this.details = List.copyOf(details);
  }

  public ErrorCode code() {
    return code;
  }

  public List<Detail> details() {
    return details;
  }

  public static ShowError invalid(String message) {
    return new ShowError(ErrorCode.INVALID_ARGUMENT, message);
  }

  public static ShowError notFound(String message) {
    return new ShowError(ErrorCode.NOT_FOUND, message);
  }

  @Override
  public String toString() {
    return code + ": " + getMessage();
  }
}
