package io.livedesk.show;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.livedesk.engine.Snapshots;
import io.livedesk.lottery.VerifiableDraw;
import io.livedesk.report.ShowFigures;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A snapshot at any seq, read back and followed by the rest of the history, folds to exactly the state and
 * figures of the whole history folded from the start (docs/design.md §Snapshots).
 */
class SnapshotRoundTripTest {

  private static final VerifiableDraw DRAW = new VerifiableDraw();
  private static final ShowDecider DECIDER = new ShowDecider(ShowRules.defaults(), DRAW);
  private static final long T0 = 1_760_000_000_000L;

  @Test
  @DisplayName("the stored show (every kind of event) folds the same from a snapshot at every seq")
  void everyKindAtEverySeq() {
    List<Recorded> history = StoredShow.play();
    Snapshots.Folded whole = fold(StoredShow.SHOW_ID, history, 0, history.size(), null);
    for (int at = 1; at < history.size(); at++) {
      Snapshots.Folded resumed = resumedAt(StoredShow.SHOW_ID, history, at);
      assertThat(resumed).as("snapshot at seq " + at).usingRecursiveComparison().isEqualTo(whole);
    }
  }

  @Property(tries = 40)
  @Label("a random show folds the same from a snapshot at a random seq")
  void randomShow(@ForAll long seed, @ForAll @IntRange(min = 1, max = 400) int commands,
      @ForAll @IntRange(min = 0, max = 1000) int splitPerMille) {
    List<Recorded> history = randomHistory(new Random(seed), commands);
    int at = Math.max(1, (int) ((long) history.size() * splitPerMille / 1000));
    Snapshots.Folded whole = fold("s-random", history, 0, history.size(), null);
    Snapshots.Folded resumed = resumedAt("s-random", history, at);
    assertThat(resumed).usingRecursiveComparison().isEqualTo(whole);
    // and both decide the next commands alike
    Random next = new Random(seed + 1);
    Random same = new Random(seed + 1);
    long now = history.get(history.size() - 1).ts() + 1000;
    for (int i = 0; i < 20; i++) {
      Request request = randomRequest(next, whole.state());
      Request twin = randomRequest(same, resumed.state());
      assertThat(describe(DECIDER.decide(resumed.state(), twin, now)))
          .isEqualTo(describe(DECIDER.decide(whole.state(), request, now)));
    }
  }

  @Test
  @DisplayName("a damaged, truncated, misplaced or other-version snapshot is refused, never read wrong")
  void damagedSnapshotsAreRefused() throws Exception {
    List<Recorded> history = StoredShow.play();
    byte[] good = Snapshots.write(StoredShow.SHOW_ID, fold(StoredShow.SHOW_ID, history, 0, 40, null));
    assertThat(Snapshots.read(StoredShow.SHOW_ID, good, DRAW).seq()).isEqualTo(40);

    byte[] flipped = good.clone();
    flipped[good.length / 2] ^= 0x10;
    assertThatThrownBy(() -> Snapshots.read(StoredShow.SHOW_ID, flipped, DRAW))
        .isInstanceOf(Snapshots.Refused.class).hasMessageContaining("checksum");
    byte[] truncated = java.util.Arrays.copyOf(good, good.length - 100);
    assertThatThrownBy(() -> Snapshots.read(StoredShow.SHOW_ID, truncated, DRAW))
        .isInstanceOf(Snapshots.Refused.class).hasMessageContaining("truncated");
    assertThatThrownBy(() -> Snapshots.read(StoredShow.SHOW_ID, new byte[10], DRAW))
        .isInstanceOf(Snapshots.Refused.class);
    assertThatThrownBy(() -> Snapshots.read("s-other", good, DRAW))
        .isInstanceOf(Snapshots.Refused.class).hasMessageContaining("s-stored");
    byte[] older = good.clone();
    older[7] = (byte) (Snapshots.FORMAT - 1); // the format, an int after the 4-byte magic
    assertThatThrownBy(() -> Snapshots.read(StoredShow.SHOW_ID, older, DRAW))
        .isInstanceOf(Snapshots.Refused.class).hasMessageContaining("another version");
  }

  private static Snapshots.Folded resumedAt(String showId, List<Recorded> history, int at) {
    Snapshots.Folded head = fold(showId, history, 0, at, null);
    // as the replica does it: a copy taken between two events, written on another thread, read back
    byte[] bytes = Snapshots.write(showId, new Snapshots.Folded(head.state().copy(), head.figures().copy()));
    try {
      return fold(showId, history, at, history.size(), Snapshots.read(showId, bytes, DRAW));
    } catch (Snapshots.Refused refused) {
      throw new AssertionError(refused);
    }
  }

  private static Snapshots.Folded fold(String showId, List<Recorded> history, int from, int to, Snapshots.Folded start) {
    ShowState state = start != null ? start.state() : new ShowState(meta(showId), DRAW);
    ShowFigures figures = start != null ? start.figures() : new ShowFigures();
    for (Recorded recorded : history.subList(from, to)) {
      state.evolve(recorded);
      figures.apply(recorded, state);
    }
    return new Snapshots.Folded(state, figures);
  }

  private static ShowMeta meta(String showId) {
    return showId.equals(StoredShow.SHOW_ID) ? StoredShow.RECORD.meta()
        : new ShowMeta(showId, "random", null, 120, false, T0 - 60_000);
  }

  /** Random commands to a live show, as its writer decides them; the refused ones leave no trace. */
  private static List<Recorded> randomHistory(Random random, int commands) {
    ShowState state = new ShowState(meta("s-random"), DRAW);
    List<Recorded> history = new ArrayList<>();
    long now = T0;
    decide(state, history, Request.of(Actor.CONTROL, new Command.LoadRunSheet(Sheet.SHEET)), now);
    decide(state, history, Request.of(Actor.CONTROL, new Command.StartShow()), now);
    for (int i = 0; i < commands; i++) {
      now += random.nextInt(5_000);
      decide(state, history, randomRequest(random, state), now);
    }
    return history;
  }

  private static final List<String> ITEMS = List.of(Sheet.CHERRY, Sheet.GRAPE, Sheet.DURIAN, Sheet.PEACH, Sheet.PRIZE);

  private static Request randomRequest(Random random, ShowState state) {
    Actor viewer = Actor.viewer("v" + random.nextInt(12));
    String item = ITEMS.get(random.nextInt(ITEMS.size()));
    // by id: a hash map's iteration order is no part of the state, and differs in a map read back
    String order = state.orders().isEmpty() ? "o-none"
        : state.orders().stream().map(OrderState::id).sorted().skip(random.nextInt(state.orders().size()))
            .findFirst().orElseThrow();
    String lottery = state.lotteries().isEmpty() ? "l-none"
        : state.lotteries().stream().skip(random.nextInt(state.lotteries().size())).findFirst().orElseThrow().id();
    String coupon = state.promotions().coupons().isEmpty() ? "c-none"
        : state.promotions().coupons().iterator().next().id();
    List<Comments.Comment> latest = state.comments().latest(5);
    String comment = latest.isEmpty() ? "m-none" : latest.get(random.nextInt(latest.size())).id();
    return switch (random.nextInt(24)) {
      case 0, 1 -> Request.of(viewer, new Command.Join("n" + random.nextInt(2)));
      case 2 -> Request.of(viewer, new Command.Leave("n" + random.nextInt(2)));
      case 3, 4 -> Request.of(viewer, new Command.Click(item));
      case 5, 6, 7 -> new Request(viewer, new Command.PlaceOrder(item, 1 + random.nextInt(3)),
          random.nextBoolean() ? "k" + random.nextInt(50) : null);
      case 8 -> Request.of(viewer, new Command.CancelOrder(order));
      case 9, 10 -> Request.of(Actor.PAYMENT, new Command.RecordPayment(order, random.nextInt(5) == 0 ? "FAILED" : "PAID",
          "p" + random.nextInt(40), state.order(order) == null ? 100 : state.order(order).terms().amountCents()));
      case 11 -> Request.of(Actor.CONTROL, new Command.SetPrice(item, 1_000 + random.nextInt(50_000), random.nextBoolean()));
      case 12 -> Request.of(Actor.CONTROL, new Command.CueGo(item, null, random.nextBoolean()));
      case 13 -> Request.of(Actor.CONTROL, new Command.OpenLottery(Sheet.PRIZE, 1 + random.nextInt(3),
          new LotteryRule(LotteryRule.Type.ANY, null), random.nextBoolean() ? 30 : null, new byte[32]));
      case 14 -> Request.of(viewer, new Command.EnterLottery(lottery, null));
      case 15 -> Request.of(Actor.CONTROL, random.nextBoolean() ? new Command.CloseLottery(lottery)
          : new Command.DrawLottery(lottery));
      case 16 -> Request.of(viewer, new Command.PostComment(random.nextBoolean() ? "多少钱" : "好看 " + random.nextInt(9)));
      case 17 -> Request.of(Actor.CONTROL, random.nextBoolean() ? new Command.PinComment(comment)
          : new Command.HideComment(comment));
      case 18 -> Request.of(Actor.CONTROL, new Command.CreateCoupon(null, "减", 500, null, null, 5, 1, null, false));
      case 19 -> Request.of(random.nextBoolean() ? Actor.CONTROL : viewer, random.nextBoolean()
          ? new Command.IssueCoupon(coupon) : new Command.ClaimCoupon(coupon));
      case 20 -> Request.of(Actor.CONTROL, new Command.ScheduleFlash(item, 900, random.nextInt(3) * 10, 60, 5L, 1, true));
      case 21 -> Request.of(Actor.SYSTEM, new Command.Expire());
      case 22 -> Request.of(viewer, random.nextBoolean() ? new Command.Subscribe() : new Command.Reserve());
      default -> Request.of(Actor.CONTROL, random.nextBoolean() ? new Command.AddStock(item, 1 + random.nextInt(5))
          : new Command.SendNote("note"));
    };
  }

  private static void decide(ShowState state, List<Recorded> history, Request request, long now) {
    Decision decision = DECIDER.decide(state, request, now);
    if (decision instanceof Decision.Accepted accepted) {
      List<Event> events = accepted.events();
      for (int i = 0; i < events.size(); i++) {
        boolean last = i == events.size() - 1;
        Recorded recorded = new Recorded(state.seq() + 1, now, request.actor(), last ? request.key() : null,
            last && request.key() != null ? accepted.result() : null, events.get(i));
        state.evolve(recorded);
        history.add(recorded);
      }
    }
  }

  private static String describe(Decision decision) {
    if (decision instanceof Decision.Rejected rejected) {
      return "rejected " + rejected.error().code() + ": " + rejected.error().getMessage();
    }
    return decision.toString();
  }
}
