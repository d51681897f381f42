package io.livedesk.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.livedesk.json.Json;
import io.livedesk.lottery.VerifiableDraw;
import io.livedesk.show.Actor;
import io.livedesk.show.Command;
import io.livedesk.show.ItemRole;
import io.livedesk.show.ItemSpec;
import io.livedesk.show.LotteryRule;
import io.livedesk.show.Recorded;
import io.livedesk.show.RunSheet;
import io.livedesk.show.Scenario;
import io.livedesk.show.ShowMeta;
import io.livedesk.show.ShowRules;
import io.livedesk.show.ShowState;
import io.livedesk.show.Tier;
import io.livedesk.testing.Figures;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A short show played command by command at known times, its report checked figure by figure against
 * numbers worked out by hand. T0 is the start; "t=70" means T0 + 70 s.
 */
class ScriptedShowReportTest {

  private static final long T0 = 1_700_000_000_000L;
  private static final String NODE = "n1";
  /** The bytes 0x00…0x1f; SHA-256 of them is the lottery's commitment. */
  private static final byte[] SEED = counting();
  private static final String COMMITMENT = "630dcd2966c4336691125448bbb25b4ff412a49c732db2c8abc1b8581bd710dd";

  private final VerifiableDraw draw = new VerifiableDraw();
  private Scenario show;
  private ShowState state;
  private ShowFigures figures;

  private String orderA1;
  private String orderA2;
  private String orderB1;
  private String orderB2;
  private String orderB3;
  private String lotteryId;
  private JsonNode midShow;

  @BeforeEach
  void playTheShow() {
    // orders hold their stock for 120 s, so an unpaid order expires within the show
    show = Scenario.of(new ShowMeta("s-scripted", "周五晚场", null, 10, true, T0 - 3_600_000),
        new ShowRules(5000, 120_000, false));
    state = show.state();
    figures = show.figures();

    ItemSpec cup = item("A", ItemRole.MAIN, "保温杯", 10_000, 8_000, 100, 120, List.of(new Tier(2, 7_000)), 0);
    ItemSpec coat = item("B", ItemRole.MAIN, "羽绒服", 50_000, 40_000, 10, 180, List.of(), 0);
    ItemSpec mask = item("K", ItemRole.BACKUP, "备用面膜", 5_000, 4_000, 10, 0, List.of(), 0);
    ItemSpec prize = item("P", ItemRole.LOTTERY, "福袋", 100, 100, 2, 0, List.of(), 2);
    at(-3_600, Actor.CONTROL, new Command.LoadRunSheet(new RunSheet("开场白", "收尾", List.of(cup, coat, mask, prize))));

    at(-30, v("v1"), new Command.Join(NODE));
    at(0, Actor.CONTROL, new Command.StartShow());
    at(10, v("v2"), new Command.Join(NODE));
    at(20, v("v2"), new Command.Join(NODE));
    at(30, Actor.CONTROL, new Command.CueGo("A", null, true));
    at(40, v("v1"), new Command.Click("A"));
    at(45, v("v3"), new Command.Click("A"));
    orderA1 = order(50, "v1", "A", 2);
    at(55, v("v1"), new Command.Click("A"));
    at(70, v("v3"), new Command.Join(NODE));
    at(75, Actor.CONTROL, new Command.SetPrice("A", 7_500, false));
    orderA2 = order(80, "v3", "A", 1);
    at(90, v("v2"), new Command.Leave(NODE));
    at(95, v("v2"), new Command.Click("B"));
    at(100, v("v2"), new Command.Leave(NODE));
    at(110, Actor.PAYMENT, new Command.RecordPayment(orderA1, "PAID", "pay-1", state.order(orderA1).terms().amountCents()));
    midShow = ShowReport.build(ReportFacts.of(state, figures, T0 + 125_000));

    at(150, Actor.CONTROL, new Command.CueGo("B", null, true));
    at(160, v("v4"), new Command.Join(NODE));
    at(170, v("v4"), new Command.Click("B"));
    orderB1 = order(175, "v4", "B", 1);
    at(180, v("v3"), new Command.CancelOrder(orderA2));
    at(185, v("v4"), new Command.Subscribe());
    at(190, v("v1"), new Command.Subscribe());
    at(195, Actor.CONTROL, new Command.SetPrice("B", 30_000, false));
    at(200, v("v5"), new Command.Click("B"));
    orderB2 = order(205, "v5", "B", 2);
    at(210, Actor.PAYMENT, new Command.RecordPayment(orderB2, "PAID", "pay-2", state.order(orderB2).terms().amountCents()));
    at(220, Actor.CONTROL, new Command.RevertPrice("B"));
    orderB3 = order(230, "v1", "B", 1);
    lotteryId = (String) at(240, Actor.CONTROL,
        new Command.OpenLottery("P", 1, new LotteryRule(LotteryRule.Type.ANY, null), null, SEED)).get("lotteryId");
    at(250, v("v1"), new Command.EnterLottery(lotteryId, null));
    at(251, v("v3"), new Command.EnterLottery(lotteryId, null));
    at(252, v("v4"), new Command.EnterLottery(lotteryId, null));
    at(260, Actor.CONTROL, new Command.CloseLottery(lotteryId));
    at(265, Actor.CONTROL, new Command.DrawLottery(lotteryId));
    at(300, Actor.SYSTEM, new Command.Expire());
    at(310, Actor.CONTROL, new Command.CueGo(null, "closing", false));
    at(330, v("v3"), new Command.Leave(NODE));
    at(350, Actor.SYSTEM, new Command.Expire());
    at(400, v("v6"), new Command.Join(NODE));
    at(470, Actor.CONTROL, new Command.EndShow());
  }

  @Test
  @DisplayName("the script itself: the expiries, the cancellation and the tier happened as planned")
  void scriptHappened() {
    assertThat(kinds()).contains("item.tier_reached", "order.cancelled", "order.expired", "lottery.drawn");
    // o_b1 (placed t=175, hold 120 s) expired at t=300; o_b3 (t=230) at t=350
    assertThat(state.order(orderB1).status().wire()).isEqualTo("EXPIRED");
    assertThat(state.order(orderB3).status().wire()).isEqualTo("EXPIRED");
    assertThat(state.order(orderA2).status().wire()).isEqualTo("CANCELLED");
    assertThat(state.order(orderA1).status().wire()).isEqualTo("PAID");
    assertThat(state.order(orderB2).status().wire()).isEqualTo("PAID");
  }

  @Test
  @DisplayName("every total of the ended show is the hand-worked number")
  void totals() {
    JsonNode t = report().get("totals");
    // joins: v1 (t=-30), v2 twice (t=10, t=20: two sockets), v3 (t=70), v4 (t=160), v6 (t=400)
    assertThat(t.get("pv").asLong()).isEqualTo(6);
    // v1 v2 v3 v4 v6 joined; v5 never joined but clicked and ordered
    assertThat(t.get("uv").asLong()).isEqualTo(6);
    assertThat(t.get("online").asInt()).isZero();
    // 1 at t=-30, 2 at t=10, 3 at t=70 (v1 v2 v3); v4 at t=160 made 3 again, not more
    assertThat(t.get("peakOnline").asInt()).isEqualTo(3);
    assertThat(t.get("peakAt").asLong()).isEqualTo(T0 + 70_000);
    // connected: v1 -30→470 = 500, v2 10→100 = 90 (two sockets counted once), v3 70→330 = 260,
    // v4 160→470 = 310, v6 400→470 = 70; 1230 s / 6 viewers = 205 s
    assertThat(t.get("avgWatchSeconds").asDouble()).isEqualTo(205.0);
    // v4 at t=185, v1 at t=190
    assertThat(t.get("newSubscribers").asLong()).isEqualTo(2);
    // clicks: A: v1 t=40, v3 t=45, v1 t=55; B: v2 t=95, v4 t=170, v5 t=200 → 6 clicks by 5 clickers, v1 v2 v3 v4 v5;
    // orders: o_a1 v1 2×A, o_a2 v3 1×A (cancelled), o_b1 v4 1×B (expired), o_b2 v5 2×B, o_b3 v1 1×B (expired);
    // GMV: each order at the amount it was placed for, whatever the tier A reached later: o_a1 2×80 + o_a2 1×75 =
    // 235; B: o_b1 1×400 + o_b2 2×300 (price cut at t=195, reverted at t=220) + o_b3 1×400 = 1400; 235 + 1400 = ¥1635;
    // paid: o_a1 2×70 = 140 and o_b2 2×300 = 600 → ¥740; o_a1 paid 2×80 and is due 2×70: ¥20 back;
    // orderers v1 v3 v4 v5; buyers v1 v5
    assertThat(tally(t)).isEqualTo(Map.of("clicks", 6L, "clickers", 5L, "orders", 5L, "units", 7L, "gmvCents", 163_500L,
        "paidOrders", 2L, "paidGmvCents", 74_000L, "refundCents", 2_000L, "orderers", 4L, "buyers", 2L));
    // clickers 5 / UV 6; orderers 4 / UV 6; clickers who ordered (v1 v3 v4 v5) 4 / clickers 5
    assertThat(t.get("clickRate").asDouble()).isEqualTo(5.0 / 6);
    assertThat(t.get("orderConversion").asDouble()).isEqualTo(4.0 / 6);
    assertThat(t.get("clickConversion").asDouble()).isEqualTo(4.0 / 5);
    // whole fen, rounded down: paid GMV 74000 fen / UV 6 = 12333.3; 74000 × 1000 / PV 6 = 12333333.3
    assertThat(t.get("uvValueCents").isIntegralNumber()).isTrue();
    assertThat(t.get("uvValueCents").asLong()).isEqualTo(12_333);
    assertThat(t.get("gpmCents").isIntegralNumber()).isTrue();
    assertThat(t.get("gpmCents").asLong()).isEqualTo(12_333_333);
  }

  @Test
  @DisplayName("every item's figures, aired time and price changes are the hand-worked ones")
  void items() {
    JsonNode items = report().get("items");
    assertThat(items).hasSize(4);

    JsonNode a = items.get(0);
    assertThat(a.get("id").asText()).isEqualTo("A");
    assertThat(a.get("name").asText()).isEqualTo("保温杯");
    assertThat(a.get("role").asText()).isEqualTo("main");
    assertThat(a.get("plannedSeconds").asLong()).isEqualTo(120);
    // cued t=30, B cued t=150
    assertThat(a.get("airedSeconds").asLong()).isEqualTo(120);
    assertThat(tally(a)).isEqualTo(Map.of("clicks", 3L, "clickers", 2L, "orders", 2L, "units", 3L, "gmvCents", 23_500L,
        "paidOrders", 1L, "paidGmvCents", 14_000L, "refundCents", 2_000L, "orderers", 2L, "buyers", 1L));
    // v1 and v3 clicked A and both ordered A
    assertThat(a.get("clickConversion").asDouble()).isEqualTo(1.0);
    // live ¥75 after the cut, but the tier reached settles at ¥70
    assertThat(a.get("priceCents").asLong()).isEqualTo(7_000);
    assertThat(a.get("priceChanges")).hasSize(1);
    assertPriceChange(a.get("priceChanges").get(0), T0 + 75_000, 8_000, 7_500, false);

    JsonNode b = items.get(1);
    assertThat(b.get("id").asText()).isEqualTo("B");
    assertThat(b.get("plannedSeconds").asLong()).isEqualTo(180);
    // cued t=150, closing cued t=310
    assertThat(b.get("airedSeconds").asLong()).isEqualTo(160);
    assertThat(tally(b)).isEqualTo(Map.of("clicks", 3L, "clickers", 3L, "orders", 3L, "units", 4L, "gmvCents", 140_000L,
        "paidOrders", 1L, "paidGmvCents", 60_000L, "refundCents", 0L, "orderers", 3L, "buyers", 1L));
    // clickers of B: v2 v4 v5; of them v4 and v5 ordered B (v1 ordered B without clicking it)
    assertThat(b.get("clickConversion").asDouble()).isEqualTo(2.0 / 3);
    assertThat(b.get("priceChanges")).hasSize(2);
    assertPriceChange(b.get("priceChanges").get(0), T0 + 195_000, 40_000, 30_000, false);
    assertPriceChange(b.get("priceChanges").get(1), T0 + 220_000, 30_000, 40_000, true);

    for (JsonNode untouched : List.of(items.get(2), items.get(3))) {
      assertThat(untouched.get("airedSeconds").asLong()).isZero();
      assertThat(untouched.get("plannedSeconds").asLong()).isZero();
      for (String figure : List.of("clicks", "clickers", "orders", "units", "gmvCents", "paidGmvCents", "orderers", "buyers")) {
        assertThat(untouched.get(figure).asLong()).as(untouched.get("id") + " " + figure).isZero();
      }
      assertThat(untouched.get("clickConversion").isNull()).isTrue();
      assertThat(untouched.get("priceChanges")).isEmpty();
    }
    assertThat(items.get(2).get("role").asText()).isEqualTo("backup");
    assertThat(items.get(3).get("role").asText()).isEqualTo("lottery");
  }

  @Test
  @DisplayName("every minute of the timeline, quiet ones included, is the hand-worked one")
  void timeline() {
    JsonNode timeline = report().get("timeline");
    // the show ran t=0…470: minutes 0…7
    long[][] expected = {
        // minute, online at its end, peak within it, pv, orders, gmv (the amounts placed)
        // m0: v1 was waiting (pv counted here), v2 joined twice; o_a1 2×A → 2×80
        {0, 2, 2, 3, 1, 16_000},
        // m1: v3 joined (3), v2 left at t=100 (2); o_a2 1×A after the cut → 75
        {1, 2, 3, 1, 1, 7_500},
        // m2: v4 joined (3); o_b1 1×400
        {2, 3, 3, 1, 1, 40_000},
        // m3: o_b2 2×300 + o_b3 1×400
        {3, 3, 3, 0, 2, 100_000},
        // m4: the lottery, nobody came or went
        {4, 3, 3, 0, 0, 0},
        // m5: v3 left at t=330
        {5, 2, 3, 0, 0, 0},
        // m6: v6 joined at t=400
        {6, 3, 3, 1, 0, 0},
        // m7: quiet until the end at t=470; the audience at the end stays the minute's figure
        {7, 3, 3, 0, 0, 0},
    };
    assertThat(timeline).hasSize(expected.length);
    for (int i = 0; i < expected.length; i++) {
      JsonNode point = timeline.get(i);
      long[] e = expected[i];
      assertThat(new long[] {point.get("minute").asLong(), point.get("online").asLong(), point.get("peakOnline").asLong(),
          point.get("pv").asLong(), point.get("orders").asLong(), point.get("gmvCents").asLong()})
          .as("minute %d", i).containsExactly(e);
    }
  }

  @Test
  @DisplayName("the show, the lottery and the cue marks are in the report")
  void showLotteryAndCues() {
    JsonNode report = report();
    JsonNode show = report.get("show");
    assertThat(show.get("id").asText()).isEqualTo("s-scripted");
    assertThat(show.get("title").asText()).isEqualTo("周五晚场");
    assertThat(show.get("status").asText()).isEqualTo("ended");
    assertThat(show.get("rehearsal").asBoolean()).isTrue();
    assertThat(show.get("startedAt").asLong()).isEqualTo(T0);
    assertThat(show.get("endedAt").asLong()).isEqualTo(T0 + 470_000);
    assertThat(show.get("plannedMinutes").asInt()).isEqualTo(10);
    assertThat(show.get("airedSeconds").asLong()).isEqualTo(470);
    // A 120 + B 180 + backup 0 + prize 0
    assertThat(show.get("plannedSeconds").asLong()).isEqualTo(300);

    JsonNode lottery = report.get("lotteries").get(0);
    assertThat(lottery.get("lotteryId").asText()).isEqualTo(lotteryId);
    assertThat(lottery.get("itemId").asText()).isEqualTo("P");
    assertThat(lottery.get("entrants").asInt()).isEqualTo(3);
    assertThat(lottery.get("commitment").asText()).isEqualTo(COMMITMENT);
    assertThat(lottery.get("seed").asText()).isEqualTo("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
    assertThat(lottery.get("entrantsHash").asText()).isEqualTo(draw.entrantsHash(List.of("v1", "v3", "v4")));
    assertThat(lottery.get("winners")).hasSize(1);
    assertThat(lottery.get("winners").get(0).asText())
        .isEqualTo(draw.draw(SEED, List.of("v1", "v3", "v4"), 1).get(0));

    JsonNode cues = report.get("cues");
    assertThat(cues).hasSize(4);
    assertCue(cues.get(0), T0, null, "opening");
    assertCue(cues.get(1), T0 + 30_000, "A", null);
    assertCue(cues.get(2), T0 + 150_000, "B", null);
    assertCue(cues.get(3), T0 + 310_000, null, "closing");
  }

  @Test
  @DisplayName("mid-show the report runs to now: open sessions counted so far, the quiet minute made up, no seed yet")
  void midShow() {
    JsonNode t = midShow.get("totals");
    assertThat(midShow.at("/show/status").asText()).isEqualTo("live");
    assertThat(midShow.at("/show/asOf").asLong()).isEqualTo(T0 + 125_000);
    assertThat(t.get("online").asInt()).isEqualTo(2);
    // at t=125: v1 -30→125 = 155, v2 10→100 = 90, v3 70→125 = 55; 300 s / UV 3 (v1 v2 v3)
    assertThat(t.get("avgWatchSeconds").asDouble()).isEqualTo(100.0);
    // o_a1 2×80 + o_a2 1×75 as placed; o_a1 paid, due 2×70 at the tier
    assertThat(t.get("gmvCents").asLong()).isEqualTo(23_500);
    assertThat(t.get("paidGmvCents").asLong()).isEqualTo(14_000);
    // minute 2 has had no event yet: it is made up from minute 1's closing audience
    JsonNode timeline = midShow.get("timeline");
    assertThat(timeline).hasSize(3);
    assertThat(timeline.get(2).get("online").asInt()).isEqualTo(2);
    assertThat(timeline.get(2).get("peakOnline").asInt()).isEqualTo(2);
    assertThat(timeline.get(2).get("pv").asInt()).isZero();
    // A is on air since t=30: 95 s so far
    assertThat(midShow.get("items").get(0).get("airedSeconds").asLong()).isEqualTo(95);
    assertThat(midShow.get("lotteries")).isEmpty();
  }

  @Test
  @DisplayName("an ended show's report is built once and kept until another event arrives")
  void endedReportIsKept() {
    ShowReports reports = new ShowReports();
    ObjectNode first = reports.report(state, figures, T0 + 900_000);
    assertThat(reports.report(state, figures, T0 + 999_000)).isSameAs(first);
    assertThat(Json.text(first)).isEqualTo(Json.text(report()));

    // a payment arriving after the end for an expired order: recorded for refund, the report is rebuilt
    at(600, Actor.PAYMENT, new Command.RecordPayment(orderB3, "PAID", "pay-late", state.order(orderB3).terms().amountCents()));
    ObjectNode second = reports.report(state, figures, T0 + 999_000);
    assertThat(second).isNotSameAs(first);
    assertThat(second.at("/show/seq").asLong()).isGreaterThan(first.at("/show/seq").asLong());
    assertThat(second.get("totals")).isEqualTo(first.get("totals"));
  }

  @Test
  @DisplayName("the figures folded in one go over the history equal those folded event by event")
  void refoldIsIdentical() {
    ShowState again = new ShowState(state.meta(), draw);
    ShowFigures againFigures = new ShowFigures();
    for (Recorded recorded : show.history()) {
      again.evolve(recorded);
      againFigures.apply(recorded, again);
    }
    assertThat(Json.text(ShowReport.build(ReportFacts.of(again, againFigures, T0 + 5_000_000))))
        .isEqualTo(Json.text(report()));
  }

  // ---- the script's plumbing ----

  private JsonNode report() {
    return ShowReport.build(ReportFacts.of(state, figures, T0 + 5_000_000));
  }

  private static Actor v(String viewerId) {
    return Actor.viewer(viewerId);
  }

  private String order(long seconds, String viewer, String itemId, int qty) {
    return (String) at(seconds, v(viewer), new Command.PlaceOrder(itemId, qty)).get("orderId");
  }

  /** Decides the command at T0 + {@code seconds}; it must be accepted, and is folded into the state and the figures. */
  private Map<String, Object> at(long seconds, Actor actor, Command command) {
    return show.at(T0 + seconds * 1000).given(actor, command);
  }

  private List<String> kinds() {
    return show.history().stream().map(Recorded::kind).toList();
  }

  /** The counts a tally keeps, as the report writes them for the show and for each item. */
  private static Map<String, Long> tally(JsonNode figures) {
    return Figures.whole(figures, "clicks", "clickers", "orders", "units", "gmvCents", "paidOrders", "paidGmvCents",
        "refundCents", "orderers", "buyers");
  }

  private static void assertPriceChange(JsonNode change, long ts, long from, long to, boolean revert) {
    assertThat(change.get("ts").asLong()).isEqualTo(ts);
    assertThat(change.get("from").asLong()).isEqualTo(from);
    assertThat(change.get("to").asLong()).isEqualTo(to);
    assertThat(change.get("by").asText()).isEqualTo("control");
    assertThat(change.get("revert").asBoolean()).isEqualTo(revert);
  }

  private static void assertCue(JsonNode cue, long ts, String itemId, String segment) {
    assertThat(cue.get("ts").asLong()).isEqualTo(ts);
    assertThat(cue.path("itemId").asText(null)).isEqualTo(itemId);
    assertThat(cue.path("segment").asText(null)).isEqualTo(segment);
  }

  private static ItemSpec item(String id, ItemRole role, String name, long list, long live, long stock,
      long plannedSeconds, List<Tier> tiers, int winners) {
    return new ItemSpec(id, role, name, list, live, null, stock, null, plannedSeconds, "脚本 " + name, List.of(),
        null, null, tiers, winners);
  }

  private static byte[] counting() {
    byte[] seed = new byte[32];
    for (int i = 0; i < seed.length; i++) {
      seed[i] = (byte) i;
    }
    return seed;
  }
}
