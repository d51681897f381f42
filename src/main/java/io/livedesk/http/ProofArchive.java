package io.livedesk.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.livedesk.json.Json;
import io.livedesk.lottery.DrawVerifier;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Lottery proofs (docs/protocol.md §Lottery draw, bit for bit): a drawn lottery's proof never changes, so it
 * is built once, off the show's writer, written under the data directory and from then on served as those
 * bytes without asking the show again. Memory holds only which proofs are on disk.
 */
final class ProofArchive {

  /** What a drawn lottery's proof is made of, read from the show in one step that copies nothing. */
  record Drawn(String lotteryId, String itemId, String commitment, int winnersCount, String seed,
      String entrantsHash, List<String> entrants, List<String> winners) {}

  /** The answer to a proof request: the stored bytes of a drawn lottery, or the proof so far of one not drawn. */
  sealed interface Proof permits Stored, SoFar {}

  record Stored(Path file) implements Proof {}

  record SoFar(ObjectNode body) implements Proof {}

  private final Vertx vertx;
  private final BackOffice backOffice;
  private final Path dir;
  private final Set<String> onDisk = ConcurrentHashMap.newKeySet();
  private final Map<String, Future<Proof>> writing = new ConcurrentHashMap<>();

  ProofArchive(Vertx vertx, BackOffice backOffice, Path dataDir) {
    this.vertx = vertx;
    this.backOffice = backOffice;
    this.dir = dataDir.resolve("proofs");
  }

  /**
   * The proof of a lottery; {@code fromShow} (a {@link Drawn} or the body so far) is asked only while the
   * proof is not stored yet. Both ids are already checked to be safe file names.
   */
  Future<Proof> proof(String showId, String lotteryId, Supplier<Future<Object>> fromShow) {
    String key = showId + "/" + lotteryId;
    Path file = dir.resolve(showId).resolve(lotteryId + ".json");
    if (onDisk.contains(key)) {
      return Future.succeededFuture(new Stored(file));
    }
    Promise<Proof> promise = Promise.promise();
    Future<Proof> running = writing.putIfAbsent(key, promise.future());
    if (running != null) {
      return running;
    }
    vertx.fileSystem().exists(file.toString())
        .compose(exists -> exists ? Future.succeededFuture(new Stored(file)) : fromShow.get().compose(found ->
            found instanceof Drawn drawn ? backOffice.run(() -> write(file, drawn)) : Future.succeededFuture(
                new SoFar((ObjectNode) found))))
        .onComplete(done -> {
          if (done.succeeded() && done.result() instanceof Stored) {
            onDisk.add(key);
          }
          writing.remove(key);
          promise.handle(done);
        });
    return promise.future();
  }

  /** Writes the proof whole or not at all, so a proof on disk is always a complete one. */
  private static Proof write(Path file, Drawn drawn) throws java.io.IOException {
    Files.createDirectories(file.getParent());
    Path partial = file.resolveSibling(file.getFileName() + ".partial");
    Files.write(partial, Json.bytes(body(drawn)));
    Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    return new Stored(file);
  }

  /** The published proof, checked by the same rules anyone verifying it uses. */
  static ObjectNode body(Drawn drawn) {
    ObjectNode proof = Json.object();
    proof.put("lotteryId", drawn.lotteryId());
    proof.put("itemId", drawn.itemId());
    proof.put("commitment", drawn.commitment());
    proof.put("winnersCount", drawn.winnersCount());
    proof.put("phase", "drawn");
    proof.put("entrantsHash", drawn.entrantsHash());
    proof.put("entrantCount", drawn.entrants().size());
    proof.put("seed", drawn.seed());
    proof.set("entrants", Json.tree(drawn.entrants()));
    proof.set("winners", Json.tree(drawn.winners()));
    proof.put("verified", DrawVerifier.verify(drawn.seed(), drawn.commitment(), drawn.entrants(),
        drawn.entrantsHash(), drawn.winners(), drawn.winnersCount()));
    return proof;
  }
}
