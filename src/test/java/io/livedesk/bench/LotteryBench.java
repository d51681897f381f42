package io.livedesk.bench;

import io.livedesk.lottery.VerifiableDraw;
import io.livedesk.show.Actor;
import io.livedesk.show.Command;
import io.livedesk.show.Decision;
import io.livedesk.show.Event;
import io.livedesk.show.LotteryRule;
import io.livedesk.show.Recorded;
import io.livedesk.show.Request;
import io.livedesk.show.RunSheet;
import io.livedesk.show.ShowDecider;
import io.livedesk.show.ShowMeta;
import io.livedesk.show.ShowRules;
import io.livedesk.show.ShowState;
import io.livedesk.runsheet.RunSheetImport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;

/** Scenario 4: a lottery with a million entrants, fed through the domain in this process; the draw timed. */
final class LotteryBench {

  private final Results results;
  private final int entrants;

  LotteryBench(Results results, int entrants) {
    this.results = results;
    this.entrants = entrants;
  }

  void run() throws Exception {
    VerifiableDraw draw = new VerifiableDraw();
    ShowDecider decider = new ShowDecider(ShowRules.defaults(), draw);
    ShowState state = new ShowState(new ShowMeta("bench", "lottery bench", null, 120, true, 0), draw);
    RunSheet sheet = RunSheetImport.fromCsv(Files.readAllBytes(Path.of("src/test/resources/runsheets/sample-runsheet.csv"))).sheet();
    long now = 1_700_000_000_000L;
    apply(decider, state, Request.of(Actor.CONTROL, new Command.LoadRunSheet(sheet)), now);
    apply(decider, state, Request.of(Actor.CONTROL, new Command.StartShow()), now);
    byte[] seed = new byte[32];
    new SecureRandom().nextBytes(seed);
    Decision.Accepted opened = apply(decider, state, Request.of(Actor.CONTROL, new Command.OpenLottery("LT-COUPON-50", 20,
        new LotteryRule(LotteryRule.Type.KEYWORD, "口令"), null, seed)), now);
    String lotteryId = opened.result().get("lotteryId").toString();
    long started = System.nanoTime();
    for (int i = 0; i < entrants; i++) {
      apply(decider, state, Request.of(Actor.viewer("viewer-" + i), new Command.EnterLottery(lotteryId, "口令")), now);
    }
    double enterSeconds = (System.nanoTime() - started) / 1e9;
    long closeStart = System.nanoTime();
    apply(decider, state, Request.of(Actor.CONTROL, new Command.CloseLottery(lotteryId)), now);
    double closeMillis = (System.nanoTime() - closeStart) / 1e6;
    long drawStart = System.nanoTime();
    Decision.Accepted drawn = apply(decider, state, Request.of(Actor.CONTROL, new Command.DrawLottery(lotteryId)), now);
    double drawMillis = (System.nanoTime() - drawStart) / 1e6;
    String scenario = "4 lottery";
    results.add(scenario, "in-process domain", "entrants", state.lottery(lotteryId).entrantCount(), "viewers", "1,000,000");
    results.add(scenario, "in-process domain", "entries decided per second", entrants / enterSeconds, "entries/s", null);
    results.add(scenario, "in-process domain", "close (sort + entrants hash)", closeMillis, "ms", null);
    results.add(scenario, "in-process domain", "draw", drawMillis, "ms", "≤ 200 ms");
    results.add(scenario, "in-process domain", "winners", ((List<?>) drawn.result().get("winners")).size(), "winners", "20");
  }

  private static Decision.Accepted apply(ShowDecider decider, ShowState state, Request request, long now) {
    Decision decision = decider.decide(state, request, now);
    if (!(decision instanceof Decision.Accepted accepted)) {
      throw new IllegalStateException(request.command().name() + " was not accepted: " + decision);
    }
    List<Event> events = accepted.events();
    for (Event event : events) {
      state.evolve(new Recorded(state.seq() + 1, now, request.actor(), null, null, event));
    }
    return accepted;
  }
}
