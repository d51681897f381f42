package io.livedesk.show;

import static io.livedesk.show.Scenario.given;
import static io.livedesk.show.Sheet.CHERRY;
import static io.livedesk.show.Sheet.GRAPE;
import static io.livedesk.show.Sheet.PEACH;
import static io.livedesk.show.Sheet.cued;
import static io.livedesk.show.Sheet.live;
import static io.livedesk.show.Sheet.loaded;
import static org.assertj.core.api.Assertions.assertThat;

import io.livedesk.show.Command.Ack;
import io.livedesk.show.Command.CueNext;
import io.livedesk.show.Command.CuePrev;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("who may send which command")
class PermissionsTest {

  /** Every control command of docs/protocol.md §Commands, with arguments that would be accepted from control. */
  static Stream<Command> controlCommands() {
    return Stream.of(new Command.StartShow(), new Command.EndShow(), new Command.LoadRunSheet(Sheet.SHEET),
        new Command.CueGo(GRAPE, null, false), new Command.CueNext(), new Command.CuePrev(),
        new Command.SwapItem(GRAPE, PEACH), new Command.ListItem(GRAPE), new Command.DelistItem(GRAPE),
        new Command.SetPrice(GRAPE, 7_900, false), new Command.RevertPrice(GRAPE), new Command.SetStock(GRAPE, 3),
        new Command.AddStock(GRAPE, 3), new Command.PublishAnnouncement("hi", false),
        new Command.RetractAnnouncement("a4"), new Command.SendNote("hi"),
        new Command.OpenLottery(Sheet.PRIZE, 1, new LotteryRule(LotteryRule.Type.ANY, null), null, new byte[32]),
        new Command.CloseLottery("l4"), new Command.DrawLottery("l4"), new Command.GrantApproval("ap4"),
        new Command.DenyApproval("ap4"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("controlCommands")
  @DisplayName("a prompter and a viewer get FORBIDDEN for a control command (host cueing off), whatever the state")
  void staffOnly(Command command) {
    ShowError prompter = given(live()).when(Actor.PROMPTER, command).rejectedWith(ErrorCode.FORBIDDEN);
    assertThat(prompter.getMessage()).contains(command.name());
    given(loaded()).when(Actor.PROMPTER, command).rejectedWith(ErrorCode.FORBIDDEN);
    given(live()).when(Actor.viewer("v1"), command).rejectedWith(ErrorCode.FORBIDDEN);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("controlCommands")
  @DisplayName("the shop's token changes stock and nothing else")
  void shopOnlyStock(Command command) {
    if (command instanceof Command.SetStock || command instanceof Command.AddStock) {
      assertThat(given(live()).when(Actor.SHOP, command).accepted().events()).isNotEmpty();
    } else {
      ShowError refused = given(live()).when(Actor.SHOP, command).rejectedWith(ErrorCode.FORBIDDEN);
      assertThat(refused.getMessage()).startsWith("shop may not send");
    }
  }

  @Test
  @DisplayName("with host.canCue off the prompter cannot cue and is told why")
  void hostCueingOff() {
    ShowError error = given(live()).when(Actor.PROMPTER, new CueNext()).rejectedWith(ErrorCode.FORBIDDEN);
    assertThat(error.getMessage()).contains("host cueing is off");
    given(live()).when(Actor.PROMPTER, new CuePrev()).rejectedWith(ErrorCode.FORBIDDEN);
  }

  @Test
  @DisplayName("with host.canCue on the prompter cues next and previous, and nothing else of control's")
  void hostCueingOn() {
    ShowRules hostCues = new ShowRules(ShowRules.DEFAULT_PRICE_GUARD_BASIS_POINTS, ShowRules.DEFAULT_ORDER_HOLD_MILLIS, true);
    Scenario show = Scenario.given(hostCues, live());

    show.when(Actor.PROMPTER, new CueNext()).then(cued(CHERRY, null, Cue.OPENING));
    show.when(Actor.PROMPTER, new CueNext()).then(cued(GRAPE, CHERRY, null));
    show.when(Actor.PROMPTER, new CuePrev()).then(cued(CHERRY, GRAPE, null));
    show.when(Actor.PROMPTER, new Command.CueGo(GRAPE, null, false)).rejectedWith(ErrorCode.FORBIDDEN);
    show.when(Actor.PROMPTER, new Command.SetPrice(GRAPE, 7_900, false)).rejectedWith(ErrorCode.FORBIDDEN);
    assertThat(show.history().get(show.history().size() - 1).actor()).isEqualTo(Actor.PROMPTER);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("controlCommands")
  @DisplayName("a host and an analyst member get FORBIDDEN for a control command; a control member may send it")
  void members(Command command) {
    Actor host = Actor.member(Actor.Role.HOST, "wang", "王");
    Actor analyst = Actor.member(Actor.Role.ANALYST, "li", "李");

    given(live()).when(host, command).rejectedWith(ErrorCode.FORBIDDEN);
    ShowError refused = given(live()).when(analyst, command).rejectedWith(ErrorCode.FORBIDDEN);
    assertThat(refused.getMessage()).contains("analyst may not send " + command.name());
    Permissions.check(Actor.Role.CONTROL, command.getClass(), false);
  }

  @Test
  @DisplayName("a host member acknowledges like the prompter and cues when host.canCue is on, under their name")
  void hostMember() {
    Actor host = Actor.member(Actor.Role.HOST, "wang", "王");
    ShowRules hostCues = new ShowRules(ShowRules.DEFAULT_PRICE_GUARD_BASIS_POINTS, ShowRules.DEFAULT_ORDER_HOLD_MILLIS, true);
    Scenario show = Scenario.given(hostCues, live());

    show.when(host, new CueNext()).then(cued(CHERRY, null, Cue.OPENING));
    assertThat(show.history().get(show.history().size() - 1).actor()).isEqualTo(host);
    assertThat(given(live()).when(host, new CueNext()).rejectedWith(ErrorCode.FORBIDDEN).getMessage())
        .contains("host cueing is off");
    given(live()).and(new Event.NoteSent("n4", "smile")).when(host, new Ack("n4", null))
        .then(new Event.Acked("n4", null));
    given(live()).and(new Event.NoteSent("n4", "smile")).when(Actor.member(Actor.Role.ANALYST, "li", "李"),
        new Ack("n4", null)).rejectedWith(ErrorCode.FORBIDDEN);
  }

  @Test
  @DisplayName("the prompter and control may acknowledge; a viewer may not")
  void ack() {
    Scenario show = given(live()).and(new Event.NoteSent("n4", "smile"));

    show.when(Actor.viewer("v1"), new Ack("n4", null)).rejectedWith(ErrorCode.FORBIDDEN);
    show.when(Actor.CONTROL, new Ack("n4", null)).then(new Event.Acked("n4", null));
  }

  @Test
  @DisplayName("staff cannot send viewer commands, nor anyone the server's own")
  void viewerAndSystemCommands() {
    for (Command command : List.of(new Command.Click(GRAPE), new Command.PlaceOrder(GRAPE, 1), new Command.Join("n1"),
        new Command.Reserve())) {
      given(live()).when(Actor.CONTROL, command).rejectedWith(ErrorCode.FORBIDDEN);
      given(live()).when(Actor.PROMPTER, command).rejectedWith(ErrorCode.FORBIDDEN);
    }
    given(live()).when(Actor.CONTROL, new Command.DropNode("n1")).rejectedWith(ErrorCode.FORBIDDEN);
    given(live()).when(Actor.viewer("v1"), new Command.Expire()).rejectedWith(ErrorCode.FORBIDDEN);
    given(live()).when(Actor.viewer("v1"), new Command.RecordPayment("o1", "PAID", "p1", 1)).rejectedWith(ErrorCode.FORBIDDEN);
  }

  @Test
  @DisplayName("every command of the vocabulary is some role's to send, and an unlisted one is nobody's")
  void everyCommandHasASender() {
    Vocabulary.COMMANDS.types().forEach((name, command) -> assertThat(Arrays.stream(Actor.Role.values())
        .filter(role -> mayOnlySend(role, command))).as("roles that may send %s", name).isNotEmpty());
    assertThat(Arrays.stream(Actor.Role.values()).filter(role -> mayOnlySend(role, Command.LoadRunSheet.class)))
        .containsExactlyInAnyOrder(Actor.Role.ADMIN, Actor.Role.CONTROL);
  }

  private static boolean mayOnlySend(Actor.Role role, Class<? extends Command> command) {
    try {
      Permissions.check(role, command, false);
      return true;
    } catch (ShowError refused) {
      assertThat(refused.code()).isEqualTo(ErrorCode.FORBIDDEN);
      assertThat(refused.getMessage()).contains(role.wire() + " may not send " + Vocabulary.COMMANDS.nameOf(command));
      return false;
    }
  }
}
