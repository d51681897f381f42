package io.livedesk.backup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.livedesk.json.Json;
import io.livedesk.store.EventUpcaster;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code backup.json}, written last into a backup (docs/design.md §Backup and restore): when it was taken,
 * by which version, each show's seq, and every other file of the copy with its length and SHA-256. A backup
 * without it is unfinished; a file that does not match it is refused at restore.
 *
 * @param shows each show's last seq in the copy
 * @param files each copied file, by its path relative to the data directory ({@code /}-separated)
 */
public record BackupManifest(long createdAt, String version, int storedVersion, Map<String, Long> shows,
    Map<String, FileSum> files) {

  public static final String NAME = "backup.json";
  static final int FORMAT = 1;

  public BackupManifest {
    shows = Map.copyOf(shows);
    files = Map.copyOf(files);
  }

  /** One copied file: its length and the lower-case hex SHA-256 of its bytes. */
  public record FileSum(long bytes, String sha256) {}

  /** The server's version as its jar names it, {@code dev} when run from classes. */
  static String serverVersion() {
    String version = BackupManifest.class.getPackage().getImplementationVersion();
    return version == null ? "dev" : version;
  }

  byte[] toBytes() {
    ObjectNode node = Json.object();
    node.put("format", FORMAT);
    node.put("createdAt", createdAt);
    node.put("version", version);
    node.put("storedVersion", storedVersion);
    ObjectNode showSeqs = node.putObject("shows");
    new TreeMap<>(shows).forEach(showSeqs::put);
    ObjectNode fileSums = node.putObject("files");
    new TreeMap<>(files).forEach((path, sum) -> fileSums.putObject(path).put("bytes", sum.bytes())
        .put("sha256", sum.sha256()));
    return Json.bytes(node);
  }

  /** Reads a manifest, refusing one this version cannot restore. */
  static BackupManifest parse(byte[] bytes) throws IOException {
    JsonNode node = Json.parse(bytes);
    if (!node.isObject() || node.path("format").asInt(-1) != FORMAT) {
      throw new IOException("not a backup manifest of format " + FORMAT);
    }
    int stored = node.path("storedVersion").asInt(-1);
    if (stored < 1 || stored > EventUpcaster.CURRENT) {
      throw new IOException("the backup holds stored version " + stored + "; this server reads up to "
          + EventUpcaster.CURRENT);
    }
    Map<String, Long> shows = new TreeMap<>();
    node.path("shows").fields().forEachRemaining(e -> shows.put(e.getKey(), e.getValue().asLong()));
    Map<String, FileSum> files = new TreeMap<>();
    for (var it = node.path("files").fields(); it.hasNext(); ) {
      var e = it.next();
      JsonNode sum = e.getValue();
      if (!sum.path("bytes").canConvertToLong() || !sum.path("sha256").isTextual()) {
        throw new IOException("the manifest's entry for " + e.getKey() + " lacks its length or checksum");
      }
      files.put(e.getKey(), new FileSum(sum.get("bytes").asLong(), sum.get("sha256").asText()));
    }
    return new BackupManifest(node.path("createdAt").asLong(), node.path("version").asText(), stored, shows, files);
  }
}
