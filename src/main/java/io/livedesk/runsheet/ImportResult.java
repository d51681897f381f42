package io.livedesk.runsheet;

import io.livedesk.show.RunSheet;
import java.util.List;

/**
 * A run-sheet that passed every rule, with what the import noticed but did not refuse.
 *
 * @param warnings short English sentences, such as columns or fields that were ignored
 */
public record ImportResult(RunSheet sheet, List<String> warnings) {

  public ImportResult {
    warnings = List.copyOf(warnings);
  }
}
