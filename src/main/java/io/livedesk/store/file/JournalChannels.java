package io.livedesk.store.file;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** How the file store opens a show's journal: its one door to the disk, so a test can put a failing disk behind it. */
@FunctionalInterface
public interface JournalChannels {

  /** The journal file itself, created when missing, for reading and writing. */
  JournalChannels DISK = file -> FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
      StandardOpenOption.WRITE);

  FileChannel open(Path file) throws IOException;
}
