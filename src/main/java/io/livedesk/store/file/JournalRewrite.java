package io.livedesk.store.file;

import io.livedesk.store.ViewerPseudonyms;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** A journal's lines rewritten into another file with its viewers' pseudonyms, then swapped in atomically. */
final class JournalRewrite {

  private static final int CHUNK = 1 << 20;

  private JournalRewrite() {
  }

  /**
   * Rewrites the complete lines of {@code journal} in [from, to) and appends them to {@code into}, fsynced.
   * {@code from} and {@code to} are line ends (durable ends of the journal).
   */
  static void rewrite(Path journal, long from, long to, Path into, ViewerPseudonyms names) throws IOException {
    try (FileChannel in = FileChannel.open(journal, StandardOpenOption.READ);
        FileChannel out = FileChannel.open(into, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
            StandardOpenOption.APPEND)) {
      ByteArrayOutputStream line = new ByteArrayOutputStream(1024);
      ByteBuffer buffer = ByteBuffer.allocate(CHUNK);
      long position = from;
      while (position < to) {
        buffer.clear();
        buffer.limit((int) Math.min(CHUNK, to - position));
        int read = in.read(buffer, position);
        if (read <= 0) {
          throw new IOException("the journal ends at byte " + position + ", before " + to);
        }
        position += read;
        ByteArrayOutputStream rewritten = new ByteArrayOutputStream(read + 1024);
        for (int i = 0; i < read; i++) {
          byte b = buffer.get(i);
          if (b == '\n') {
            rewritten.writeBytes(names.line(line.toByteArray()));
            rewritten.write('\n');
            line.reset();
          } else {
            line.write(b);
          }
        }
        ByteBuffer bytes = ByteBuffer.wrap(rewritten.toByteArray());
        while (bytes.hasRemaining()) {
          out.write(bytes);
        }
      }
      if (line.size() > 0) {
        throw new IOException("the journal's bytes up to " + to + " do not end with a whole line");
      }
      out.force(true);
    }
  }

  /** Renames the rewritten journal over the old one and fsyncs the folder. */
  static void swap(Path rewritten, Path journal) throws IOException {
    AtomicFiles.replace(rewritten, journal);
  }
}
