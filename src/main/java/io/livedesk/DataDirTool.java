package io.livedesk;

import io.livedesk.backup.BackupManifest;
import io.livedesk.backup.Backups;
import io.livedesk.backup.Restore;
import io.livedesk.json.Json;
import io.livedesk.show.ShowError;

/** {@code --backup DIR} and {@code --restore DIR}: a data directory copied while no server runs on it. */
final class DataDirTool {

  private DataDirTool() {
  }

  /** Runs the one asked for and answers the exit status: 0 done, 1 refused or failed. */
  static int run(Config config, String backupDir, String restoreDir) {
    if (config.store() != Config.StoreKind.FILE) {
      System.err.println("livedesk: the history is in PostgreSQL here: back up and restore its tables with"
          + " pg_dump and pg_restore (docs/design.md §Backup and restore)");
      return 1;
    }
    try {
      if (backupDir != null) {
        System.out.println(new String(Json.bytes(Backups.backUpStopped(config.dataDir(), backupDir)),
            java.nio.charset.StandardCharsets.UTF_8));
      } else {
        BackupManifest manifest = Restore.restore(java.nio.file.Path.of(restoreDir), config.dataDir());
        System.out.println("livedesk: restored " + manifest.shows().size() + " shows (" + manifest.files().size()
            + " files, taken at " + java.time.Instant.ofEpochMilli(manifest.createdAt()) + ") into "
            + config.dataDir().toAbsolutePath().normalize());
      }
      return 0;
    } catch (Restore.Refused | ShowError e) {
      System.err.println("livedesk: refused: " + e.getMessage());
      return 1;
    } catch (Exception e) {
      Throwable cause = e.getCause() instanceof ShowError shown ? shown : e;
      System.err.println("livedesk: " + (restoreDir != null ? "restore" : "backup") + " failed: " + cause.getMessage());
      return 1;
    }
  }
}
