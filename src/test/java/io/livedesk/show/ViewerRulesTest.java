package io.livedesk.show;

import static io.livedesk.show.Scenario.item;
import static io.livedesk.show.Scenario.prize;
import static io.livedesk.show.Scenario.viewer;
import static org.assertj.core.api.Assertions.assertThat;

import io.livedesk.show.Command.Click;
import io.livedesk.show.Command.DropNode;
import io.livedesk.show.Command.EnterLottery;
import io.livedesk.show.Command.Join;
import io.livedesk.show.Command.Leave;
import io.livedesk.show.Command.OpenLottery;
import io.livedesk.show.Command.Subscribe;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ViewerRulesTest {

  private final Scenario show = Scenario.live(item("GRAPE", 8_800, 5, null), prize("GIFT", 3));

  @Test
  @DisplayName("a viewer can never run a control or prompter command")
  void viewersForbiddenStaffCommands() {
    byte[] seed = new byte[32];
    List<Command> staffOnly = List.of(new Command.StartShow(), new Command.EndShow(), new Command.CueNext(),
        new Command.CuePrev(), new Command.CueGo("GRAPE", null, false), new Command.ListItem("GRAPE"),
        new Command.DelistItem("GRAPE"), new Command.SetPrice("GRAPE", 1, true), new Command.RevertPrice("GRAPE"),
        new Command.SetStock("GRAPE", 100), new Command.AddStock("GRAPE", 100),
        new Command.PublishAnnouncement("free for all", true), new Command.RetractAnnouncement("a1"),
        new Command.SendNote("psst"), new Command.Ack("n1", null),
        new OpenLottery("GIFT", 1, new LotteryRule(LotteryRule.Type.ANY, null), null, seed),
        new Command.CloseLottery("l1"), new Command.DrawLottery("l1"), new Command.SwapItem("GRAPE", "GRAPE"),
        new Command.Expire(), new DropNode("node-1"));

    for (Command command : staffOnly) {
      show.when(viewer("v1"), command).rejectedWith(ErrorCode.FORBIDDEN);
    }
    assertThat(show.item("GRAPE").livePriceCents()).isEqualTo(8_800);
  }

  @Test
  @DisplayName("several sockets of one viewer count once online; the viewer leaves with the last one")
  void presenceCountsViewersOnce() {
    joins("v1", "node-a", "node-a", "node-b");
    joins("v2", "node-a");
    assertThat(show.state().presence().online()).isEqualTo(2);

    show.given(viewer("v1"), new Leave("node-a"));
    show.given(viewer("v1"), new Leave("node-b"));
    assertThat(show.state().presence().online()).isEqualTo(2);

    show.given(viewer("v1"), new Leave("node-a"));
    assertThat(show.state().presence().online()).isEqualTo(1);
    assertThat(show.state().presence().isOnline("v1")).isFalse();
    assertThat(show.state().presence().peak()).isEqualTo(2);
    show.when(viewer("v1"), new Leave("node-a")).thenNothing();
  }

  @Test
  @DisplayName("the peak keeps the highest number online and when it was reached")
  void peak() {
    show.given(viewer("v1"), new Join("n"));
    show.advance(1_000);
    show.given(viewer("v2"), new Join("n"));
    long peakAt = show.now();
    show.advance(1_000);
    show.given(viewer("v1"), new Leave("n"));
    show.given(viewer("v3"), new Join("n"));

    assertThat(show.state().presence().online()).isEqualTo(2);
    assertThat(show.state().presence().peak()).isEqualTo(2);
    assertThat(show.state().presence().peakAt()).isEqualTo(peakAt);
  }

  @Test
  @DisplayName("a lost node takes every socket it held offline at once")
  void dropNode() {
    joins("v1", "node-a", "node-a");
    joins("v2", "node-a", "node-b");

    show.when(Actor.SYSTEM, new DropNode("node-a"))
        .then(new Event.ViewerLeft("v1", "node-a", 2), new Event.ViewerLeft("v2", "node-a", 1));

    assertThat(show.state().presence().online()).isEqualTo(1);
    assertThat(show.state().presence().isOnline("v2")).isTrue();
  }

  @Test
  @DisplayName("clicks are recorded for any item; a subscription only once per viewer")
  void clickAndSubscribe() {
    show.when(viewer("v1"), new Click("GRAPE")).then(new Event.ViewerClicked("v1", "GRAPE"));
    show.when(viewer("v1"), new Subscribe()).then(new Event.ViewerSubscribed("v1"));
    show.when(viewer("v1"), new Subscribe()).thenNothing();
    show.when(viewer("v1"), new Click("NOPE")).rejectedWith(ErrorCode.NOT_FOUND);
  }

  @Test
  @DisplayName("subscribers and orderers are remembered for lotteries that only they may enter")
  void eligibilityHooks() {
    show.given(viewer("fan"), new Subscribe());
    show.cancelledOrder("buyer", "GRAPE", 1);

    assertThat(show.state().isSubscriber("fan")).isTrue();
    assertThat(show.state().isSubscriber("buyer")).isFalse();
    assertThat(show.state().hasOrdered("buyer")).isTrue();
    assertThat(show.state().hasOrdered("fan")).isFalse();

    String subscribed = lottery(LotteryRule.Type.SUBSCRIBED, 1);
    show.given(viewer("fan"), new EnterLottery(subscribed, null));
    show.when(viewer("buyer"), new EnterLottery(subscribed, null)).rejectedWith(ErrorCode.NOT_ELIGIBLE);
    show.given(Actor.CONTROL, new Command.CloseLottery(subscribed));
    show.given(Actor.CONTROL, new Command.DrawLottery(subscribed));

    String ordered = lottery(LotteryRule.Type.ORDERED, 2);
    show.given(viewer("buyer"), new EnterLottery(ordered, null));
    show.when(viewer("fan"), new EnterLottery(ordered, null)).rejectedWith(ErrorCode.NOT_ELIGIBLE);
  }

  @Test
  @DisplayName("viewers act only while the show is live, but may still leave after it ended")
  void viewersAfterEnd() {
    show.given(viewer("v1"), new Join("n"));
    show.given(Actor.CONTROL, new Command.EndShow());

    show.when(viewer("v1"), new Click("GRAPE")).rejectedWith(ErrorCode.SHOW_ENDED);
    show.when(viewer("v2"), new Join("n")).rejectedWith(ErrorCode.SHOW_ENDED);
    assertThat(show.state().presence().online()).isZero();
    show.when(viewer("v1"), new Leave("n")).thenNothing();
  }

  /** The viewer opens a socket on each of these nodes, in this order. */
  private void joins(String viewerId, String... nodes) {
    for (String node : nodes) {
      show.given(viewer(viewerId), new Join(node));
    }
  }

  private String lottery(LotteryRule.Type type, int seedByte) {
    byte[] seed = new byte[32];
    seed[0] = (byte) seedByte;
    return (String) show.given(Actor.CONTROL, new OpenLottery("GIFT", 1, new LotteryRule(type, null), null, seed))
        .get("lotteryId");
  }
}
