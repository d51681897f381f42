package io.livedesk.runsheet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.livedesk.show.ErrorCode;
import io.livedesk.show.ShowError;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.function.Executable;

/** Fixture sheets from src/test/resources/runsheets and the refusal they are expected to earn. */
final class Sheets {

  private Sheets() {
  }

  static byte[] bytes(String name) {
    try (InputStream in = Sheets.class.getResourceAsStream("/runsheets/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ImportResult csv(String text) {
    return RunSheetImport.fromCsv(text.getBytes(StandardCharsets.UTF_8));
  }

  /** The ShowError an import throws, after checking it is the run-sheet refusal with a count that matches. */
  static ShowError refusal(Executable importing) {
    ShowError error = assertThrows(ShowError.class, importing);
    assertThat(error.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
    int count = error.details().size();
    assertThat(error.getMessage()).isEqualTo("run-sheet has " + count + (count == 1 ? " problem" : " problems"));
    return error;
  }

  static ShowError csvRefusal(String fixture) {
    return refusal(() -> RunSheetImport.fromCsv(bytes(fixture)));
  }
}
