package io.livedesk.backup;

import io.livedesk.store.EventUpcaster;
import io.livedesk.store.file.AtomicFiles;
import io.livedesk.store.file.FileEventStore;
import io.livedesk.store.file.FileEventStore.ShowCheckpoint;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Copies a data directory while the server writes to it (docs/design.md §Backup and restore). Journals are
 * append-only, so each show's journal is copied up to the length its checkpoint gives, and its record file
 * is the checkpoint's bytes; every other file is written whole and atomically by whoever owns it, so it is
 * copied as it is. Temporary files and locks are left out. {@code backup.json} is written last. Blocking:
 * run on a worker thread.
 */
final class DataDirCopy {

  private static final int CHUNK = 1 << 20;

  private DataDirCopy() {
  }

  /**
   * Copies {@code dataDir} into {@code target} (absent or empty; checked by the caller): shows as
   * {@code checkpoints} has them, the shows {@code outOfService} names with their files as they are, and
   * shows created after the checkpoint not at all.
   */
  static BackupManifest copy(Path dataDir, Path target, Map<String, ShowCheckpoint> checkpoints,
      Set<String> outOfService, long now) throws IOException {
    Files.createDirectories(target);
    Map<String, BackupManifest.FileSum> files = new TreeMap<>();
    Set<Path> dirs = new TreeSet<>();
    for (Path file : filesOf(dataDir)) {
      Path relative = dataDir.relativize(file);
      String name = relative.toString().replace(file.getFileSystem().getSeparator(), "/");
      Path to = target.resolve(relative);
      String showId = showOf(relative);
      ShowCheckpoint show = showId == null ? null : checkpoints.get(showId);
      if (showId != null && show == null && !outOfService.contains(showId)) {
        continue;
      }
      Files.createDirectories(to.getParent());
      dirs.add(to.getParent());
      BackupManifest.FileSum sum;
      try {
        if (show != null && relative.getFileName().toString().equals(FileEventStore.RECORD)) {
          sum = write(to, show.record());
        } else if (show != null && relative.getFileName().toString().equals(FileEventStore.JOURNAL)) {
          sum = copyPrefix(file, to, show.journalBytes());
        } else {
          sum = copyPrefix(file, to, Long.MAX_VALUE);
        }
      } catch (NoSuchFileException gone) {
        continue;
      }
      files.put(name, sum);
    }
    for (Path dir : dirs) {
      AtomicFiles.forceDirectory(dir);
    }
    Map<String, Long> shows = new TreeMap<>();
    checkpoints.forEach((id, show) -> shows.put(id, show.seq()));
    BackupManifest manifest = new BackupManifest(now, BackupManifest.serverVersion(), EventUpcaster.CURRENT, shows,
        files);
    Path tmp = target.resolve(BackupManifest.NAME + ".tmp");
    write(tmp, manifest.toBytes());
    AtomicFiles.replace(tmp, target.resolve(BackupManifest.NAME));
    return manifest;
  }

  /** Every regular file under {@code dir} but temporary files and locks, symbolic links not followed. */
  static List<Path> filesOf(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(path -> Files.isRegularFile(path, java.nio.file.LinkOption.NOFOLLOW_LINKS))
          .filter(path -> !isScratch(path.getFileName().toString()))
          .sorted()
          .toList();
    }
  }

  /** Whether a file is a writer's scratch (a {@code .tmp} or {@code .partial} before its rename, a lock), never part of a copy. */
  static boolean isScratch(String name) {
    return name.endsWith(".tmp") || name.contains(".tmp.") || name.endsWith(".lock") || name.endsWith(".partial");
  }

  /** The show a file belongs to ({@code shows/<id>/…}), or null for a file outside the shows' folders. */
  private static String showOf(Path relative) {
    return relative.getNameCount() >= 3 && relative.getName(0).toString().equals(FileEventStore.SHOWS)
        ? relative.getName(1).toString() : null;
  }

  /** Copies at most {@code limit} bytes of {@code from} into a new file {@code to}, fsynced, and answers its sum. */
  static BackupManifest.FileSum copyPrefix(Path from, Path to, long limit) throws IOException {
    MessageDigest sha = sha256();
    long copied = 0;
    try (FileChannel in = FileChannel.open(from, StandardOpenOption.READ);
        FileChannel out = FileChannel.open(to, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      ByteBuffer buffer = ByteBuffer.allocate(CHUNK);
      while (copied < limit) {
        buffer.clear();
        buffer.limit((int) Math.min(CHUNK, limit - copied));
        int read = in.read(buffer, copied);
        if (read <= 0) {
          break;
        }
        buffer.flip();
        sha.update(buffer.duplicate());
        while (buffer.hasRemaining()) {
          out.write(buffer);
        }
        copied += read;
      }
      out.force(true);
    }
    if (limit != Long.MAX_VALUE && copied != limit) {
      throw new IOException(from + " holds " + copied + " bytes, fewer than the " + limit + " checkpointed");
    }
    return new BackupManifest.FileSum(copied, HexFormat.of().formatHex(sha.digest()));
  }

  /** Writes {@code bytes} into a new file, fsynced, and answers its sum. */
  static BackupManifest.FileSum write(Path to, byte[] bytes) throws IOException {
    try (FileChannel out = FileChannel.open(to, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      while (buffer.hasRemaining()) {
        out.write(buffer);
      }
      out.force(true);
    }
    return new BackupManifest.FileSum(bytes.length, HexFormat.of().formatHex(sha256().digest(bytes)));
  }

  /** The sum of a whole file, read in chunks. */
  static BackupManifest.FileSum sumOf(Path file) throws IOException {
    MessageDigest sha = sha256();
    long length = 0;
    try (InputStream in = Files.newInputStream(file)) {
      byte[] chunk = new byte[CHUNK];
      int read;
      while ((read = in.read(chunk)) > 0) {
        sha.update(chunk, 0, read);
        length += read;
      }
    }
    return new BackupManifest.FileSum(length, HexFormat.of().formatHex(sha.digest()));
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
