package io.livedesk.backup;

import io.livedesk.show.ErrorCode;
import io.livedesk.show.ShowError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Where a backup may go, or a restore may write (docs/protocol.md §Backup and restore): an absolute path of
 * at most {@value #MAX_LENGTH} characters, outside the data directory, that is absent or an empty directory.
 */
final class BackupTarget {

  static final int MAX_LENGTH = 1024;

  private BackupTarget() {
  }

  /** The path as asked for, checked for its form: INVALID_ARGUMENT when it is not absolute or too long. */
  static Path parse(String dir) {
    if (dir == null || dir.isBlank() || dir.length() > MAX_LENGTH || dir.indexOf('\0') >= 0) {
      throw ShowError.invalid("dir must be an absolute path of 1 to " + MAX_LENGTH + " characters");
    }
    Path path;
    try {
      path = Path.of(dir);
    } catch (InvalidPathException e) {
      throw ShowError.invalid("dir is not a path: " + e.getReason());
    }
    if (!path.isAbsolute()) {
      throw ShowError.invalid("dir must be an absolute path");
    }
    return path.normalize();
  }

  /**
   * Checks {@code target} against the data directory and what is there now (blocking): INVALID_ARGUMENT
   * inside the data directory, CONFLICT when it holds anything.
   */
  static void checkOutside(Path target, Path dataDir) throws IOException {
    Path data = real(dataDir.toAbsolutePath().normalize());
    Path asked = real(target);
    if (asked.startsWith(data)) {
      throw ShowError.invalid("dir " + target + " is inside the data directory; choose a place outside it");
    }
    if (data.startsWith(asked)) {
      throw ShowError.invalid("dir " + target + " holds the data directory; choose a place outside it");
    }
  }

  /** CONFLICT unless {@code target} is absent or an empty directory. */
  static void checkEmpty(Path target) throws IOException {
    if (!Files.exists(target)) {
      return;
    }
    if (!Files.isDirectory(target)) {
      throw new ShowError(ErrorCode.CONFLICT, target + " exists and is not a directory");
    }
    try (Stream<Path> entries = Files.list(target)) {
      if (entries.findAny().isPresent()) {
        throw new ShowError(ErrorCode.CONFLICT, target + " is not empty; a backup goes into an absent or empty"
            + " directory");
      }
    }
  }

  /** The path with the symbolic links of its longest existing part resolved, the rest as written. */
  private static Path real(Path path) throws IOException {
    Path existing = path;
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing == null) {
      return path;
    }
    return existing.toRealPath().resolve(existing.relativize(path)).normalize();
  }
}
