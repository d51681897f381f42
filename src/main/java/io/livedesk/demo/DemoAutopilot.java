package io.livedesk.demo;

import io.livedesk.engine.LiveShow;
import io.livedesk.show.Actor;
import io.livedesk.show.Command;
import io.livedesk.show.Cue;
import io.livedesk.show.ItemRole;
import io.livedesk.show.LotteryRule;
import io.livedesk.show.Request;
import io.livedesk.show.ShowStatus;
import io.vertx.core.Vertx;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps the demo show moving when nobody is at the console: it cues the next item when the current
 * one has run its (compressed) slot, lists it, sometimes cuts a price, and runs each lottery prize it
 * reaches. Whatever a person does at the console resets the slot clock, so the person stays in charge.
 */
public final class DemoAutopilot {

  static final long CHECK_MILLIS = 2_000;
  /** A demo slot: a five-minute item plays in a minute. */
  static final double TIME_SCALE = 0.2;
  static final int LOTTERY_SECONDS = 30;
  /** Opening and closing words: short, so a newcomer sees items selling within seconds. */
  static final int SEGMENT_SECONDS = 30;
  private static final Actor PILOT = new Actor(Actor.Role.CONTROL, "autopilot");
  private static final Pattern KEYWORD = Pattern.compile("【([^】]+)】");

  private final Vertx vertx;
  private final LiveShow show;
  private final LongSupplier clock;
  private final Random random = new Random(7);
  private final Set<String> priceCut = new HashSet<>();
  private final DemoPromotions promotions = new DemoPromotions(random, this::send);
  private long timer = -1;

  public DemoAutopilot(Vertx vertx, LiveShow show, LongSupplier clock) {
    this.vertx = vertx;
    this.show = show;
    this.clock = clock;
  }

  public void start() {
    if (timer < 0) {
      timer = vertx.setPeriodic(CHECK_MILLIS, id -> check());
    }
  }

  public void stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
  }

  private void check() {
    show.query((state, figures, now) -> StageView.of(state)).onSuccess(view -> {
      if (view.status() != ShowStatus.LIVE) {
        return;
      }
      drawClosedLotteries(view);
      long onAir = clock.getAsLong() - view.cueSince();
      StageView.Item item = view.onAirItemId() == null ? null : view.item(view.onAirItemId());
      long slot = slotMillis(item);
      if (item != null && item.role() == ItemRole.MAIN && !priceCut.contains(item.id()) && onAir > slot / 2) {
        priceCut.add(item.id());
        maybeCutPrice(item);
      }
      promotions.check(view, item, onAir, slot);
      if (item != null && item.role() == ItemRole.LOTTERY && item.prizesLeft() > 0 && !item.lotteryRunning()) {
        openLottery(item);
      }
      if (onAir >= slot && (item == null || !item.lotteryRunning())) {
        advance(view);
      }
    });
  }

  private static long slotMillis(StageView.Item item) {
    long planned = item == null ? SEGMENT_SECONDS : Math.max(item.plannedSeconds(), LOTTERY_SECONDS + 10);
    return (long) (planned * 1000 * TIME_SCALE);
  }

  private void advance(StageView view) {
    if (Cue.CLOSING.equals(view.onAirSegment())) {
      // the demo never ends: after the closing words it starts over from the first item
      StageView.Item first = view.items().stream().filter(i -> i.role() == ItemRole.MAIN).findFirst().orElse(null);
      if (first != null) {
        send(new Command.CueGo(first.id(), null, true));
      }
      return;
    }
    send(new Command.CueNext()).onSuccess(reply -> show.query((state, figures, now) -> StageView.of(state))
        .onSuccess(after -> {
          StageView.Item cued = after.onAirItemId() == null ? null : after.item(after.onAirItemId());
          if (cued != null && cued.role() != ItemRole.LOTTERY && !cued.onShelf()) {
            send(new Command.ListItem(cued.id()));
          }
        }));
  }

  private void maybeCutPrice(StageView.Item item) {
    if (random.nextDouble() > 0.35) {
      return;
    }
    long cut = item.priceCents() - 1000;
    Long floor = item.floorPriceCents();
    if (cut > 0 && (floor == null || cut >= floor)) {
      send(new Command.SetPrice(item.id(), cut, false));
    }
  }

  private void openLottery(StageView.Item item) {
    int winners = Math.max(1, Math.min(3, item.prizesLeft()));
    byte[] seed = new byte[32];
    new java.security.SecureRandom().nextBytes(seed);
    send(new Command.OpenLottery(item.id(), winners, ruleFor(item.script()), LOTTERY_SECONDS, seed));
  }

  /** Reads the entry rule from the prize's script, as a technician would from the run-sheet. */
  static LotteryRule ruleFor(String script) {
    String text = script == null ? "" : script;
    Matcher keyword = KEYWORD.matcher(text);
    if (keyword.find()) {
      return new LotteryRule(LotteryRule.Type.KEYWORD, keyword.group(1));
    }
    if (text.contains("下单")) {
      return new LotteryRule(LotteryRule.Type.ORDERED, null);
    }
    if (text.contains("关注")) {
      return new LotteryRule(LotteryRule.Type.SUBSCRIBED, null);
    }
    return new LotteryRule(LotteryRule.Type.ANY, null);
  }

  private void drawClosedLotteries(StageView view) {
    List<StageView.Lottery> closed = view.closedLotteries();
    for (StageView.Lottery lottery : closed) {
      send(new Command.DrawLottery(lottery.id()));
    }
  }

  private io.vertx.core.Future<io.livedesk.engine.Reply> send(Command command) {
    return show.execute(Request.of(PILOT, command));
  }
}
