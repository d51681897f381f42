package io.livedesk.store;

import io.livedesk.show.Recorded;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.logging.Logger;

/**
 * One show's JSON-lines journal. Appends come from the store's single writer thread; reads may come
 * from any thread and only ever see lines that were fsynced.
 */
final class Journal implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(Journal.class.getName());
  /** One index entry per this many events keeps seeks short and the index small. */
  private static final int INDEX_EVERY = 1024;
  private static final int READ_CHUNK = 1 << 20;

  private final String showId;
  private final FileChannel channel;
  private final ConcurrentSkipListMap<Long, Long> offsetBySeq = new ConcurrentSkipListMap<>();
  private volatile long durableSize;
  private volatile long lastSeq;

  private Journal(String showId, FileChannel channel) {
    this.showId = showId;
    this.channel = channel;
  }

  /**
   * Opens the journal, indexes it and drops a torn last line (a crash in the middle of a write): such a
   * line was never acknowledged, so dropping it loses nothing.
   */
  static Journal open(String showId, Path file) throws IOException {
    FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
        StandardOpenOption.WRITE);
    Journal journal = new Journal(showId, channel);
    try {
      journal.scan();
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
    return journal;
  }

  private void scan() throws IOException {
    long size = channel.size();
    long[] expected = {1};
    long[] goodEnd = {0};
    forEachLine(0, size, (bytes, offset, length, lineStart) -> {
      Recorded recorded;
      try {
        recorded = EventCodec.fromBytes(bytes, offset, length);
      } catch (IOException e) {
        if (lineStart + length + 1 >= size) {
          return false;
        }
        throw new IOException("journal of show " + showId + " is corrupt at byte " + lineStart + ": "
            + e.getMessage(), e);
      }
      if (recorded.seq() != expected[0]) {
        throw new IOException("journal of show " + showId + " has seq " + recorded.seq() + " where "
            + expected[0] + " belongs (byte " + lineStart + ")");
      }
      if ((expected[0] - 1) % INDEX_EVERY == 0) {
        offsetBySeq.put(expected[0], lineStart);
      }
      expected[0]++;
      goodEnd[0] = lineStart + length + 1;
      return true;
    });
    if (goodEnd[0] < size) {
      long torn = size - goodEnd[0];
      long at = goodEnd[0];
      LOG.warning(() -> "journal of show " + showId + ": dropping a torn last line of " + torn
          + " bytes at byte " + at + " (a write cut short by a crash; it was never acknowledged)");
      channel.truncate(goodEnd[0]);
      channel.force(true);
    }
    durableSize = goodEnd[0];
    lastSeq = expected[0] - 1;
  }

  /** One line of the journal, without its line feed; answers whether to read on. */
  private interface LineVisitor {
    boolean visit(byte[] bytes, int offset, int length, long lineStart) throws IOException;
  }

  /** Reads the complete lines between two byte positions, in chunks, handing each to the visitor. */
  private void forEachLine(long from, long end, LineVisitor visitor) throws IOException {
    long position = from;
    long lineStart = from;
    ByteBuffer buffer = ByteBuffer.allocate(READ_CHUNK);
    byte[] carry = new byte[0];
    while (position < end) {
      buffer.clear();
      buffer.limit((int) Math.min(READ_CHUNK, end - position));
      int read = channel.read(buffer, position);
      if (read <= 0) {
        return;
      }
      byte[] chunk = new byte[carry.length + read];
      System.arraycopy(carry, 0, chunk, 0, carry.length);
      buffer.flip();
      buffer.get(chunk, carry.length, read);
      int lineFrom = 0;
      for (int i = 0; i < chunk.length; i++) {
        if (chunk[i] == '\n') {
          if (!visitor.visit(chunk, lineFrom, i - lineFrom, lineStart)) {
            return;
          }
          lineStart += i - lineFrom + 1;
          lineFrom = i + 1;
        }
      }
      carry = new byte[chunk.length - lineFrom];
      System.arraycopy(chunk, lineFrom, carry, 0, carry.length);
      position += read;
    }
  }

  long lastSeq() {
    return lastSeq;
  }

  /** Writes and fsyncs lines; on failure the file is cut back so no partial line stays behind. */
  void append(List<Recorded> events, ByteBuffer lines) throws IOException {
    long first = events.get(0).seq();
    if (first != lastSeq + 1) {
      throw new IOException("append to show " + showId + " starts at seq " + first + " but the journal ends at "
          + lastSeq);
    }
    long start = durableSize;
    try {
      long position = start;
      while (lines.hasRemaining()) {
        position += channel.write(lines, position);
      }
      channel.force(false);
    } catch (IOException e) {
      try {
        channel.truncate(start);
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
    indexLines(events, start, lines);
    durableSize = start + lines.limit();
    lastSeq = events.get(events.size() - 1).seq();
  }

  private void indexLines(List<Recorded> events, long start, ByteBuffer lines) {
    long offset = start;
    int event = 0;
    for (int i = 0; i < lines.limit(); i++) {
      if (lines.get(i) == '\n') {
        long seq = events.get(event).seq();
        if ((seq - 1) % INDEX_EVERY == 0) {
          offsetBySeq.put(seq, offset);
        }
        offset = start + i + 1;
        event++;
      }
    }
  }

  /** Up to {@code limit} durable events after {@code afterSeq}. */
  List<Recorded> read(long afterSeq, int limit) throws IOException {
    List<Recorded> out = new ArrayList<>(Math.min(limit, 4096));
    Map.Entry<Long, Long> start = offsetBySeq.floorEntry(afterSeq + 1);
    if (start == null || afterSeq >= lastSeq) {
      return out;
    }
    forEachLine(start.getValue(), durableSize, (bytes, offset, length, lineStart) -> {
      Recorded recorded = EventCodec.fromBytes(bytes, offset, length);
      if (recorded.seq() > afterSeq) {
        out.add(recorded);
      }
      return out.size() < limit;
    });
    return out;
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
