package io.livedesk.demo;

import io.livedesk.engine.LiveShow;
import io.livedesk.show.Actor;
import io.livedesk.show.Command;
import io.livedesk.show.LotteryRule;
import io.livedesk.show.Request;
import io.livedesk.show.ShowStatus;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * A crowd of simulated viewers for demos and rehearsals: they arrive and leave along a curve, click the
 * item on air, order some of it (cheaper items more), pay most orders a little later, cancel a few,
 * let the rest expire, subscribe, comment (the same questions often: 包邮吗？), and enter lotteries they are
 * eligible for, a keyword lottery by commenting its keyword (口令抽奖). Everything they do goes
 * through the show's writer like a real viewer's command, so figures and the review are real.
 */
public final class SimulatedAudience {

  static final long STEP_MILLIS = 250;
  /** Clicks per second per watching viewer on a ¥100 item, before the price adjusts it. */
  static final double CLICKS_PER_SECOND = 0.008;
  /** At most this many commands per step, so a large crowd never floods the writer. */
  static final int MAX_COMMANDS_PER_STEP = 400;
  private static final String NODE = "simulated";

  private final Vertx vertx;
  private final LiveShow show;
  private final int size;
  private final LongSupplier clock;
  private final Random random;
  private final List<String> online = new ArrayList<>();
  private final List<String> away = new ArrayList<>();
  private final Set<String> subscribed = new HashSet<>();
  private final Set<String> ordered = new HashSet<>();
  private final Set<String> entered = new HashSet<>();
  /** The coupon each viewer claimed, {@link #USED} once an order took it: one per viewer in the demo. */
  private final Map<String, StageView.Coupon> claims = new HashMap<>();
  private static final StageView.Coupon USED = new StageView.Coupon("", Long.MAX_VALUE, List.of());
  private final long startedAt;
  private long timer = -1;
  private boolean stepping;
  private final Promise<Void> showEnded = Promise.promise();

  public SimulatedAudience(Vertx vertx, LiveShow show, int size, long seed, LongSupplier clock) {
    this.vertx = vertx;
    this.show = show;
    this.size = size;
    this.clock = clock;
    this.random = new Random(seed);
    this.startedAt = clock.getAsLong();
    for (int i = 1; i <= size; i++) {
      away.add(String.format("sim-%05d", i));
    }
  }

  public void start() {
    if (timer < 0) {
      timer = vertx.setPeriodic(STEP_MILLIS, id -> step());
    }
  }

  /** Stops acting; the simulated viewers leave. */
  public Future<Void> stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
    List<Future<?>> leaving = new ArrayList<>();
    for (String viewer : online) {
      leaving.add(send(viewer, new Command.Leave(NODE)));
    }
    online.clear();
    return Future.join(leaving).mapEmpty();
  }

  /** Completes once the show has ended and the simulated viewers have left. */
  public Future<Void> showEnded() {
    return showEnded.future();
  }

  public int online() {
    return online.size();
  }

  private void step() {
    if (stepping) {
      return;
    }
    stepping = true;
    show.query((state, figures, now) -> StageView.of(state)).onComplete(view -> {
      stepping = false;
      if (view.succeeded() && view.result().status() == ShowStatus.LIVE) {
        act(view.result());
      } else if (view.succeeded() && view.result().status() == ShowStatus.ENDED) {
        stop().onComplete(left -> showEnded.tryComplete());
      }
    });
  }

  private void act(StageView view) {
    int budget = MAX_COMMANDS_PER_STEP;
    budget -= moveCrowd(view, budget);
    StageView.Item onAir = view.onAirItemId() == null ? null : view.item(view.onAirItemId());
    List<StageView.Item> buyable = view.buyable();
    for (String viewer : List.copyOf(online)) {
      if (budget <= 0) {
        break;
      }
      if (onAir != null && chance(clicksPerSecond(onAir) * STEP_MILLIS / 1000.0)) {
        send(viewer, new Command.Click(onAir.id()));
        budget--;
        StageView.Item target = onAir.onShelf() ? onAir : null;
        if (target == null && !buyable.isEmpty()) {
          target = buyable.get(random.nextInt(buyable.size()));
        }
        if (target != null && target.stock() > 0 && chance(orderRate(target))) {
          order(viewer, target);
          budget--;
        }
      }
      if (budget > 0 && chance(DemoComments.PER_SECOND * STEP_MILLIS / 1000.0)) {
        send(viewer, new Command.PostComment(DemoComments.pick(random)));
        budget--;
      }
      for (StageView.Coupon coupon : view.promotions().claimable()) {
        if (budget > 0 && !claims.containsKey(viewer) && chance(0.03)) {
          claims.put(viewer, coupon);
          send(viewer, new Command.ClaimCoupon(coupon.id())).onFailure(refused -> claims.remove(viewer, coupon));
          budget--;
        }
      }
      for (StageView.Lottery lottery : view.openLotteries()) {
        if (!entered.contains(viewer + lottery.id()) && chance(0.02) && eligible(viewer, lottery.rule())) {
          entered.add(viewer + lottery.id());
          if (lottery.rule().type() == LotteryRule.Type.KEYWORD) {
            send(viewer, new Command.PostComment(lottery.rule().keyword()));
          } else {
            send(viewer, new Command.EnterLottery(lottery.id(), null));
          }
          budget--;
        }
      }
    }
  }

  /** Joins and leaves so the crowd follows its curve; returns the commands spent. */
  private int moveCrowd(StageView view, int budget) {
    int wanted = (int) Math.round(size * curve(clock.getAsLong() - startedAt, !view.openLotteries().isEmpty()));
    int spent = 0;
    int maxMove = Math.max(1, size / 40);
    while (online.size() < wanted && !away.isEmpty() && spent < Math.min(budget, maxMove)) {
      String viewer = away.remove(random.nextInt(away.size()));
      online.add(viewer);
      send(viewer, new Command.Join(NODE));
      spent++;
      if (!subscribed.contains(viewer) && chance(0.04)) {
        subscribed.add(viewer);
        send(viewer, new Command.Subscribe());
        spent++;
      }
    }
    while (online.size() > wanted && spent < Math.min(budget, maxMove)) {
      String viewer = online.remove(random.nextInt(online.size()));
      away.add(viewer);
      send(viewer, new Command.Leave(NODE));
      spent++;
    }
    // a little churn: someone always leaves and someone comes
    if (!online.isEmpty() && !away.isEmpty() && chance(0.3)) {
      String leaving = online.remove(random.nextInt(online.size()));
      String coming = away.remove(random.nextInt(away.size()));
      send(leaving, new Command.Leave(NODE));
      send(coming, new Command.Join(NODE));
      away.add(leaving);
      online.add(coming);
      spent += 2;
    }
    return spent;
  }

  /** Share of the crowd online: a ramp over the first two minutes, a slow swell, a rush while a lottery runs. */
  static double curve(long elapsedMillis, boolean lotteryOpen) {
    double ramp = Math.min(1.0, 0.4 + 0.6 * elapsedMillis / 120_000.0);
    double swell = 0.85 + 0.15 * Math.sin(elapsedMillis / 300_000.0 * 2 * Math.PI);
    return Math.min(1.0, ramp * swell * (lotteryOpen ? 1.1 : 1.0));
  }

  /**
   * How often a watching viewer clicks the item on air, per second: about one viewer in three in a
   * one-minute demo slot at ¥100, twice as often for cheap items, half as often for dear ones.
   */
  static double clicksPerSecond(StageView.Item item) {
    double yuan = Math.max(1, item.priceCents() / 100.0);
    return CLICKS_PER_SECOND * Math.min(2.0, Math.max(0.5, Math.sqrt(100 / yuan)));
  }

  /** Chance that a click becomes an order: about one in seven at list price, up to one in two for deep cuts. */
  static double orderRate(StageView.Item item) {
    double discount = item.listPriceCents() == 0 ? 0 : 1.0 - (double) item.priceCents() / item.listPriceCents();
    return Math.min(0.5, 0.15 + discount * 0.5);
  }

  private void order(String viewer, StageView.Item item) {
    int qty = chance(0.2) ? 2 : 1;
    ordered.add(viewer);
    // a viewer holding a coupon good for this order uses it, at the price they saw
    StageView.Coupon coupon = claims.get(viewer);
    String couponId = coupon != null && coupon.goodFor(item.id(), item.priceCents() * qty) ? coupon.id() : null;
    if (couponId != null) {
      claims.put(viewer, USED);
    }
    send(viewer, new Command.PlaceOrder(item.id(), qty, item.priceCents(), couponId)).onSuccess(reply -> {
      Object orderId = reply.result().get("orderId");
      Object amount = reply.result().get("amountCents");
      if (orderId == null || !(amount instanceof Number amountCents)) {
        return;
      }
      double fate = random.nextDouble();
      if (fate < 0.75) {
        long delay = 2_000 + random.nextInt(15_000);
        vertx.setTimer(delay, id -> show.execute(Request.of(Actor.PAYMENT,
            new Command.RecordPayment(orderId.toString(), "PAID", "sim-pay-" + orderId, amountCents.longValue()))));
      } else if (fate < 0.85) {
        long delay = 3_000 + random.nextInt(20_000);
        vertx.setTimer(delay, id -> send(viewer, new Command.CancelOrder(orderId.toString())));
      }
      // the rest stay unpaid and expire after the hold
    });
  }

  private boolean eligible(String viewer, LotteryRule rule) {
    return switch (rule.type()) {
      case ANY, KEYWORD -> true;
      case SUBSCRIBED -> subscribed.contains(viewer);
      case ORDERED -> ordered.contains(viewer);
    };
  }

  private Future<io.livedesk.engine.Reply> send(String viewer, Command command) {
    return show.execute(Request.of(Actor.viewer(viewer), command));
  }

  private boolean chance(double probability) {
    return random.nextDouble() < probability;
  }
}
