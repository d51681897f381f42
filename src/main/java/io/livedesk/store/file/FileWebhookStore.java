package io.livedesk.store.file;

import io.livedesk.json.Json;
import io.livedesk.store.WebhookRecord;
import io.livedesk.store.WebhookStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Webhooks under {@code <dataDir>/webhooks/<id>/}: {@code webhook.json} (its secret included) and one file
 * per show in {@code cursors/}, each holding the seq last acknowledged, every file replaced atomically.
 */
public final class FileWebhookStore implements WebhookStore {

  private final Vertx vertx;
  private final Path dir;

  public FileWebhookStore(Vertx vertx, Path dataDir) {
    this.vertx = vertx;
    this.dir = dataDir.resolve("webhooks");
  }

  @Override
  public Future<List<WebhookRecord>> webhooks() {
    return vertx.executeBlocking(() -> {
      List<WebhookRecord> out = new ArrayList<>();
      if (!Files.isDirectory(dir)) {
        return out;
      }
      try (Stream<Path> dirs = Files.list(dir)) {
        for (Path webhookDir : dirs.sorted().toList()) {
          Path file = webhookDir.resolve("webhook.json");
          if (Files.isRegularFile(file)) {
            out.add(Json.convert(Json.parse(Files.readAllBytes(file)), WebhookRecord.class));
          }
        }
      }
      out.sort(Comparator.comparingLong(WebhookRecord::createdAt));
      return out;
    }, false);
  }

  @Override
  public Future<Void> save(WebhookRecord webhook) {
    return vertx.executeBlocking(() -> {
      Path webhookDir = dir.resolve(webhook.id());
      Files.createDirectories(webhookDir.resolve("cursors"));
      AtomicFiles.forceDirectory(dir);
      AtomicFiles.write(webhookDir.resolve("webhook.json"), Json.bytes(webhook));
      return null;
    }, false);
  }

  @Override
  public Future<Void> delete(String webhookId) {
    return vertx.executeBlocking(() -> {
      Path webhookDir = dir.resolve(webhookId);
      if (!Files.isDirectory(webhookDir)) {
        return null;
      }
      // the definition goes first: a crash halfway leaves cursors that nothing reads
      Files.deleteIfExists(webhookDir.resolve("webhook.json"));
      try (Stream<Path> files = Files.walk(webhookDir)) {
        for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(path);
        }
      }
      AtomicFiles.forceDirectory(dir);
      return null;
    }, false);
  }

  @Override
  public Future<Map<String, Long>> cursors(String webhookId) {
    return vertx.executeBlocking(() -> {
      Map<String, Long> out = new TreeMap<>();
      Path cursors = dir.resolve(webhookId).resolve("cursors");
      if (!Files.isDirectory(cursors)) {
        return out;
      }
      try (Stream<Path> files = Files.list(cursors)) {
        for (Path file : files.toList()) {
          String name = file.getFileName().toString();
          if (name.endsWith(".seq")) {
            out.put(name.substring(0, name.length() - 4), readSeq(file));
          }
        }
      }
      return out;
    }, false);
  }

  private static long readSeq(Path file) throws IOException {
    try {
      return Long.parseLong(Files.readString(file, StandardCharsets.US_ASCII).strip());
    } catch (NumberFormatException e) {
      throw new IOException("the webhook cursor " + file + " is not a seq", e);
    }
  }

  @Override
  public Future<Void> saveCursor(String webhookId, String showId, long seq) {
    return vertx.executeBlocking(() -> {
      Path cursors = dir.resolve(webhookId).resolve("cursors");
      if (!Files.isDirectory(cursors)) {
        throw new IOException("webhook " + webhookId + " is gone");
      }
      AtomicFiles.write(cursors.resolve(showId + ".seq"), (seq + "\n").getBytes(StandardCharsets.US_ASCII));
      return null;
    }, false);
  }

}
