package io.livedesk.show;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.livedesk.engine.Audience;
import io.livedesk.engine.WireFrames;
import io.livedesk.lottery.VerifiableDraw;
import io.livedesk.report.ShowFigures;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ShowStateCopyTest {

  private static final VerifiableDraw DRAW = new VerifiableDraw();
  private static final ShowDecider DECIDER = new ShowDecider(ShowRules.defaults(), DRAW);
  private static final long T0 = 1_760_000_000_000L;
  private static final byte[] SEED = new byte[32];
  /** When the commands after the copy are decided: the richShow's keyword lottery is still open. */
  private static final long LATER = T0 + 30_000;

  @Test
  @DisplayName("a copy of a state that has seen everything looks the same and decides the same from then on")
  void copyBehavesAsTheOriginal() {
    ShowState original = richShow();
    ShowState copy = original.copy();

    assertThat(snapshot(copy)).isEqualTo(snapshot(original));
    String keywordLottery = lastLottery(original);
    List<Request> next = List.of(
        Request.of(Actor.viewer("v1"), new Command.PlaceOrder(Sheet.GRAPE, 1)),
        Request.of(Actor.viewer("v2"), new Command.CancelOrder(pendingOrderOf(original, "v2"))),
        Request.of(Actor.CONTROL, new Command.RevertPrice(Sheet.CHERRY)),
        Request.of(Actor.viewer("v3"), new Command.EnterLottery(keywordLottery, "vip")),
        Request.of(Actor.viewer("v3"), new Command.EnterLottery(keywordLottery, "vip")),
        new Request(Actor.viewer("v1"), new Command.PlaceOrder(Sheet.GRAPE, 1), "k-1"));
    for (Request request : next) {
      assertThat(describe(apply(copy, request, LATER))).as(request.command().name())
          .isEqualTo(describe(apply(original, request, LATER)));
    }
    Request expire = Request.of(Actor.SYSTEM, new Command.Expire());
    assertThat(describe(apply(copy, expire, T0 + 3_600_000))).isEqualTo(describe(apply(original, expire, T0 + 3_600_000)));
    assertThat(snapshot(copy)).isEqualTo(snapshot(original));
  }

  @Test
  @DisplayName("changing the copy leaves the original as it was")
  void copyIsIndependent() {
    ShowState original = richShow();
    JsonNode before = snapshot(original);
    ShowState copy = original.copy();

    String keywordLottery = lastLottery(original);
    String pending = pendingOrderOf(original, "v2");
    for (Request request : List.of(
        Request.of(Actor.viewer("v9"), new Command.Join("n2")),
        Request.of(Actor.viewer("v9"), new Command.PlaceOrder(Sheet.CHERRY, 1)),
        Request.of(Actor.CONTROL, new Command.SetPrice(Sheet.GRAPE, 7_900, false)),
        Request.of(Actor.viewer("v9"), new Command.EnterLottery(keywordLottery, "VIP")),
        Request.of(Actor.PAYMENT, new Command.RecordPayment(pending, "PAID", "p-1", original.order(pending).terms().amountCents())))) {
      assertThat(apply(copy, request, LATER)).as(request.command().name()).isInstanceOf(Decision.Accepted.class);
    }

    assertThat(snapshot(original)).isEqualTo(before);
    assertThat(snapshot(copy)).isNotEqualTo(before);
    assertThat(original.lottery(keywordLottery).entrantCount()).isEqualTo(1);
    assertThat(copy.lottery(keywordLottery).entrantCount()).isEqualTo(2);
    assertThat(original.order(pending).status()).isEqualTo(OrderState.Status.PENDING);
    assertThat(copy.order(pending).status()).isEqualTo(OrderState.Status.PAID);
  }

  @Test
  @DisplayName("every field of the state is one copy() knows about")
  void copyKnowsEveryField() {
    List<String> fields = Arrays.stream(ShowState.class.getDeclaredFields())
        .filter(field -> !Modifier.isStatic(field.getModifiers()))
        .map(Field::getName)
        .toList();

    // a field added to ShowState must be copied in ShowState.copy(), then listed here
    assertThat(fields).containsExactlyInAnyOrder("meta", "lotteryAlgorithm", "seq", "lastTs", "status", "startedAt",
        "endedAt", "sheet", "running", "items", "cue", "announcements", "notes", "priceChanges", "priceAckedThrough",
        "lotteries", "presence", "subscribers", "reservations", "ordersByViewer", "orders", "liveUnitsByViewerItem", "holds", "answered",
        "promotions", "comments", "approvals");
  }

  /** A show that has been through a bit of everything: presence, orders in every state, prices, a lottery. */
  private static ShowState richShow() {
    ShowState state = new ShowState(new ShowMeta("s-copy", "copy", null, 120, false, T0), DRAW);
    long t = T0;
    apply(state, Request.of(Actor.CONTROL, new Command.LoadRunSheet(Sheet.SHEET)), t);
    apply(state, Request.of(Actor.CONTROL, new Command.StartShow()), t);
    apply(state, Request.of(Actor.CONTROL, new Command.CueGo(Sheet.CHERRY, null, true)), t += 1000);
    apply(state, Request.of(Actor.CONTROL, new Command.ListItem(Sheet.GRAPE)), t);
    for (String viewer : List.of("v1", "v2", "v3")) {
      apply(state, Request.of(Actor.viewer(viewer), new Command.Join("n1")), t += 1000);
      apply(state, Request.of(Actor.viewer(viewer), new Command.Click(Sheet.CHERRY)), t);
    }
    apply(state, Request.of(Actor.viewer("v2"), new Command.Subscribe()), t);
    Decision cherry = apply(state, new Request(Actor.viewer("v1"), new Command.PlaceOrder(Sheet.CHERRY, 2), "k-1"),
        t += 1000);
    String paid = (String) ((Decision.Accepted) cherry).result().get("orderId");
    apply(state, Request.of(Actor.viewer("v2"), new Command.PlaceOrder(Sheet.GRAPE, 1)), t += 1000);
    apply(state, Request.of(Actor.PAYMENT, new Command.RecordPayment(paid, "PAID", "pay-13",
        state.order(paid).terms().amountCents())), t += 1000);
    apply(state, Request.of(Actor.viewer("v3"), new Command.PlaceOrder(Sheet.GRAPE, 1)), t += 1000);
    apply(state, Request.of(Actor.viewer("v2"), new Command.PlaceOrder(Sheet.DURIAN, 1)), t);
    apply(state, Request.of(Actor.viewer("v3"), new Command.Leave("n1")), t += 1000);
    apply(state, Request.of(Actor.CONTROL, new Command.SetPrice(Sheet.CHERRY, 39_900, false)), t += 1000);
    apply(state, Request.of(Actor.CONTROL, new Command.PublishAnnouncement("今晚包邮", true)), t);
    apply(state, Request.of(Actor.CONTROL, new Command.SendNote("再推一次")), t);
    apply(state, Request.of(Actor.PROMPTER, new Command.Ack(null, state.seq())), t);
    apply(state, Request.of(Actor.CONTROL, new Command.SwapItem(Sheet.DURIAN, Sheet.PEACH)), t);
    apply(state, Request.of(Actor.CONTROL, new Command.OpenLottery(Sheet.PRIZE, 1,
        new LotteryRule(LotteryRule.Type.ANY, null), null, SEED)), t += 1000);
    apply(state, Request.of(Actor.viewer("v1"), new Command.EnterLottery(lastLottery(state), null)), t);
    apply(state, Request.of(Actor.CONTROL, new Command.CloseLottery(lastLottery(state))), t);
    apply(state, Request.of(Actor.CONTROL, new Command.DrawLottery(lastLottery(state))), t);
    apply(state, Request.of(Actor.CONTROL, new Command.OpenLottery(Sheet.PRIZE, 1,
        new LotteryRule(LotteryRule.Type.KEYWORD, "VIP"), 60, SEED)), t += 1000);
    apply(state, Request.of(Actor.viewer("v1"), new Command.EnterLottery(lastLottery(state), "vip")), t);
    assertThat(LATER).as("later commands fall within the keyword lottery's minute").isLessThan(t + 60_000);
    return state;
  }

  private static String pendingOrderOf(ShowState state, String viewer) {
    return state.orders().stream()
        .filter(order -> order.terms().viewerId().equals(viewer) && order.status() == OrderState.Status.PENDING)
        .map(OrderState::id).sorted().findFirst().orElseThrow();
  }

  /** A decision as text: rejections compare by code and message, not by exception identity. */
  private static String describe(Decision decision) {
    if (decision instanceof Decision.Rejected rejected) {
      return "rejected " + rejected.error().code() + ": " + rejected.error().getMessage();
    }
    return decision.toString();
  }

  private static String lastLottery(ShowState state) {
    LotteryState last = null;
    for (LotteryState lottery : state.lotteries()) {
      last = lottery;
    }
    return last.id();
  }

  private static Decision apply(ShowState state, Request request, long now) {
    Decision decision = DECIDER.decide(state, request, now);
    if (decision instanceof Decision.Accepted accepted) {
      List<Event> events = accepted.events();
      for (int i = 0; i < events.size(); i++) {
        boolean last = i == events.size() - 1;
        state.evolve(new Recorded(state.seq() + 1, now, request.actor(), last ? request.key() : null,
            last && request.key() != null ? accepted.result() : null, events.get(i)));
      }
    }
    return decision;
  }

  private static JsonNode snapshot(ShowState state) {
    return WireFrames.snapshot(state, new ShowFigures(), Audience.STAFF, T0 + 900_000);
  }
}
