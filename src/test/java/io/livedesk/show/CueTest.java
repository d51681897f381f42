package io.livedesk.show;

import static io.livedesk.show.Scenario.given;
import static io.livedesk.show.Sheet.CHERRY;
import static io.livedesk.show.Sheet.DURIAN;
import static io.livedesk.show.Sheet.GRAPE;
import static io.livedesk.show.Sheet.PEACH;
import static io.livedesk.show.Sheet.PRIZE;
import static io.livedesk.show.Sheet.cued;
import static io.livedesk.show.Sheet.cuedSegment;
import static io.livedesk.show.Sheet.ended;
import static io.livedesk.show.Sheet.live;
import static io.livedesk.show.Sheet.loaded;
import static io.livedesk.show.Sheet.started;
import static org.assertj.core.api.Assertions.assertThat;

import io.livedesk.show.Command.CueGo;
import io.livedesk.show.Command.CueNext;
import io.livedesk.show.Command.CuePrev;
import io.livedesk.show.Command.SwapItem;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("cue.go, cue.next, cue.prev and runsheet.swap")
class CueTest {

  @Test
  @DisplayName("cue.go puts an item on air, remembering what was on before")
  void goItem() {
    Scenario show = given(live());

    show.when(new CueGo(GRAPE, null, false)).then(cued(GRAPE, null, Cue.OPENING));

    assertThat(show.state().cue().itemId()).isEqualTo(GRAPE);
    assertThat(show.state().item(GRAPE).onShelf()).isFalse();
  }

  @Test
  @DisplayName("cue.go with list: true also puts the item on the shelf, unless it is a lottery prize")
  void goAndList() {
    Scenario show = given(live());

    show.when(new CueGo(GRAPE, null, true)).then(cued(GRAPE, null, Cue.OPENING), new Event.ItemListed(GRAPE));
    show.when(new CueGo(PRIZE, null, true)).then(cued(PRIZE, GRAPE, null));

    assertThat(show.state().item(GRAPE).onShelf()).isTrue();
    assertThat(show.state().item(PRIZE).shelf()).isEqualTo(ItemState.Shelf.PENDING);
  }

  @Test
  @DisplayName("cue.go to a segment, and to what is already on air changes nothing")
  void goSegmentAndSame() {
    Scenario show = given(live());

    show.when(new CueGo(null, Cue.OPENING, false)).thenNothing();
    show.when(new CueGo(null, Cue.CLOSING, false)).then(cuedSegment(Cue.CLOSING, null, Cue.OPENING));
    show.when(new CueGo(DURIAN, null, false)).then(cued(DURIAN, null, Cue.CLOSING));
    show.when(new CueGo(DURIAN, null, false)).thenNothing();
  }

  @Test
  @DisplayName("the time an item is on air runs from its cue to the next cue")
  void airedTime() {
    Scenario show = given(live());
    show.when(new CueGo(CHERRY, null, false)).at(Scenario.T0 + 10_000).then(cued(CHERRY, null, Cue.OPENING));
    show.when(new CueGo(GRAPE, null, false)).at(Scenario.T0 + 310_000).then(cued(GRAPE, CHERRY, null));

    assertThat(show.state().item(CHERRY).airedMillis()).isEqualTo(300_000);
    assertThat(show.state().cue().since()).isEqualTo(Scenario.T0 + 310_000);
  }

  @Test
  @DisplayName("cue.go is refused for a bad target: unknown item, bad segment, both or neither")
  void goRejected() {
    given(live()).when(new CueGo("NO-SUCH", null, false)).rejectedWith(ErrorCode.NOT_FOUND);
    given(live()).when(new CueGo(null, "interval", false)).rejectedWith(ErrorCode.INVALID_ARGUMENT);
    given(live()).when(new CueGo(GRAPE, Cue.OPENING, false)).rejectedWith(ErrorCode.INVALID_ARGUMENT);
    given(live()).when(new CueGo(null, null, false)).rejectedWith(ErrorCode.INVALID_ARGUMENT);
  }

  @Test
  @DisplayName("nothing can be cued before the start (SHOW_NOT_LIVE) or after the end (SHOW_ENDED)")
  void cueNeedsLiveShow() {
    given(loaded()).when(new CueGo(GRAPE, null, false)).rejectedWith(ErrorCode.SHOW_NOT_LIVE);
    given(loaded()).when(new CueNext()).rejectedWith(ErrorCode.SHOW_NOT_LIVE);
    given(loaded()).when(new CuePrev()).rejectedWith(ErrorCode.SHOW_NOT_LIVE);
    given(live()).and(ended()).when(new CueGo(GRAPE, null, false)).rejectedWith(ErrorCode.SHOW_ENDED);
    given(live()).and(ended()).when(new CueNext()).rejectedWith(ErrorCode.SHOW_ENDED);
    given(live()).and(ended()).when(new CuePrev()).rejectedWith(ErrorCode.SHOW_ENDED);
  }

  @Test
  @DisplayName("cue.next walks opening → every item but backups → closing, and stops at the end")
  void nextWalksTheShow() {
    Scenario show = given(live());

    walkToTheEnd(show, new CueNext(), "after", cued(CHERRY, null, Cue.OPENING), cued(GRAPE, CHERRY, null),
        cued(PRIZE, GRAPE, null), cued(DURIAN, PRIZE, null), cuedSegment(Cue.CLOSING, DURIAN, null));
  }

  @Test
  @DisplayName("cue.prev walks back from the closing to the opening, and stops there")
  void prevWalksBack() {
    Scenario show = given(live()).and(cuedSegment(Cue.CLOSING, null, Cue.OPENING));

    walkToTheEnd(show, new CuePrev(), "before", cued(DURIAN, null, Cue.CLOSING), cued(PRIZE, DURIAN, null),
        cued(GRAPE, PRIZE, null), cued(CHERRY, GRAPE, null), cuedSegment(Cue.OPENING, CHERRY, null));
  }

  @Test
  @DisplayName("without opening and closing scripts the walk is the items alone")
  void walkWithoutSegments() {
    Scenario show = given(new Event.RunSheetLoaded(Sheet.BARE), started());

    show.when(new CuePrev()).rejectedWith(ErrorCode.CONFLICT);
    show.when(new CueNext()).then(cued(CHERRY, null, null));
    show.when(new CuePrev()).rejectedWith(ErrorCode.CONFLICT);
    show.and(cued(DURIAN, CHERRY, null));
    show.when(new CueNext()).rejectedWith(ErrorCode.CONFLICT);
  }

  @Test
  @DisplayName("from a backup cued outside the running order, next and previous are refused, not sent back to the opening")
  void stepFromUnswappedBackup() {
    Scenario show = given(live()).and(cued(GRAPE, null, Cue.OPENING), cued(PEACH, GRAPE, null));

    ShowError next = show.when(new CueNext()).rejectedWith(ErrorCode.CONFLICT);
    show.when(new CuePrev()).rejectedWith(ErrorCode.CONFLICT);

    assertThat(next.getMessage()).contains(PEACH).contains("cue.go");
    show.when(new CueGo(DURIAN, null, false)).then(cued(DURIAN, PEACH, null));
  }

  @Test
  @DisplayName("a backup swapped in takes the item's place and slot; the item becomes a backup")
  void swap() {
    Scenario show = given(live());

    show.when(new SwapItem(GRAPE, PEACH)).then(new Event.ItemsSwapped(GRAPE, PEACH));

    assertThat(show.state().running()).extracting(ItemState::id).containsExactly(CHERRY, PEACH, PRIZE, DURIAN, GRAPE);
    assertThat(show.state().item(PEACH).role()).isEqualTo(ItemRole.MAIN);
    assertThat(show.state().item(PEACH).spec().plannedSeconds()).isEqualTo(300);
    assertThat(show.state().item(GRAPE).role()).isEqualTo(ItemRole.BACKUP);
    show.and(cued(CHERRY, null, Cue.OPENING));
    show.when(new CueNext()).then(cued(PEACH, CHERRY, null));
  }

  @Test
  @DisplayName("a swap is allowed before the start too")
  void swapInDraft() {
    given(loaded()).when(new SwapItem(DURIAN, PEACH)).then(new Event.ItemsSwapped(DURIAN, PEACH));
  }

  @Test
  @DisplayName("a swap is refused for the item on air, a non-main item, a non-backup, an unknown id, an ended show")
  void swapRejected() {
    given(live()).and(cued(GRAPE, null, Cue.OPENING)).when(new SwapItem(GRAPE, PEACH)).rejectedWith(ErrorCode.CONFLICT);
    given(live()).when(new SwapItem(PRIZE, PEACH)).rejectedWith(ErrorCode.INVALID_ARGUMENT);
    given(live()).when(new SwapItem(CHERRY, GRAPE)).rejectedWith(ErrorCode.INVALID_ARGUMENT);
    given(live()).when(new SwapItem(CHERRY, "NO-SUCH")).rejectedWith(ErrorCode.NOT_FOUND);
    given(live()).when(new SwapItem("NO-SUCH", PEACH)).rejectedWith(ErrorCode.NOT_FOUND);
    given(live()).and(ended()).when(new SwapItem(GRAPE, PEACH)).rejectedWith(ErrorCode.SHOW_ENDED);
  }

  /**
   * Sends {@code step} once per expected cue change, each time answered by exactly that change; one step more is
   * then a CONFLICT whose message says there is nothing {@code beyond} ("after" or "before").
   */
  private static void walkToTheEnd(Scenario show, Command step, String beyond, Event... changes) {
    for (Event change : changes) {
      show.when(step).then(change);
    }
    ShowError end = show.when(step).rejectedWith(ErrorCode.CONFLICT);
    assertThat(end.getMessage()).contains(beyond);
  }
}
