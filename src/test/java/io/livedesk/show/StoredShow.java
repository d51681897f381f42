package io.livedesk.show;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.livedesk.engine.Audience;
import io.livedesk.engine.WireFrames;
import io.livedesk.json.Json;
import io.livedesk.lottery.VerifiableDraw;
import io.livedesk.report.ShowFigures;
import io.livedesk.report.ReportFacts;
import io.livedesk.report.ShowReport;
import io.livedesk.store.ShowRecord;
import java.util.List;
import java.util.Map;

/**
 * The show whose stored bytes are committed under {@code src/test/resources/stored/}: played command by
 * command through the decider at known times, so that its history holds every kind of event, and folded
 * the way a replay folds it. T0 is when its run-sheet is loaded; "at(100, …)" means T0 + 100 s.
 */
public final class StoredShow {

  public static final String SHOW_ID = "s-stored";
  private static final long T0 = 1_760_000_000_000L;
  /** When the show is folded for its snapshot: a minute after it ended. */
  private static final long SNAPSHOT_AT = T0 + 500_000;
  public static final ShowRecord RECORD = new ShowRecord(new ShowMeta(SHOW_ID, "存储样本场", T0, 30, false, T0 - 7_200_000),
      "hash-of-the-control-token", "hash-of-the-prompter-token");

  private static final String NODE = "n1";
  private static final String OTHER_NODE = "n2";
  /** The bytes 0x00…0x1f: the lottery's secret seed. */
  private static final byte[] SEED = counting();

  private final Scenario show;

  private StoredShow(Scenario show) {
    this.show = show;
  }

  /** The show's history, from its run-sheet to the refunds its tier owes at the end. */
  public static List<Recorded> play() {
    ItemSpec cup = new ItemSpec("A", ItemRole.MAIN, "保温杯", 10_000, 8_000, 6_000L, 100, 5, 120, "介绍保温杯",
        List.of("双层", "真空"), "https://shop.example/a", "https://img.example/a.png", List.of(new Tier(2, 7_000)), 0);
    ItemSpec coat = new ItemSpec("B", ItemRole.MAIN, "羽绒服", 50_000, 40_000, null, 3, null, 180, null, List.of(),
        null, null, List.of(), 0);
    ItemSpec mask = new ItemSpec("K", ItemRole.BACKUP, "备用面膜", 5_000, 4_000, null, 10, null, 0, null, List.of(),
        null, null, List.of(), 0);
    ItemSpec prize = new ItemSpec("P", ItemRole.LOTTERY, "福袋", 0, 0, null, 0, null, 0, null, List.of(), null, null,
        List.of(), 2);
    // orders hold their stock for 120 s, so an unpaid order expires within the show
    Scenario show = Scenario.of(new ShowMeta(SHOW_ID, "timeline", null, 120, false, T0),
        new ShowRules(5000, 120_000, false)).at(T0);
    show.given(Actor.CONTROL, new Command.LoadRunSheet(new RunSheet(null, null, List.of(cup, coat, mask, prize))));
    StoredShow stored = new StoredShow(show);
    stored.script();
    return stored.show.history();
  }

  /** What the history folds to: the staff's snapshot and the report, as of {@link #SNAPSHOT_AT}. */
  public static ObjectNode folded(List<Recorded> history) {
    ShowState state = new ShowState(RECORD.meta(), new VerifiableDraw());
    ShowFigures figures = new ShowFigures();
    for (Recorded recorded : history) {
      state.evolve(recorded);
      figures.apply(recorded, state);
    }
    ObjectNode folded = Json.object();
    folded.set("snapshot", WireFrames.snapshot(state, figures, Audience.STAFF, SNAPSHOT_AT));
    folded.set("report", ShowReport.build(ReportFacts.of(state, figures, SNAPSHOT_AT)));
    return folded;
  }

  private void script() {
    at(70, viewer("v1"), new Command.Join(NODE));
    at(100, Actor.CONTROL, new Command.StartShow());
    at(110, viewer("v2"), new Command.Join(NODE));
    at(120, viewer("v2"), new Command.Join(OTHER_NODE));
    at(130, Actor.CONTROL, new Command.CueGo("A", null, true));
    at(140, viewer("v1"), new Command.Click("A"));
    String paidA = (String) at(150, viewer("v1"), new Command.PlaceOrder("A", 2), "order-key-1").get("orderId");
    at(160, Actor.CONTROL, new Command.SetPrice("A", 7_500, false));
    at(165, Actor.PROMPTER, new Command.Ack(null, show.state().seq()));
    String noteId = (String) at(170, Actor.CONTROL, new Command.SendNote("慢一点")).get("noteId");
    at(172, Actor.PROMPTER, new Command.Ack(noteId, null));
    String announcementId = (String) at(175, Actor.CONTROL, new Command.PublishAnnouncement("满299减30", true))
        .get("announcementId");
    at(178, Actor.CONTROL, new Command.RetractAnnouncement(announcementId));
    String troubledA = (String) at(180, viewer("v3"), new Command.PlaceOrder("A", 1)).get("orderId");
    at(190, Actor.PAYMENT, payment(paidA, "PAID", "pay-1"));
    at(195, Actor.PAYMENT, new Command.RecordPayment(troubledA, "PAID", "pay-2", 1));
    at(200, Actor.PAYMENT, payment(troubledA, "FAILED", "pay-3"));
    at(205, viewer("v3"), new Command.CancelOrder(troubledA));
    at(210, Actor.PAYMENT, payment(troubledA, "PAID", "pay-4"));

    at(220, Actor.CONTROL, new Command.CueGo("B", null, true));
    at(225, Actor.CONTROL, new Command.SetPrice("B", 15_000, true));
    at(230, Actor.CONTROL, new Command.RevertPrice("B"));
    at(235, Actor.CONTROL, new Command.AddStock("B", 2));
    at(240, viewer("v4"), new Command.PlaceOrder("B", 5));
    at(250, viewer("v4"), new Command.Subscribe());
    at(260, Actor.CONTROL, new Command.SwapItem("A", "K"));
    at(270, Actor.CONTROL, new Command.DelistItem("A"));

    String lotteryId = (String) at(280, Actor.CONTROL,
        new Command.OpenLottery("P", 1, new LotteryRule(LotteryRule.Type.KEYWORD, "ＶＩＰ"), 30, SEED)).get("lotteryId");
    at(285, viewer("v1"), new Command.EnterLottery(lotteryId, "vip"));
    at(286, viewer("v3"), new Command.EnterLottery(lotteryId, "VIP"));
    at(287, viewer("v4"), new Command.EnterLottery(lotteryId, "ｖｉｐ"));
    at(315, Actor.SYSTEM, new Command.Expire());
    at(320, Actor.CONTROL, new Command.DrawLottery(lotteryId));
    at(370, Actor.SYSTEM, new Command.Expire());
    at(380, viewer("v2"), new Command.Leave(NODE));
    at(390, Actor.SYSTEM, new Command.DropNode(OTHER_NODE));
    at(400, Actor.CONTROL, new Command.CueGo(null, "closing", false));

    // promotions (docs/protocol.md §Promotions): a flash sale on the backup, a coupon claimed and used on it
    at(401, Actor.CONTROL, new Command.ListItem("K"));
    at(402, Actor.CONTROL, new Command.ScheduleFlash("K", 3_500, 1, 20, 2L, 1, false));
    at(403, Actor.SYSTEM, new Command.Expire());
    at(404, Actor.CONTROL, new Command.CreateCoupon("C1", "立减5元", 500, 3_000L, List.of("K"), 10, 1, null, false));
    at(405, Actor.CONTROL, new Command.IssueCoupon("C1"));
    at(406, viewer("v1"), new Command.ClaimCoupon("C1"));
    at(407, viewer("v1"), new Command.PlaceOrder("K", 1, 3_500L, "C1"));
    at(408, Actor.CONTROL, new Command.StopCoupon("C1"));
    at(423, Actor.SYSTEM, new Command.Expire());
    at(440, Actor.CONTROL, new Command.EndShow());
    // a reservation is taken while the show is a draft; it is recorded here, after the end, as the store would
    // hold it, so that every line committed before it stays as it was (CONTRIBUTING.md §Stored bytes)
    show.at(T0 + 450_000).and(viewer("v5"), new Event.ViewerReserved("v5"));
    // comments (docs/protocol.md §Comments) need a live show; recorded after the end for the same reason
    String question = "m" + (show.state().seq() + 1);
    show.at(T0 + 451_000).and(viewer("v1"), new Event.CommentPosted(question, "v1", "包邮吗？", null));
    show.at(T0 + 452_000).and(new Event.CommentReplied(question, "全国包邮", true));
    show.at(T0 + 453_000).and(new Event.ViewerMuted("v3", T0 + 513_000));
    show.at(T0 + 454_000).and(new Event.WordsBlocked(List.of("加微信")));
    String troll = "m" + (show.state().seq() + 1);
    show.at(T0 + 455_000).and(viewer("v3"), new Event.CommentPosted(troll, "v3", "加 微 信", true));
    show.at(T0 + 456_000).and(new Event.CommentPinned(question, "v1", "包邮吗？"));
    show.at(T0 + 457_000).and(new Event.CommentReplied(question, "今晚下单都包邮", null));
    show.at(T0 + 458_000).and(new Event.CommentUnpinned(question));
    show.at(T0 + 459_000).and(new Event.CommentHidden(troll));
    // the two-person rule (docs/protocol.md §Two-person rule) holds cuts of a live show; recorded after the end
    // for the same reason: a price cut granted by the admin, a flash sale denied, a coupon whose request ran out
    Actor admin = new Actor(Actor.Role.ADMIN, "admin");
    String cut = "ap" + (show.state().seq() + 1);
    show.at(T0 + 460_000).and(new Event.ApprovalRequested(cut, "item.set_price", new Command.SetPrice("B", 30_000, false),
        null, null, "B", 50_000, 30_000, 0.3, Actor.CONTROL, T0 + 760_000));
    show.at(T0 + 461_000).and(admin, new Event.ApprovalGranted(cut),
        new Event.PriceChanged("B", 40_000, 30_000, false, false));
    String flash = "ap" + (show.state().seq() + 1);
    show.at(T0 + 462_000).and(new Event.ApprovalRequested(flash, "flash.schedule", null,
        new Command.ScheduleFlash("A", 6_000, null, 60, null, null, false), null, "A", 10_000, 6_000, 0.3,
        Actor.CONTROL, T0 + 762_000));
    show.at(T0 + 463_000).and(admin, new Event.ApprovalDenied(flash));
    String coupon = "ap" + (show.state().seq() + 1);
    show.at(T0 + 464_000).and(admin, new Event.ApprovalRequested(coupon, "coupon.create", null, null,
        new Command.CreateCoupon(null, "立减20元", 2_000, null, List.of("K"), 5, null, null, false), "K", 5_000, 3_000,
        0.3, admin, T0 + 474_000));
    show.at(T0 + 474_000).and(Actor.SYSTEM, new Event.ApprovalExpired(coupon));
    // a member signed in with a password acts under their login and name (docs/protocol.md §People)
    long price = show.state().item("B").livePriceCents();
    show.at(T0 + 475_000).and(Actor.member(Actor.Role.CONTROL, "li.na", "李娜"),
        new Event.PriceChanged("B", price, price - 100, false, false));
  }

  private Command.RecordPayment payment(String orderId, String status, String paymentId) {
    return show.payment(orderId, status, paymentId);
  }

  private Map<String, Object> at(long seconds, Actor actor, Command command) {
    return at(seconds, actor, command, null);
  }

  /** Decides the command at T0 + seconds; it must be accepted. */
  private Map<String, Object> at(long seconds, Actor actor, Command command, String key) {
    return show.at(T0 + seconds * 1000).given(actor, command, key);
  }

  private static Actor viewer(String id) {
    return Actor.viewer(id);
  }

  private static byte[] counting() {
    byte[] seed = new byte[32];
    for (int i = 0; i < seed.length; i++) {
      seed[i] = (byte) i;
    }
    return seed;
  }
}
