package io.livedesk.show;

import static io.livedesk.show.Scenario.given;
import static io.livedesk.show.Sheet.GRAPE;
import static io.livedesk.show.Sheet.live;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.livedesk.lottery.VerifiableDraw;
import io.livedesk.show.Command.CueGo;
import io.livedesk.show.Command.PublishAnnouncement;
import io.livedesk.show.Command.SendNote;
import io.livedesk.show.Event.AnnouncementPublished;
import java.util.stream.LongStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("seq, derived ids and idempotency keys")
class HistoryTest {

  @Test
  @DisplayName("seq runs 1, 2, 3… without a gap across commands of one and of several events")
  void gaplessSeq() {
    Scenario show = given();
    show.when(new Command.LoadRunSheet(Sheet.SHEET)).then(Sheet.loaded());
    show.when(new Command.StartShow()).then(Sheet.started(), Sheet.cuedSegment(Cue.OPENING, null, null));
    show.when(new CueGo(GRAPE, null, true)).then(Sheet.cued(GRAPE, null, Cue.OPENING), new Event.ItemListed(GRAPE));
    show.when(new SendNote("go")).then(new Event.NoteSent("n6", "go"));

    assertThat(show.history()).extracting(Recorded::seq).containsExactly(LongStream.rangeClosed(1, 6).boxed().toArray(Long[]::new));
    assertThat(show.state().seq()).isEqualTo(6);
  }

  @Test
  @DisplayName("a state refuses an event out of seq order: a gap or a repeat")
  void evolveRefusesGaps() {
    ShowState state = new ShowState(Scenario.META, new VerifiableDraw());
    state.evolve(new Recorded(1, Scenario.T0, Actor.CONTROL, null, null, Sheet.loaded()));

    assertThatThrownBy(() -> state.evolve(new Recorded(3, Scenario.T0, Actor.CONTROL, null, null, Sheet.started())))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("expected seq 2");
    assertThatThrownBy(() -> state.evolve(new Recorded(1, Scenario.T0, Actor.CONTROL, null, null, Sheet.started())))
        .isInstanceOf(IllegalStateException.class);
    assertThat(state.seq()).isEqualTo(1);
  }

  @Test
  @DisplayName("ids come from the seq of the event that creates them, so a replay makes the same ids")
  void idsFromSeq() {
    Scenario show = given(live()).and(new Event.ItemListed(GRAPE), new Event.ItemDelisted(GRAPE));

    assertThat(show.when(new PublishAnnouncement("x", false)).then(new AnnouncementPublished("a6", "x", false)))
        .containsEntry("announcementId", "a6");
    assertThat(show.when(new SendNote("y")).then(new Event.NoteSent("n7", "y"))).containsEntry("noteId", "n7");
  }

  @Test
  @DisplayName("a repeat with the same key returns the first result and decides nothing, even with other arguments")
  void repeatReturnsFirstResult() {
    Scenario show = given(live());
    var first = show.when(new PublishAnnouncement("first", false)).key("k-1").then(new AnnouncementPublished("a4", "first", false));

    Decision.Repeated repeat = show.when(new PublishAnnouncement("second", true)).key("k-1").repeated();

    assertThat(repeat.seq()).isEqualTo(4);
    assertThat(repeat.result()).isEqualTo(first).containsEntry("announcementId", "a4");
    assertThat(show.state().announcements()).hasSize(1);
  }

  @Test
  @DisplayName("a repeat is answered by the seq of the command's last event")
  void repeatOfSeveralEvents() {
    Scenario show = given(live());
    show.when(new CueGo(GRAPE, null, true)).key("cue-1").then(Sheet.cued(GRAPE, null, Cue.OPENING), new Event.ItemListed(GRAPE));

    assertThat(show.when(new CueGo(GRAPE, null, true)).key("cue-1").repeated().seq()).isEqualTo(5);
  }

  @Test
  @DisplayName("keys belong to their actor: another viewer's same key is a new command")
  void keysPerActor() {
    Scenario show = given(live());
    show.when(Actor.viewer("v1"), new Command.Click(GRAPE)).key("k").then(new Event.ViewerClicked("v1", GRAPE));

    show.when(Actor.viewer("v2"), new Command.Click(GRAPE)).key("k").then(new Event.ViewerClicked("v2", GRAPE));
    show.when(Actor.viewer("v1"), new Command.Click(GRAPE)).key("k").repeated();
  }

  @Test
  @DisplayName("a rejected command's key is not remembered: a retry is decided afresh")
  void rejectedKeyNotRemembered() {
    Scenario show = given(live());
    show.when(new PublishAnnouncement(" ", false)).key("k").rejectedWith(ErrorCode.INVALID_ARGUMENT);

    show.when(new PublishAnnouncement("fixed", false)).key("k").then(new AnnouncementPublished("a4", "fixed", false));
  }

  @Test
  @DisplayName("the first answer survives a replay of the history into a fresh state")
  void repeatAfterReplay() {
    Scenario show = given(live());
    show.when(new SendNote("hello")).key("note-1").then(new Event.NoteSent("n4", "hello"));

    ShowState replayed = new ShowState(Scenario.META, new VerifiableDraw());
    show.history().forEach(replayed::evolve);
    Decision again = new ShowDecider(ShowRules.defaults(), new VerifiableDraw())
        .decide(replayed, new Request(Actor.CONTROL, new SendNote("other"), "note-1"), Scenario.T0 + 999_000);

    assertThat(again).isEqualTo(new Decision.Repeated(4, java.util.Map.of("noteId", "n4")));
  }
}
