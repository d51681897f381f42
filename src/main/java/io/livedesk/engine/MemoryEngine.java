package io.livedesk.engine;

import io.livedesk.show.LotteryAlgorithm;
import io.livedesk.show.ShowDecider;
import io.livedesk.show.ShowError;
import io.livedesk.store.EventStore;
import io.livedesk.store.ShowListing;
import io.livedesk.store.ShowRecord;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.logging.Logger;

/**
 * The one-node engine: every show lives in this process on an event-loop context of its own, which is
 * its single writer; nothing is shared between shows, so they never wait on each other.
 */
public final class MemoryEngine implements Engine {

  private static final Logger LOG = Logger.getLogger(MemoryEngine.class.getName());

  private final Vertx vertx;
  private final EventStore store;
  private final ShowDecider decider;
  private final LotteryAlgorithm lottery;
  private final LongSupplier clock;
  private final int replayWindow;
  private final ShowMetrics metrics;
  private final Map<String, LocalShow> shows = new ConcurrentHashMap<>();

  private MemoryEngine(Vertx vertx, EventStore store, ShowDecider decider, LotteryAlgorithm lottery,
      LongSupplier clock, int replayWindow, ShowMetrics metrics) {
    this.vertx = vertx;
    this.store = store;
    this.decider = decider;
    this.lottery = lottery;
    this.clock = clock;
    this.replayWindow = replayWindow;
    this.metrics = metrics;
  }

  /** Rebuilds every stored show by replaying its history, then takes commands. */
  public static Future<MemoryEngine> start(Vertx vertx, EventStore store, ShowDecider decider,
      LotteryAlgorithm lottery, LongSupplier clock, int replayWindow, ShowMetrics metrics) {
    MemoryEngine engine = new MemoryEngine(vertx, store, decider, lottery, clock, replayWindow, metrics);
    return store.listShows().compose(listing -> {
      List<Future<Void>> loads = new ArrayList<>();
      for (ShowListing show : listing) {
        loads.add(store.show(show.id()).compose(engine::load));
      }
      return Future.all(loads);
    }).map(done -> engine);
  }

  private Future<Void> load(ShowRecord record) {
    LocalShow show = open(record);
    Promise<Void> loaded = Promise.promise();
    long started = System.nanoTime();
    show.replica().context().runOnContext(v -> store.lastSeq(record.id())
        .compose(lastSeq -> Replays.readAll(store, record.id(), 0, page -> {
          show.writer().replay(page);
          show.replica().replay(page, lastSeq);
        }))
        .onSuccess(lastSeq -> {
          shows.put(record.id(), show);
          show.writer().start();
          show.replica().startTicks();
          LOG.info(() -> "show " + record.id() + " rebuilt: " + lastSeq + " events in "
              + (System.nanoTime() - started) / 1_000_000 + " ms");
        })
        .<Void>mapEmpty()
        .onComplete(loaded));
    return loaded.future();
  }

  private LocalShow open(ShowRecord record) {
    Context context = ((VertxInternal) vertx).createEventLoopContext();
    ShowReplica replica = new ShowReplica(vertx, context, record.meta(), lottery, replayWindow, clock);
    ShowWriter writer = new ShowWriter(vertx, context, record.meta(), lottery, decider, store,
        ShowWriter.Outlet.local(store, record.id(), replica), clock, metrics);
    return new LocalShow(record, writer, replica, store);
  }

  @Override
  public Future<Void> createShow(ShowRecord record) {
    return store.createShow(record).map(v -> {
      LocalShow show = open(record);
      shows.put(record.id(), show);
      show.replica().context().runOnContext(w -> {
        show.writer().start();
        show.replica().startTicks();
      });
      return null;
    });
  }

  @Override
  public Future<List<ShowListing>> listShows() {
    return store.listShows();
  }

  @Override
  public Future<LiveShow> show(String showId) {
    LocalShow show = shows.get(showId);
    if (show == null) {
      return Future.failedFuture(ShowError.notFound("no show " + showId));
    }
    return Future.succeededFuture(show);
  }

  @Override
  public Future<Map<String, String>> health() {
    return store.check().map(v -> Map.of("store", "UP"));
  }

  @Override
  public Future<Void> close() {
    List<Future<Void>> drains = new ArrayList<>();
    for (LocalShow show : shows.values()) {
      drains.add(show.writer().drain());
      show.replica().context().runOnContext(v -> show.replica().stop());
    }
    return Future.join(drains).transform(done -> store.close());
  }
}
