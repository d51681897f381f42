package io.livedesk.http;

import static io.livedesk.testing.Futures.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.livedesk.engine.Fanout;
import io.livedesk.engine.ShowReplica;
import io.livedesk.json.Json;
import io.livedesk.lottery.VerifiableDraw;
import io.livedesk.report.ShowFigures;
import io.livedesk.report.ReportFacts;
import io.livedesk.report.ShowReport;
import io.livedesk.report.ShowReports;
import io.livedesk.show.Actor;
import io.livedesk.show.Command;
import io.livedesk.show.Decision;
import io.livedesk.show.Event;
import io.livedesk.show.ItemRole;
import io.livedesk.show.ItemSpec;
import io.livedesk.show.LotteryRule;
import io.livedesk.show.Recorded;
import io.livedesk.show.Request;
import io.livedesk.show.RunSheet;
import io.livedesk.show.ShowDecider;
import io.livedesk.show.ShowMeta;
import io.livedesk.show.ShowRules;
import io.livedesk.show.ShowState;
import io.livedesk.show.Tier;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * docs/protocol.md §Limits that protect the show: the show's context only copies what the report reads, the
 * back office builds it. A scripted show is folded into a real replica on an event-loop context of its own;
 * report requests come from another context, as an HTTP request's would. "t=70" means T0 + 70 s.
 */
@DisplayName("a report is built in the back office, never on the show's context, and says what the on-loop build says")
class ReportOffTheLoopTest {

  private static final long T0 = 1_700_000_000_000L;
  private static final String NODE = "n1";

  private final VerifiableDraw draw = new VerifiableDraw();
  private final ShowDecider decider = new ShowDecider(new ShowRules(5000, 120_000, false), draw);
  private final ShowMeta meta = new ShowMeta("s-offloop", "周五晚场", null, 10, false, T0 - 3_600_000);
  private final ShowState script = new ShowState(meta, draw);
  private final List<Recorded> unfolded = new ArrayList<>();
  private final AtomicLong clock = new AtomicLong(T0);
  private Vertx vertx;
  private Context requestContext;
  private ShowReplica replica;
  private BackOffice backOffice;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    Context showContext = vertx.getOrCreateContext();
    requestContext = vertx.getOrCreateContext();
    replica = new ShowReplica(vertx, showContext, meta, draw, Fanout.window(100), clock::get);
    backOffice = new BackOffice(vertx);
  }

  @AfterEach
  void stop() throws Exception {
    await(vertx.close());
  }

  @Test
  @DisplayName("while the build runs, on a back-office thread, the show's context goes on answering")
  void builtInTheBackOffice() throws Exception {
    playFirstHalf();
    Thread showThread = await(replica.query((state, figures, now) -> Thread.currentThread()));
    CountDownLatch building = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicReference<Thread> builder = new AtomicReference<>();
    ReportDesk desk = new ReportDesk(backOffice, new ShowReports(facts -> {
      builder.set(Thread.currentThread());
      building.countDown();
      try {
        release.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return ShowReport.build(facts);
    }));

    Future<String> report = fromRequest(() -> desk.report(replica::query, Json::text));
    assertThat(building.await(10, TimeUnit.SECONDS)).isTrue();
    // the build is held where it runs; a read of the show is answered all the same
    long seq = await(replica.query((state, figures, now) -> state.seq()));
    assertThat(seq).isEqualTo(script.seq());
    release.countDown();
    String text = await(report);

    assertThat(builder.get()).isNotSameAs(showThread);
    assertThat(builder.get().getName()).startsWith("livedesk-back-office");
    assertThat(text).isEqualTo(await(replica.query(ReportOffTheLoopTest::builtOnTheLoop)));
  }

  @Test
  @DisplayName("a live show's report is the on-loop build's as of the request, whatever the show does next; so is an ended one's")
  void sameAsTheOnLoopBuild() throws Exception {
    ShowReports reports = new ShowReports();
    playFirstHalf();
    clock.set(T0 + 125_000);
    // in one task on the show's context: what the back office gets, and the report built there the old way
    Map.Entry<ShowReports.Request, String> asked = await(replica.query((state, figures, now) ->
        Map.entry(reports.prepare(state, figures, now), builtOnTheLoop(state, figures, now))));
    playSecondHalf();

    String live = Json.text(reports.report(asked.getKey()));
    assertThat(live).isEqualTo(asked.getValue());
    JsonNode liveReport = Json.parse(live);
    assertThat(liveReport.at("/show/status").asText()).isEqualTo("live");
    // t=125: o1 2×¥80 and o2 1×¥75 placed, o1 paid and due 2×¥70 at the tier it reached
    assertThat(liveReport.at("/totals/gmvCents").asLong()).isEqualTo(23_500);
    assertThat(liveReport.at("/totals/paidGmvCents").asLong()).isEqualTo(14_000);
    assertThat(liveReport.get("timeline")).hasSize(3);
    assertThat(liveReport.get("lotteries")).isEmpty();

    clock.set(T0 + 999_000);
    ReportDesk desk = new ReportDesk(backOffice, reports);
    String ended = await(fromRequest(() -> desk.report(replica::query, Json::text)));
    assertThat(ended).isEqualTo(await(replica.query(ReportOffTheLoopTest::builtOnTheLoop)));
    JsonNode endedReport = Json.parse(ended);
    assertThat(endedReport.at("/show/status").asText()).isEqualTo("ended");
    assertThat(endedReport.at("/lotteries/0/winners/0").asText()).isEqualTo("v1");
    assertThat(endedReport.at("/items/1/priceChanges")).hasSize(1);
    assertThat(await(fromRequest(() -> desk.report(replica::query, Json::text)))).isEqualTo(ended);
  }

  // ---- the script ----

  private String o1;

  /** Until t=90: v1 and v2 watch A, order it around a price cut; o1's payment reaches A's 2-unit tier. */
  private void playFirstHalf() throws Exception {
    ItemSpec cup = item("A", ItemRole.MAIN, 8_000, List.of(new Tier(2, 7_000)), 0);
    ItemSpec coat = item("B", ItemRole.MAIN, 40_000, List.of(), 0);
    ItemSpec prize = item("P", ItemRole.LOTTERY, 100, List.of(), 1);
    at(-3_600, Actor.CONTROL, new Command.LoadRunSheet(new RunSheet("开场白", "收尾", List.of(cup, coat, prize))));
    at(-30, Actor.viewer("v1"), new Command.Join(NODE));
    at(0, Actor.CONTROL, new Command.StartShow());
    at(10, Actor.viewer("v2"), new Command.Join(NODE));
    at(20, Actor.CONTROL, new Command.CueGo("A", null, true));
    at(30, Actor.viewer("v1"), new Command.Click("A"));
    o1 = (String) at(40, Actor.viewer("v1"), new Command.PlaceOrder("A", 2)).get("orderId");
    at(50, Actor.CONTROL, new Command.SetPrice("A", 7_500, false));
    at(60, Actor.viewer("v2"), new Command.PlaceOrder("A", 1));
    at(70, Actor.PAYMENT, new Command.RecordPayment(o1, "PAID", "pay-1", script.order(o1).terms().amountCents()));
    at(90, Actor.viewer("v2"), new Command.Leave(NODE));
    fold();
  }

  /** From t=130 to the end at t=240: B cued, ordered, paid and cut; the prize drawn; the closing cued. */
  private void playSecondHalf() throws Exception {
    at(130, Actor.CONTROL, new Command.CueGo("B", null, true));
    at(140, Actor.viewer("v3"), new Command.Join(NODE));
    at(141, Actor.viewer("v3"), new Command.Click("B"));
    String o3 = (String) at(142, Actor.viewer("v3"), new Command.PlaceOrder("B", 1)).get("orderId");
    at(145, Actor.PAYMENT, new Command.RecordPayment(o3, "PAID", "pay-3", script.order(o3).terms().amountCents()));
    at(150, Actor.CONTROL, new Command.SetPrice("B", 30_000, false));
    String lottery = (String) at(160, Actor.CONTROL,
        new Command.OpenLottery("P", 1, new LotteryRule(LotteryRule.Type.ANY, null), null, new byte[32]))
        .get("lotteryId");
    at(170, Actor.viewer("v1"), new Command.EnterLottery(lottery, null));
    at(180, Actor.CONTROL, new Command.CloseLottery(lottery));
    at(181, Actor.CONTROL, new Command.DrawLottery(lottery));
    at(200, Actor.CONTROL, new Command.CueGo(null, "closing", false));
    at(240, Actor.CONTROL, new Command.EndShow());
    fold();
  }

  /** Decides the command at T0 + {@code seconds} on the script's own state; the replica gets it on {@link #fold}. */
  private Map<String, Object> at(long seconds, Actor actor, Command command) {
    long ts = T0 + seconds * 1000;
    Decision decision = decider.decide(script, new Request(actor, command, null), ts);
    if (decision instanceof Decision.Rejected rejected) {
      throw new AssertionError("t=" + seconds + " " + command.name() + " rejected: " + rejected.error().getMessage());
    }
    Decision.Accepted accepted = (Decision.Accepted) decision;
    for (Event event : accepted.events()) {
      Recorded recorded = new Recorded(script.seq() + 1, ts, actor, null, accepted.result(), event);
      script.evolve(recorded);
      unfolded.add(recorded);
    }
    return accepted.result();
  }

  /** The replica folds what was played, on its own context, as a show's replica does. */
  private void fold() throws Exception {
    List<Recorded> events = List.copyOf(unfolded);
    unfolded.clear();
    Promise<Void> folded = Promise.promise();
    replica.context().runOnContext(v -> {
      replica.replay(events, script.seq());
      folded.complete();
    });
    await(folded.future());
  }

  /** Starts the work on the request context, as an HTTP handler would. */
  private <T> Future<T> fromRequest(Supplier<Future<T>> work) {
    Promise<T> answered = Promise.promise();
    requestContext.runOnContext(v -> work.get().onComplete(answered));
    return answered.future();
  }

  /** The report as it was built before: on the show's context, from its live state and figures. */
  private static String builtOnTheLoop(ShowState state, ShowFigures figures, long now) {
    return Json.text(ShowReport.build(ReportFacts.of(state, figures, now)));
  }

  private static ItemSpec item(String id, ItemRole role, long live, List<Tier> tiers, int winners) {
    return new ItemSpec(id, role, "商品 " + id, live * 5 / 4, live, null, 100, null, 60, "脚本 " + id, List.of(),
        null, null, tiers, winners);
  }
}
