package io.livedesk.retention;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.livedesk.json.Json;
import io.livedesk.store.ViewerPseudonyms;
import io.livedesk.store.file.AtomicFiles;
import io.livedesk.store.file.FileEventStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * {@code retention.viewerIdsDays} (docs/design.md §Data retention): the viewer ids of shows that ended longer
 * ago than that are replaced by per-show pseudonyms, once, at start and then daily. Only ended shows; the
 * journal's rewrite runs on a worker thread and is swapped in between two group commits; the show's stored
 * lottery proofs get the same pseudonyms, and the show is then rebuilt from its new history.
 */
public final class ViewerRetention {

  static final long DAY_MILLIS = 24L * 60 * 60 * 1000;

  private static final Logger LOG = Logger.getLogger(ViewerRetention.class.getName());

  private final Vertx vertx;
  private final FileEventStore store;
  private final Path proofsDir;
  private final long keepMillis;
  private final LongSupplier clock;
  private Function<String, Future<Void>> rebuild = showId -> Future.succeededFuture();
  private long timer = -1;

  public ViewerRetention(Vertx vertx, FileEventStore store, Path dataDir, int viewerIdsDays, LongSupplier clock) {
    this.vertx = vertx;
    this.store = store;
    this.proofsDir = dataDir.resolve("proofs");
    this.keepMillis = viewerIdsDays * DAY_MILLIS;
    this.clock = clock;
  }

  /** From now on, each show anonymised is rebuilt by {@code rebuild} (the engine's, once it has loaded the shows). */
  public void rebuildWith(Function<String, Future<Void>> rebuild) {
    this.rebuild = rebuild;
  }

  /** Runs every day from now on. */
  public void startDaily() {
    timer = vertx.setPeriodic(DAY_MILLIS, id -> runOnce());
  }

  public void stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }

  /**
   * Anonymises every show that ended more than the kept days ago and still has its viewer ids, one after
   * the other; answers the ids done. One that fails is logged and tried again next time.
   */
  public Future<List<String>> runOnce() {
    long now = clock.getAsLong();
    List<String> done = new ArrayList<>();
    Future<Void> chain = Future.succeededFuture();
    for (String showId : store.endedWithViewerIds(now - keepMillis)) {
      chain = chain.compose(v -> anonymize(showId, now).map(x -> {
        done.add(showId);
        return (Void) null;
      }).recover(failure -> {
        LOG.log(Level.WARNING, "show " + showId + ": its viewer ids could not be anonymised; tried again on the"
            + " next run", failure);
        return Future.succeededFuture();
      }));
    }
    return chain.map(v -> done);
  }

  private Future<Void> anonymize(String showId, long now) {
    ViewerPseudonyms names = new ViewerPseudonyms();
    return store.anonymizeViewers(showId, names, now)
        .compose(v -> vertx.executeBlocking(() -> {
          rewriteProofs(proofsDir.resolve(showId), names);
          return null;
        }, false))
        .compose(v -> rebuild.apply(showId))
        .onSuccess(v -> LOG.info(() -> "show " + showId + ": " + names.size() + " viewer ids replaced by pseudonyms"));
  }

  /** The show's stored lottery proofs, each rewritten whole (AtomicFiles) with the pseudonyms. */
  static void rewriteProofs(Path dir, ViewerPseudonyms names) throws IOException {
    if (!Files.isDirectory(dir)) {
      return;
    }
    List<Path> proofs;
    try (Stream<Path> files = Files.list(dir)) {
      proofs = files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList();
    }
    for (Path proof : proofs) {
      JsonNode node = Json.parse(Files.readAllBytes(proof));
      if (!(node instanceof ObjectNode body)) {
        continue;
      }
      names.replaceIn(body);
      AtomicFiles.write(proof, Json.bytes(body));
    }
  }
}
