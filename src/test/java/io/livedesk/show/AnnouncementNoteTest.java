package io.livedesk.show;

import static io.livedesk.show.Scenario.given;
import static io.livedesk.show.Sheet.GRAPE;
import static io.livedesk.show.Sheet.ended;
import static io.livedesk.show.Sheet.live;
import static io.livedesk.show.Sheet.loaded;
import static org.assertj.core.api.Assertions.assertThat;

import io.livedesk.show.Command.Ack;
import io.livedesk.show.Command.PublishAnnouncement;
import io.livedesk.show.Command.RetractAnnouncement;
import io.livedesk.show.Command.SendNote;
import io.livedesk.show.Event.Acked;
import io.livedesk.show.Event.AnnouncementPublished;
import io.livedesk.show.Event.AnnouncementRetracted;
import io.livedesk.show.Event.NoteSent;
import io.livedesk.show.Event.PriceChanged;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("announce.publish, announce.retract, cue.note and cue.ack")
class AnnouncementNoteTest {

  @Test
  @DisplayName("an announcement's id is derived from its seq and answered")
  void publish() {
    Scenario show = given(live());

    assertThat(show.when(new PublishAnnouncement("  满299减30  ", false)).then(new AnnouncementPublished("a4", "满299减30", false)))
        .containsEntry("announcementId", "a4");

    assertThat(show.state().announcement("a4").live()).isTrue();
  }

  @Test
  @DisplayName("a pinned announcement unpins the one pinned before it")
  void pinnedReplacesPinned() {
    Scenario show = given(live());
    show.when(new PublishAnnouncement("first", true)).then(new AnnouncementPublished("a4", "first", true));
    show.when(new PublishAnnouncement("plain", false)).then(new AnnouncementPublished("a5", "plain", false));
    show.when(new PublishAnnouncement("second", true)).then(new AnnouncementPublished("a6", "second", true));

    assertThat(show.state().announcements()).extracting(Announcement::id, Announcement::pinned, Announcement::live)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("a4", false, true),
            org.assertj.core.groups.Tuple.tuple("a5", false, true),
            org.assertj.core.groups.Tuple.tuple("a6", true, true));
  }

  @Test
  @DisplayName("announcements may be prepared before the start, not after the end; text is required and bounded")
  void publishRejected() {
    given(loaded()).when(new PublishAnnouncement("soon", false)).then(new AnnouncementPublished("a2", "soon", false));
    given(live()).and(ended()).when(new PublishAnnouncement("late", false)).rejectedWith(ErrorCode.SHOW_ENDED);
    given(live()).when(new PublishAnnouncement("   ", false)).rejectedWith(ErrorCode.INVALID_ARGUMENT);
    given(live()).when(new PublishAnnouncement(null, false)).rejectedWith(ErrorCode.INVALID_ARGUMENT);
    given(live()).when(new PublishAnnouncement("x".repeat(ShowRules.MAX_TEXT_LENGTH + 1), false))
        .rejectedWith(ErrorCode.INVALID_ARGUMENT);
  }

  @Test
  @DisplayName("a retracted announcement stays in history with the time it came down; retracting again changes nothing")
  void retract() {
    Scenario show = given(live()).and(new AnnouncementPublished("a4", "hello", true));

    show.when(new RetractAnnouncement("a4")).at(Scenario.T0 + 50_000).then(new AnnouncementRetracted("a4"));
    show.when(new RetractAnnouncement("a4")).thenNothing();

    assertThat(show.state().announcement("a4").retractedAt()).isEqualTo(Scenario.T0 + 50_000);
  }

  @Test
  @DisplayName("retracting an unknown announcement is NOT_FOUND, after the end SHOW_ENDED")
  void retractRejected() {
    given(live()).when(new RetractAnnouncement("a99")).rejectedWith(ErrorCode.NOT_FOUND);
    given(live()).and(new AnnouncementPublished("a4", "hello", false), ended())
        .when(new RetractAnnouncement("a4")).rejectedWith(ErrorCode.SHOW_ENDED);
  }

  @Test
  @DisplayName("a note to the host gets an id from its seq")
  void note() {
    Scenario show = given(live());

    assertThat(show.when(new SendNote("slow down, 3 minutes left")).then(new NoteSent("n4", "slow down, 3 minutes left")))
        .containsEntry("noteId", "n4");

    assertThat(show.state().note("n4").ackedAt()).isNull();
  }

  @Test
  @DisplayName("a note needs text and a show that has not ended")
  void noteRejected() {
    given(live()).when(new SendNote("")).rejectedWith(ErrorCode.INVALID_ARGUMENT);
    given(live()).and(ended()).when(new SendNote("bye")).rejectedWith(ErrorCode.SHOW_ENDED);
  }

  @Test
  @DisplayName("the host acknowledges a note once; a second ack changes nothing")
  void ackNote() {
    Scenario show = given(live()).and(new NoteSent("n4", "smile"));

    show.when(Actor.PROMPTER, new Ack("n4", null)).at(Scenario.T0 + 70_000).then(new Acked("n4", null));
    show.when(Actor.PROMPTER, new Ack("n4", null)).thenNothing();

    assertThat(show.state().note("n4").ackedAt()).isEqualTo(Scenario.T0 + 70_000);
  }

  @Test
  @DisplayName("the host acknowledges price changes up to a seq, never beyond the show's last seq")
  void ackPriceChanges() {
    Scenario show = given(live()).and(new PriceChanged(GRAPE, 8_800, 7_900, false, false));

    show.when(Actor.PROMPTER, new Ack(null, 4L)).then(new Acked(null, 4L));
    show.when(Actor.PROMPTER, new Ack(null, 4L)).thenNothing();
    show.when(Actor.PROMPTER, new Ack(null, 3L)).thenNothing();
    show.when(Actor.PROMPTER, new Ack(null, 99L)).then(new Acked(null, 5L));

    assertThat(show.state().priceAckedThrough()).isEqualTo(5);
  }

  @Test
  @DisplayName("cue.ack needs a noteId or a seq, and the note must exist")
  void ackRejected() {
    given(live()).when(Actor.PROMPTER, new Ack(null, null)).rejectedWith(ErrorCode.INVALID_ARGUMENT);
    given(live()).when(Actor.PROMPTER, new Ack("n42", null)).rejectedWith(ErrorCode.NOT_FOUND);
  }
}
