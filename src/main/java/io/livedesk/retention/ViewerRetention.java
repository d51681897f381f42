package io.livedesk.retention;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.livedesk.json.Json;
import io.livedesk.show.ErrorCode;
import io.livedesk.show.ShowError;
import io.livedesk.store.ViewerAnonymiser;
import io.livedesk.store.ViewerPseudonyms;
import io.livedesk.store.file.AtomicFiles;
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
 * store rewrites the show's history all or nothing (the file store's journal, PostgreSQL's rows in one
 * transaction); the show's lottery proofs stored in this node's data directory get the same pseudonyms, and
 * the show is then rebuilt from its new history.
 */
public final class ViewerRetention {

  static final long DAY_MILLIS = 24L * 60 * 60 * 1000;

  private static final Logger LOG = Logger.getLogger(ViewerRetention.class.getName());

  private final Vertx vertx;
  private final ViewerAnonymiser store;
  private final Path proofsDir;
  private final long keepMillis;
  private final LongSupplier clock;
  private Function<String, Future<Void>> rebuild = showId -> Future.succeededFuture();
  private long timer = -1;

  public ViewerRetention(Vertx vertx, ViewerAnonymiser store, Path dataDir, int viewerIdsDays, LongSupplier clock) {
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
    return store.anonymisable(now - keepMillis).recover(failure -> {
      LOG.log(Level.WARNING, "the shows to anonymise could not be listed; tried again on the next run", failure);
      return Future.succeededFuture(List.of());
    }).compose(showIds -> {
      Future<Void> chain = Future.succeededFuture();
      for (String showId : showIds) {
        chain = chain.compose(v -> anonymize(showId, now).map(x -> {
          done.add(showId);
          return (Void) null;
        }).recover(failure -> {
          // another node sharing the database may have done it first
          Level level = failure instanceof ShowError e && e.code() == ErrorCode.CONFLICT ? Level.INFO : Level.WARNING;
          LOG.log(level, "show " + showId + ": its viewer ids could not be anonymised; tried again on the next run"
              + " if still needed", failure);
          return Future.succeededFuture();
        }));
      }
      return chain.map(v -> done);
    });
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
