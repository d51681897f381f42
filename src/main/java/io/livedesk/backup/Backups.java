package io.livedesk.backup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.livedesk.http.ApiServer;
import io.livedesk.json.Json;
import io.livedesk.show.ErrorCode;
import io.livedesk.show.ShowError;
import io.livedesk.store.file.FileEventStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import java.util.logging.Logger;

/**
 * {@code POST /api/admin/backup {"dir": "/path"}} (docs/protocol.md §Backup and restore): a consistent copy
 * of the data directory while the shows go on. The file store gives every show's checkpoint between two
 * group commits; the copying runs on a worker thread. One backup at a time. A server whose history is in
 * PostgreSQL answers UNAVAILABLE pointing to {@code pg_dump}.
 */
public final class Backups {

  private static final Logger LOG = Logger.getLogger(Backups.class.getName());

  private final Vertx vertx;
  /** Null when the history is in PostgreSQL. */
  private final FileEventStore store;
  private final Path dataDir;
  private final LongSupplier clock;
  private final AtomicBoolean running = new AtomicBoolean();

  public Backups(Vertx vertx, FileEventStore store, Path dataDir, LongSupplier clock) {
    this.vertx = vertx;
    this.store = store;
    this.dataDir = dataDir;
    this.clock = clock;
  }

  public void routes(Router router, ApiServer api) {
    router.post("/api/admin/backup").handler(BodyHandler.create().setBodyLimit(ApiServer.BODY_LIMIT))
        .handler(api.adminEndpoint(ctx -> {
          JsonNode dir = ApiServer.body(ctx).get("dir");
          return backUp(BackupTarget.parse(dir == null || !dir.isTextual() ? null : dir.asText()));
        }));
  }

  /** Backs the data directory up into {@code target}; answers {@code {"dir", "createdAt", "shows": {id: seq}}}. */
  public Future<ObjectNode> backUp(Path target) {
    if (store == null) {
      return Future.failedFuture(new ShowError(ErrorCode.UNAVAILABLE, "this server keeps its history in"
          + " PostgreSQL: back up its tables with pg_dump (docs/design.md §Backup and restore)"));
    }
    if (!running.compareAndSet(false, true)) {
      return Future.failedFuture(new ShowError(ErrorCode.CONFLICT, "a backup is running; ask again once it is done"));
    }
    return vertx.executeBlocking(() -> {
      BackupTarget.checkOutside(target, dataDir);
      BackupTarget.checkEmpty(target);
      return target;
    }, false).compose(checked -> store.checkpoint())
        .compose(checkpoints -> {
          Set<String> outOfService = store.showsOutOfService().keySet();
          long now = clock.getAsLong();
          return vertx.executeBlocking(() -> DataDirCopy.copy(dataDir, target, checkpoints, outOfService, now), false);
        })
        .recover(failure -> Future.failedFuture(failure instanceof IOException io
            ? new ShowError(ErrorCode.UNAVAILABLE, "the backup into " + target + " failed: " + io.getMessage()
                + "; what was written there is not a backup (it has no " + BackupManifest.NAME + ")")
            : failure))
        .onSuccess(manifest -> LOG.info(() -> "backed up " + manifest.shows().size() + " shows into " + target))
        .onComplete(done -> running.set(false))
        .map(manifest -> answer(target, manifest));
  }

  /**
   * {@code --backup DIR}: the same copy of a stopped server's data directory. Opening the store drops torn
   * tails as a start would, so no server may be running on it.
   */
  public static ObjectNode backUpStopped(Path dataDir, String target) throws Exception {
    Path checked = BackupTarget.parse(target);
    Vertx vertx = Vertx.vertx();
    try {
      FileEventStore store = await(FileEventStore.open(vertx, dataDir, null));
      try {
        return await(new Backups(vertx, store, dataDir, System::currentTimeMillis).backUp(checked));
      } finally {
        await(store.close());
      }
    } finally {
      await(vertx.close());
    }
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(10, java.util.concurrent.TimeUnit.MINUTES);
  }

  private static ObjectNode answer(Path target, BackupManifest manifest) {
    ObjectNode body = Json.object();
    body.put("dir", target.toString());
    body.put("createdAt", manifest.createdAt());
    ObjectNode shows = body.putObject("shows");
    new java.util.TreeMap<>(manifest.shows()).forEach(shows::put);
    body.put("files", manifest.files().size());
    return body;
  }
}
