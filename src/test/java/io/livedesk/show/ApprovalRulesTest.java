package io.livedesk.show;

import static io.livedesk.show.Scenario.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.livedesk.lottery.VerifiableDraw;
import io.livedesk.show.Command.CreateCoupon;
import io.livedesk.show.Command.DenyApproval;
import io.livedesk.show.Command.Expire;
import io.livedesk.show.Command.GrantApproval;
import io.livedesk.show.Command.ScheduleFlash;
import io.livedesk.show.Command.SetPrice;
import io.livedesk.show.Event.ApprovalDenied;
import io.livedesk.show.Event.ApprovalExpired;
import io.livedesk.show.Event.ApprovalGranted;
import io.livedesk.show.Event.ApprovalRequested;
import io.livedesk.show.Event.PriceChanged;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("two-person rule: deep cuts wait for a second staff member")
class ApprovalRulesTest {

  private static final Actor ADMIN = new Actor(Actor.Role.ADMIN, "admin");
  private static final ApprovalRule RULE = new ApprovalRule(0.3, 300);

  /** GRAPE lists at 100 yuan and sells at 88; PEAR lists at 40 yuan. The rule: more than 30 % off waits. */
  private final Scenario show = live(RULE);

  static Scenario live(ApprovalRule rule) {
    ShowMeta meta = new ShowMeta("s-approval", "Fruit time", null, 120, false, T0 - 60_000, rule);
    Scenario show = Scenario.of(meta, ShowRules.defaults()).at(T0);
    show.given(Actor.CONTROL, new Command.LoadRunSheet(new RunSheet(null, null, List.of(
        new ItemSpec("GRAPE", ItemRole.MAIN, "grape", 10_000, 8_800, null, 100, null, 300, null, List.of(), null,
            null, List.of(), 0),
        new ItemSpec("PEAR", ItemRole.MAIN, "pear", 4_000, 4_000, null, 100, null, 300, null, List.of(), null,
            null, List.of(), 0)))));
    show.given(Actor.CONTROL, new Command.StartShow());
    show.given(Actor.CONTROL, new Command.ListItem("GRAPE"));
    show.given(Actor.CONTROL, new Command.ListItem("PEAR"));
    return show;
  }

  private String request(Actor actor, Command command) {
    Map<String, Object> result = show.given(actor, command);
    assertThat(result).containsEntry("pending", true).containsKey("expiresAt");
    return (String) result.get("approvalId");
  }

  @Test
  @DisplayName("a cut within the fraction applies at once")
  void smallCutAppliesAtOnce() {
    show.when(new SetPrice("GRAPE", 7_000, false)).then(new PriceChanged("GRAPE", 8_800, 7_000, false, false));
  }

  @Test
  @DisplayName("a deeper cut is answered pending, records the request in full and leaves the price as it was")
  void deepCutWaits() {
    SetPrice cut = new SetPrice("GRAPE", 6_000, false);
    String id = request(Actor.CONTROL, cut);
    Event last = show.history().get(show.history().size() - 1).event();
    assertThat(last).isEqualTo(new ApprovalRequested(id, "item.set_price", cut, null, null, "GRAPE", 10_000, 6_000,
        0.3, Actor.CONTROL, T0 + 300_000));
    assertThat(show.item("GRAPE").livePriceCents()).isEqualTo(8_800);
    assertThat(show.state().approvals().pending()).extracting(Approvals.Pending::id).containsExactly(id);
    assertThat(show.state().nextDeadline()).isEqualTo(T0 + 300_000);
  }

  @Test
  @DisplayName("another staff identity grants it: the grant and the price change in one decision, in the audit")
  void grantByAnotherApplies() {
    String id = request(Actor.CONTROL, new SetPrice("GRAPE", 6_000, false));
    Map<String, Object> result = show.when(ADMIN, new GrantApproval(id))
        .then(new ApprovalGranted(id), new PriceChanged("GRAPE", 8_800, 6_000, false, false));
    assertThat(result).containsEntry("approvalId", id).containsEntry("priceCents", 6_000L);
    assertThat(show.state().approvals().pending()).isEmpty();
    assertThat(show.state().priceChanges()).last().extracting(PriceChange::toCents, PriceChange::by)
        .containsExactly(6_000L, ADMIN);
  }

  @Test
  @DisplayName("the one who asked cannot grant their own request")
  void selfGrantRefused() {
    String id = request(Actor.CONTROL, new SetPrice("GRAPE", 6_000, false));
    show.when(Actor.CONTROL, new GrantApproval(id)).rejectedWith(ErrorCode.FORBIDDEN);
    String byAdmin = request(ADMIN, new SetPrice("PEAR", 2_500, false));
    show.when(ADMIN, new GrantApproval(byAdmin)).rejectedWith(ErrorCode.FORBIDDEN);
    show.when(Actor.CONTROL, new GrantApproval(byAdmin)).then(new ApprovalGranted(byAdmin),
        new PriceChanged("PEAR", 4_000, 2_500, false, false));
  }

  @Test
  @DisplayName("a denied request is dropped; granting it afterwards is a conflict, an unknown id not found")
  void denyDrops() {
    String id = request(Actor.CONTROL, new SetPrice("GRAPE", 6_000, false));
    show.when(Actor.CONTROL, new DenyApproval(id)).then(new ApprovalDenied(id));
    show.when(ADMIN, new GrantApproval(id)).rejectedWith(ErrorCode.CONFLICT);
    show.when(ADMIN, new DenyApproval(id)).rejectedWith(ErrorCode.CONFLICT);
    show.when(ADMIN, new GrantApproval("ap999")).rejectedWith(ErrorCode.NOT_FOUND);
    assertThat(show.item("GRAPE").livePriceCents()).isEqualTo(8_800);
  }

  @Test
  @DisplayName("a request runs out by the clock; granting it then is a conflict")
  void expires() {
    String id = request(Actor.CONTROL, new SetPrice("GRAPE", 6_000, false));
    show.at(T0 + 299_999);
    show.when(Actor.SYSTEM, new Expire()).thenNothing();
    show.when(ADMIN, new GrantApproval("nothing")).rejectedWith(ErrorCode.NOT_FOUND);
    show.at(T0 + 300_000);
    show.when(ADMIN, new GrantApproval(id)).rejectedWith(ErrorCode.CONFLICT);
    show.when(Actor.SYSTEM, new Expire()).then(new ApprovalExpired(id));
    show.when(ADMIN, new GrantApproval(id)).rejectedWith(ErrorCode.CONFLICT);
    assertThat(show.state().nextDeadline()).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  @DisplayName("the price guard judges again at grant time: a coupon created since makes the grant refused")
  void guardAtGrantTime() {
    String id = request(Actor.CONTROL, new SetPrice("GRAPE", 6_000, false));
    // 15 yuan off is within the rule on its own, but with it one unit at 60 yuan sells at 45: below half of list
    show.given(Actor.CONTROL, new CreateCoupon("C1", "立减15", 1_500, null, List.of("GRAPE"), 10, 1, null, false));
    show.when(ADMIN, new GrantApproval(id)).rejectedWith(ErrorCode.PRICE_GUARD);
    assertThat(show.state().approvals().pending(id)).isNotNull();
    assertThat(show.item("GRAPE").livePriceCents()).isEqualTo(8_800);
  }

  @Test
  @DisplayName("a restart keeps the waiting request and its deadline")
  void restartKeepsPending() {
    String id = request(Actor.CONTROL, new SetPrice("GRAPE", 6_000, false));
    ShowState copy = show.state().copy();
    show.when(Actor.CONTROL, new DenyApproval(id)).then(new ApprovalDenied(id));
    assertThat(copy.approvals().pending()).as("a copy is independent").extracting(Approvals.Pending::id)
        .containsExactly(id);
    ShowState restarted = new ShowState(show.state().meta(), new VerifiableDraw());
    show.history().subList(0, show.history().size() - 1).forEach(restarted::evolve);
    assertThat(restarted.approvals().pending()).extracting(Approvals.Pending::id).containsExactly(id);
    assertThat(restarted.nextDeadline()).isEqualTo(T0 + 300_000);
    ShowDecider decider = new ShowDecider(ShowRules.defaults(), new VerifiableDraw());
    Decision expired = decider.decide(restarted, Request.of(Actor.SYSTEM, new Expire()), T0 + 300_000);
    assertThat(((Decision.Accepted) expired).events()).containsExactly(new ApprovalExpired(id));
    Decision granted = decider.decide(restarted, Request.of(ADMIN, new GrantApproval(id)), T0 + 1_000);
    assertThat(((Decision.Accepted) granted).events()).containsExactly(new ApprovalGranted(id),
        new PriceChanged("GRAPE", 8_800, 6_000, false, false));
  }

  @Test
  @DisplayName("a deep flash sale waits too, and is scheduled from the time it is granted")
  void flashWaits() {
    ScheduleFlash flash = new ScheduleFlash("GRAPE", 5_000, 10, 60, null, null, false);
    String id = request(Actor.CONTROL, flash);
    assertThat(show.state().promotions().flashes()).isEmpty();
    show.at(T0 + 20_000);
    List<Event> events = show.when(ADMIN, new GrantApproval(id)).accepted().events();
    assertThat(events).first().isEqualTo(new ApprovalGranted(id));
    assertThat(events).element(1).isInstanceOf(Event.FlashScheduled.class)
        .extracting(e -> ((Event.FlashScheduled) e).startsAt()).isEqualTo(T0 + 30_000);
  }

  @Test
  @DisplayName("a coupon waits when its amount off is more than the fraction of the larger of its minimum spend and its cheapest item")
  void couponRule() {
    // cheapest item PEAR lists at 40 yuan: 13 yuan off is 32.5 %
    CreateCoupon deep = new CreateCoupon("C1", "立减13", 1_300, null, null, 10, 1, null, false);
    String id = request(Actor.CONTROL, deep);
    ApprovalRequested asked = (ApprovalRequested) show.history().get(show.history().size() - 1).event();
    assertThat(asked.coupon()).isEqualTo(deep);
    assertThat(asked.itemId()).isEqualTo("PEAR");
    assertThat(asked.toCents()).isEqualTo(2_700);
    assertThat(show.state().promotions().coupons()).isEmpty();
    // with a minimum spend of 50 yuan the same 13 yuan is 26 %
    show.when(new CreateCoupon("C2", "满50减13", 1_300, 5_000L, null, 10, 1, null, false)).accepted();
    show.when(ADMIN, new GrantApproval(id)).accepted();
    assertThat(show.state().promotions().coupon("C1")).isNotNull();
  }

  @Test
  @DisplayName("at most 20 requests wait at once")
  void bounded() {
    for (int i = 0; i < ApprovalRule.MAX_PENDING; i++) {
      request(Actor.CONTROL, new SetPrice("GRAPE", 6_000 - i, false));
    }
    show.when(new SetPrice("GRAPE", 5_000, false)).rejectedWith(ErrorCode.LIMIT_EXCEEDED);
  }

  @Test
  @DisplayName("control and admin ask, grant and deny; the prompter and viewers may do none of it")
  void staffOnly() {
    String id = request(ADMIN, new SetPrice("GRAPE", 6_000, false));
    show.when(Actor.PROMPTER, new GrantApproval(id)).rejectedWith(ErrorCode.FORBIDDEN);
    show.when(Actor.viewer("v1"), new GrantApproval(id)).rejectedWith(ErrorCode.FORBIDDEN);
    show.when(Actor.PROMPTER, new DenyApproval(id)).rejectedWith(ErrorCode.FORBIDDEN);
    show.when(Actor.CONTROL, new DenyApproval(id)).then(new ApprovalDenied(id));
  }

  @Test
  @DisplayName("a fraction outside (0, 1] or a lifetime out of range is refused")
  void ruleBounds() {
    for (double fraction : new double[] {0, -0.1, 1.01, Double.NaN, 0.00001}) {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ApprovalRule(fraction, 300))
          .isInstanceOf(ShowError.class);
    }
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ApprovalRule(0.3, 5)).isInstanceOf(ShowError.class);
    assertThat(new ApprovalRule(1, 300).needsApproval(10_000, 10_000)).isFalse();
  }
}
