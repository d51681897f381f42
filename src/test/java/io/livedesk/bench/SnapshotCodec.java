package io.livedesk.bench;

import io.livedesk.engine.Snapshots;
import io.livedesk.lottery.VerifiableDraw;
import io.livedesk.report.ShowFigures;
import io.livedesk.show.ShowMeta;
import io.livedesk.show.ShowState;

/**
 * Times a snapshot's write and read of one long show's fold in one JVM (docs/benchmarks.md §Recovery):
 * arguments: events (1,000,000), rounds (5).
 */
public final class SnapshotCodec {

  private SnapshotCodec() {
  }

  public static void main(String[] argv) throws Exception {
    long events = argv.length > 0 ? Long.parseLong(argv[0]) : 1_000_000;
    int rounds = argv.length > 1 ? Integer.parseInt(argv[1]) : 5;
    ShowMeta meta = new ShowMeta("srecovery", "recovery bench", null, 120, true, System.currentTimeMillis());
    ShowState state = new ShowState(meta, new VerifiableDraw());
    ShowFigures figures = new ShowFigures();
    Snapshots.Folded folded = new Snapshots.Folded(state, figures);
    new HistoryGenerator(meta).generate(events, 10_000, batch -> batch.forEach(folded::fold));
    for (int round = 1; round <= rounds; round++) {
      long start = System.nanoTime();
      byte[] bytes = Snapshots.write(meta.id(), folded);
      long written = System.nanoTime();
      Snapshots.Folded read = Snapshots.read(meta.id(), bytes, new VerifiableDraw());
      long readBack = System.nanoTime();
      System.out.printf("round %d: %,d events, %,d bytes, write %d ms, read %d ms (seq %d)%n", round, events,
          bytes.length, (written - start) / 1_000_000, (readBack - written) / 1_000_000, read.seq());
    }
  }
}
