package io.livedesk.bench;

import io.livedesk.lottery.VerifiableDraw;
import io.livedesk.runsheet.RunSheetImport;
import io.livedesk.show.Actor;
import io.livedesk.show.Command;
import io.livedesk.show.Decision;
import io.livedesk.show.Event;
import io.livedesk.show.Recorded;
import io.livedesk.show.Request;
import io.livedesk.show.ShowDecider;
import io.livedesk.show.ShowMeta;
import io.livedesk.show.ShowRules;
import io.livedesk.show.ShowState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/**
 * A realistic show history of any length, made by the domain itself: viewers come and go, click,
 * order, pay, cancel; the technician cues items and changes prices. Every event is one a real show
 * could have, so replaying it exercises the same code a restart does.
 */
final class HistoryGenerator {

  private final ShowState state;
  private final ShowDecider decider;
  private final Random random = new Random(42);
  private long now;
  private final List<String> online = new ArrayList<>();
  private int nextViewer;
  private final List<String> pendingOrders = new ArrayList<>();

  HistoryGenerator(ShowMeta meta) {
    VerifiableDraw draw = new VerifiableDraw();
    this.state = new ShowState(meta, draw);
    this.decider = new ShowDecider(new ShowRules(5000, 3_600_000, false), draw);
  }

  /** Emits batches of recorded events until {@code total} are out. */
  void generate(long total, int batchSize, Consumer<List<Recorded>> sink) throws IOException {
    generate(total, batchSize, sink, false);
  }

  /**
   * As {@link #generate}, then the show ends as a finished one does: every order still pending paid, every
   * viewer gone, {@code show.end}; nothing is left to run out. A few events beyond {@code total}.
   */
  void generateEnded(long total, int batchSize, Consumer<List<Recorded>> sink) throws IOException {
    generate(total, batchSize, sink, true);
  }

  private void generate(long total, int batchSize, Consumer<List<Recorded>> sink, boolean end) throws IOException {
    // events come every 10.5 ms on average: the history ends about now, like a show that just crashed
    now = System.currentTimeMillis() - total * 21 / 2;
    List<Recorded> batch = new ArrayList<>(batchSize);
    Consumer<Recorded> out = recorded -> {
      batch.add(recorded);
      if (batch.size() >= batchSize) {
        sink.accept(List.copyOf(batch));
        batch.clear();
      }
    };
    byte[] csv = Files.readAllBytes(Path.of("src/test/resources/runsheets/sample-runsheet.csv"));
    apply(Actor.CONTROL, new Command.LoadRunSheet(RunSheetImport.fromCsv(csv).sheet()), out);
    apply(Actor.CONTROL, new Command.StartShow(), out);
    List<String> mains = state.running().stream().filter(i -> i.role() == io.livedesk.show.ItemRole.MAIN)
        .map(i -> i.id()).toList();
    for (String item : mains) {
      apply(Actor.CONTROL, new Command.ListItem(item), out);
      apply(Actor.CONTROL, new Command.AddStock(item, 10_000_000), out);
    }
    int cue = 0;
    while (state.seq() < total) {
      now += 1 + random.nextInt(20);
      double roll = random.nextDouble();
      String item = mains.get(cue % mains.size());
      if (roll < 0.0005) {
        apply(Actor.CONTROL, new Command.CueGo(mains.get(++cue % mains.size()), null, false), out);
      } else if (roll < 0.12 || online.isEmpty()) {
        String viewer = "viewer-" + nextViewer++;
        online.add(viewer);
        apply(Actor.viewer(viewer), new Command.Join("bench"), out);
      } else if (roll < 0.2) {
        String viewer = online.remove(random.nextInt(online.size()));
        apply(Actor.viewer(viewer), new Command.Leave("bench"), out);
      } else if (roll < 0.6) {
        apply(Actor.viewer(online.get(random.nextInt(online.size()))), new Command.Click(item), out);
      } else if (roll < 0.85) {
        Decision decision = apply(Actor.viewer(online.get(random.nextInt(online.size()))),
            new Command.PlaceOrder(item, 1), out);
        if (decision instanceof Decision.Accepted accepted && accepted.result().get("orderId") != null) {
          pendingOrders.add(accepted.result().get("orderId").toString());
        }
      } else if (roll < 0.98 && !pendingOrders.isEmpty()) {
        String order = pendingOrders.remove(random.nextInt(pendingOrders.size()));
        apply(Actor.PAYMENT, new Command.RecordPayment(order, "PAID", "pay-" + order,
            state.order(order).terms().amountCents()), out);
      } else if (!pendingOrders.isEmpty()) {
        String order = pendingOrders.remove(random.nextInt(pendingOrders.size()));
        String viewer = state.order(order).terms().viewerId();
        apply(Actor.viewer(viewer), new Command.CancelOrder(order), out);
      }
    }
    if (end) {
      for (String order : pendingOrders) {
        apply(Actor.PAYMENT, new Command.RecordPayment(order, "PAID", "pay-" + order,
            state.order(order).terms().amountCents()), out);
      }
      pendingOrders.clear();
      for (String viewer : online) {
        apply(Actor.viewer(viewer), new Command.Leave("bench"), out);
      }
      online.clear();
      apply(Actor.CONTROL, new Command.EndShow(), out);
    }
    if (!batch.isEmpty()) {
      sink.accept(List.copyOf(batch));
    }
  }

  private Decision apply(Actor actor, Command command, Consumer<Recorded> out) {
    Decision decision = decider.decide(state, Request.of(actor, command), now);
    if (decision instanceof Decision.Accepted accepted) {
      for (Event event : accepted.events()) {
        Recorded recorded = new Recorded(state.seq() + 1, now, actor, null, null, event);
        state.evolve(recorded);
        out.accept(recorded);
      }
    }
    return decision;
  }
}
