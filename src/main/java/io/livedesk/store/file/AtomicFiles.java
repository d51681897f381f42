package io.livedesk.store.file;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * A file of the data directory replaced whole or not at all: written to a temporary file, fsynced, renamed
 * over the old one, and the folder fsynced (docs/design.md §Stores).
 */
public final class AtomicFiles {

  private AtomicFiles() {
  }

  /** Writes {@code bytes} as {@code file}'s new content, whole or not at all. */
  public static void write(Path file, byte[] bytes) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      channel.force(true);
    }
    replace(tmp, file);
  }

  /** Renames {@code written} (fsynced already) over {@code file}, then fsyncs the folder. */
  public static void replace(Path written, Path file) throws IOException {
    try {
      Files.move(written, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(written, file, StandardCopyOption.REPLACE_EXISTING);
    }
    forceDirectory(file.getParent());
  }

  /** Fsyncs a folder, so a rename in it is durable; some file systems cannot, and then the files' own fsync stands. */
  public static void forceDirectory(Path dir) {
    if (dir == null) {
      return;
    }
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException ignored) {
      // some file systems cannot fsync a directory; every file in it was fsynced
    }
  }
}
