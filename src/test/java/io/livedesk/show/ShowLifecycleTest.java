package io.livedesk.show;

import static io.livedesk.show.Scenario.given;
import static io.livedesk.show.Sheet.SHEET;
import static io.livedesk.show.Sheet.ended;
import static io.livedesk.show.Sheet.live;
import static io.livedesk.show.Sheet.loaded;
import static io.livedesk.show.Sheet.started;
import static org.assertj.core.api.Assertions.assertThat;

import io.livedesk.show.Command.EndShow;
import io.livedesk.show.Command.LoadRunSheet;
import io.livedesk.show.Command.StartShow;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("show.start, show.end and loading the run-sheet")
class ShowLifecycleTest {

  @Test
  @DisplayName("a draft show with a run-sheet starts and puts the opening on air")
  void startCuesOpening() {
    Scenario show = given(loaded());

    show.when(new StartShow()).then(started(), Sheet.cuedSegment(Cue.OPENING, null, null));

    assertThat(show.state().status()).isEqualTo(ShowStatus.LIVE);
    assertThat(show.state().startedAt()).isEqualTo(Scenario.T0 + 1000);
    assertThat(show.state().cue().segment()).isEqualTo(Cue.OPENING);
  }

  @Test
  @DisplayName("a sheet without an opening script starts with nothing on air")
  void startWithoutOpening() {
    Scenario show = given(new Event.RunSheetLoaded(Sheet.BARE));

    show.when(new StartShow()).then(started());

    assertThat(show.state().cue()).isNull();
  }

  @Test
  @DisplayName("a show cannot start without a run-sheet")
  void startNeedsSheet() {
    given().when(new StartShow()).rejectedWith(ErrorCode.CONFLICT);
  }

  @Test
  @DisplayName("starting a live show again is a conflict")
  void startTwice() {
    given(live()).when(new StartShow()).rejectedWith(ErrorCode.CONFLICT);
  }

  @Test
  @DisplayName("a live show ends: nothing on air, the time it ended kept")
  void end() {
    Scenario show = given(live());

    show.when(new EndShow()).at(Scenario.T0 + 99_000).then(ended());

    assertThat(show.state().status()).isEqualTo(ShowStatus.ENDED);
    assertThat(show.state().endedAt()).isEqualTo(Scenario.T0 + 99_000);
    assertThat(show.state().cue()).isNull();
  }

  @Test
  @DisplayName("a draft show cannot end (SHOW_NOT_LIVE)")
  void endRejected() {
    given(loaded()).when(new EndShow()).rejectedWith(ErrorCode.SHOW_NOT_LIVE);
  }

  @Test
  @DisplayName("a run-sheet loads before the start and may be replaced then")
  void loadAndReplace() {
    Scenario show = given();

    assertThat(show.when(new LoadRunSheet(SHEET)).then(loaded())).containsEntry("items", 5);
    RunSheet shorter = new RunSheet(null, null, SHEET.items().subList(0, 2));
    show.when(new LoadRunSheet(shorter)).then(new Event.RunSheetLoaded(shorter));

    assertThat(show.state().running()).extracting(ItemState::id).containsExactly(Sheet.CHERRY, Sheet.GRAPE);
  }

  @Test
  @DisplayName("the run-sheet cannot be replaced once the show has started (CONFLICT)")
  void loadAfterStart() {
    ShowError error = given(live()).when(new LoadRunSheet(SHEET)).rejectedWith(ErrorCode.CONFLICT);
    assertThat(error.getMessage()).contains("before the show starts");
  }

  static List<Command> lifecycleCommands() {
    return List.of(new StartShow(), new EndShow(), new LoadRunSheet(SHEET));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("lifecycleCommands")
  @DisplayName("an ended show cannot start again, end twice or take a run-sheet (SHOW_ENDED)")
  void endedShowRefuses(Command command) {
    given(live()).and(ended()).when(command).rejectedWith(ErrorCode.SHOW_ENDED);
  }

  @Test
  @DisplayName("an empty run-sheet or one with an id twice is refused")
  void loadInvalid() {
    given().when(new LoadRunSheet(new RunSheet(null, null, List.of()))).rejectedWith(ErrorCode.INVALID_ARGUMENT);
    RunSheet twice = new RunSheet(null, null, List.of(SHEET.items().get(0), SHEET.items().get(0)));
    given().when(new LoadRunSheet(twice)).rejectedWith(ErrorCode.INVALID_ARGUMENT);
  }
}
