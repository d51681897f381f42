package io.livedesk.backup;

import io.livedesk.show.ShowError;
import io.livedesk.store.file.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/**
 * {@code --restore DIR}: checks a backup against its manifest — every file there, of its length and
 * SHA-256 — and copies it into the configured data directory, which must be absent or empty. The copy is
 * made beside the data directory and renamed into place, so a restore cut short leaves no half data
 * directory (docs/design.md §Backup and restore).
 */
public final class Restore {

  /** A manifest bigger than this is not one this server wrote. */
  private static final long MAX_MANIFEST_BYTES = 64L * 1024 * 1024;

  private Restore() {
  }

  /** Refused: the backup does not check out, or the data directory is not empty. Nothing was written. */
  public static final class Refused extends Exception {
    Refused(String message) {
      super(message);
    }
  }

  /** Restores {@code backup} into {@code dataDir} and answers its manifest. */
  public static BackupManifest restore(Path backup, Path dataDir) throws Refused, IOException {
    BackupManifest manifest = verify(backup);
    Path target = dataDir.toAbsolutePath().normalize();
    try {
      BackupTarget.checkEmpty(target);
    } catch (ShowError e) {
      throw new Refused("the data directory " + target + " is not empty: a restore only writes into an absent"
          + " or empty one");
    }
    Path staging = target.resolveSibling(target.getFileName() + ".restoring");
    if (Files.exists(staging)) {
      throw new Refused(staging + " exists (a restore cut short?): remove it and restore again");
    }
    Files.createDirectories(staging);
    for (Map.Entry<String, BackupManifest.FileSum> file : manifest.files().entrySet()) {
      Path to = staging.resolve(file.getKey());
      Files.createDirectories(to.getParent());
      BackupManifest.FileSum copied = DataDirCopy.copyPrefix(backup.resolve(file.getKey()), to, Long.MAX_VALUE);
      if (!copied.equals(file.getValue())) {
        throw new Refused(file.getKey() + " changed while it was restored; " + staging + " is left for a look");
      }
      AtomicFiles.forceDirectory(to.getParent());
    }
    if (Files.isDirectory(target)) {
      Files.delete(target);
    }
    Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
    AtomicFiles.forceDirectory(target.getParent());
    return manifest;
  }

  /** Reads the backup's manifest and checks every file it lists; answers the manifest. */
  public static BackupManifest verify(Path backup) throws Refused, IOException {
    Path manifestFile = backup.resolve(BackupManifest.NAME);
    if (!Files.isRegularFile(manifestFile)) {
      throw new Refused(backup + " has no " + BackupManifest.NAME + ": it is not a backup, or an unfinished one");
    }
    if (Files.size(manifestFile) > MAX_MANIFEST_BYTES) {
      throw new Refused(manifestFile + " is too large to be a manifest");
    }
    BackupManifest manifest;
    try {
      manifest = BackupManifest.parse(Files.readAllBytes(manifestFile));
    } catch (IOException e) {
      throw new Refused(manifestFile + " cannot be read: " + e.getMessage());
    }
    Path root = backup.toAbsolutePath().normalize();
    for (Map.Entry<String, BackupManifest.FileSum> file : manifest.files().entrySet()) {
      Path path = root.resolve(file.getKey()).normalize();
      if (!path.startsWith(root) || path.equals(root) || BackupManifest.NAME.equals(file.getKey())) {
        throw new Refused("the manifest lists " + file.getKey() + ", which is not a file of the backup");
      }
      if (!Files.isRegularFile(path)) {
        throw new Refused(file.getKey() + " is missing from the backup");
      }
      BackupManifest.FileSum actual = DataDirCopy.sumOf(path);
      if (!actual.equals(file.getValue())) {
        throw new Refused(file.getKey() + " does not match the manifest (" + actual.bytes() + " bytes, SHA-256 "
            + actual.sha256() + "; the manifest says " + file.getValue().bytes() + " bytes, "
            + file.getValue().sha256() + "): the backup was changed or damaged");
      }
    }
    return manifest;
  }
}
