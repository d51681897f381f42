package io.livedesk.runsheet;

import io.livedesk.show.ErrorCode;
import io.livedesk.show.ShowError;
import io.livedesk.show.ShowError.Detail;
import java.util.ArrayList;
import java.util.List;

/** Every problem found in a sheet, so the producer can fix them all after one upload instead of one per upload. */
final class Problems {

  private final List<Detail> details = new ArrayList<>();

  void add(Integer line, String field, String message) {
    details.add(new Detail(line, field, message));
  }

  int size() {
    return details.size();
  }

  void throwIfAny() {
    if (!details.isEmpty()) {
      throw error();
    }
  }

  ShowError error() {
    String noun = details.size() == 1 ? " problem" : " problems";
    return new ShowError(ErrorCode.INVALID_ARGUMENT, "run-sheet has " + details.size() + noun, details);
  }

  static ShowError single(Integer line, String field, String message) {
    Problems problems = new Problems();
    problems.add(line, field, message);
    return problems.error();
  }
}
