package io.livedesk.store.file;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.livedesk.show.Recorded;
import io.livedesk.store.EventCodec;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
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
  /** What a seek reads to find a line's start and its seq; below it, lines are passed one by one. */
  private static final int SEEK_BLOCK = 4096;
  private static final byte[] LINE_FEED = {'\n'};

  private final String showId;
  private final FileChannel channel;
  private final ConcurrentSkipListMap<Long, Long> offsetBySeq = new ConcurrentSkipListMap<>();
  private volatile long durableSize;
  private volatile long lastSeq;
  /** Bytes of a failed write may lie past the durable end; only the store's writer thread touches this. */
  private boolean tailDirty;

  private Journal(String showId, FileChannel channel) {
    this.showId = showId;
    this.channel = channel;
  }

  /**
   * Opens the journal and drops a torn tail (a crash in the middle of a write): it was never
   * acknowledged, so dropping it loses nothing. Only the end of the file is read here; the rest is
   * read, checked and indexed by the replay that follows, which reads it all anyway.
   *
   * @throws Damaged when the last complete line looks like an event but does not decode; the file is
   *     then left exactly as it is
   */
  static Journal open(String showId, Path file, JournalChannels channels) throws IOException {
    FileChannel channel = channels.open(file);
    Journal journal = new Journal(showId, channel);
    try {
      journal.findEnd();
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
    return journal;
  }

  /**
   * Finds where the durable journal ends: after its last line shaped like an event. What follows it is
   * what a write cut short leaves (bytes after the last line feed, NUL bytes, lines that are not a JSON
   * object) and is cut off. A last event line that does not decode (a kind from a newer version, a codec
   * bug) was written whole and fsynced, so it was acknowledged: that is damage, and nothing is cut.
   */
  private void findEnd() throws IOException {
    long size = channel.size();
    long end = lastLineFeed(size) + 1;
    Recorded last = null;
    long lineStart = 0;
    while (end > 0 && last == null) {
      lineStart = lastLineFeed(end - 1) + 1;
      byte[] line = bytesAt(lineStart, end - 1);
      if (isTorn(line)) {
        end = lineStart;
        continue;
      }
      try {
        last = EventCodec.fromBytes(line, 0, line.length);
      } catch (IOException e) {
        throw damaged(lineNumberAt(lineStart), lineStart, reason(e), e);
      }
    }
    if (end < size) {
      long torn = size - end;
      long at = end;
      LOG.warning(() -> "journal of show " + showId + ": dropping a torn tail of " + torn + " bytes at byte " + at
          + " (a write cut short by a crash; it was never acknowledged)");
      channel.truncate(end);
      channel.force(true);
    }
    if (last != null) {
      offsetBySeq.put(1L, 0L);
      offsetBySeq.put(last.seq(), lineStart);
    }
    durableSize = end;
    lastSeq = last == null ? 0 : last.seq();
  }

  /**
   * Whether a complete line cannot be a stored event at all: empty, holding a NUL byte (blocks a crash
   * left unwritten read as zeros; the codec escapes every control character) or not a JSON object.
   */
  static boolean isTorn(byte[] line) {
    int from = 0;
    int to = line.length;
    for (byte b : line) {
      if (b == 0) {
        return true;
      }
    }
    while (from < to && isBlank(line[from])) {
      from++;
    }
    while (to > from && isBlank(line[to - 1])) {
      to--;
    }
    return from == to || line[from] != '{' || line[to - 1] != '}';
  }

  private static boolean isBlank(byte b) {
    return b == ' ' || b == '\t' || b == '\r';
  }

  /** The bytes in [from, to). */
  private byte[] bytesAt(long from, long to) throws IOException {
    ByteBuffer line = ByteBuffer.allocate((int) (to - from));
    int read;
    do {
      read = channel.read(line, from + line.position());
    } while (read >= 0 && line.hasRemaining());
    return line.array();
  }

  /** The number, from 1, of the line that starts at byte {@code at}: read only to report damage. */
  private long lineNumberAt(long at) throws IOException {
    long[] lines = {1};
    forEachLine(0, at, (bytes, offset, length, start) -> {
      lines[0]++;
      return true;
    });
    return lines[0];
  }

  /** The position of the last line feed before {@code before}, or -1. */
  private long lastLineFeed(long before) throws IOException {
    ByteBuffer block = ByteBuffer.allocate(64 * 1024);
    long to = before;
    while (to > 0) {
      long from = Math.max(0, to - block.capacity());
      block.clear();
      block.limit((int) (to - from));
      channel.read(block, from);
      for (int i = block.position() - 1; i >= 0; i--) {
        if (block.get(i) == '\n') {
          return from + i;
        }
      }
      to = from;
    }
    return -1;
  }

  private static final byte[] SEQ_PREFIX = "{\"seq\":".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  /** The seq a stored line begins with ({@code {"seq":N,}), or -1 when the line does not begin so. */
  static long leadingSeq(byte[] bytes, int offset, int length) {
    return length > 0 && bytes[offset + length - 1] == '}' ? seqPrefix(bytes, offset, length) : -1;
  }

  /** The N of {@code {"seq":N,} at the start of these bytes, or -1; the rest of the line is not looked at. */
  private static long seqPrefix(byte[] bytes, int offset, int length) {
    if (length < SEQ_PREFIX.length + 2) {
      return -1;
    }
    for (int i = 0; i < SEQ_PREFIX.length; i++) {
      if (bytes[offset + i] != SEQ_PREFIX[i]) {
        return -1;
      }
    }
    long seq = 0;
    int i = offset + SEQ_PREFIX.length;
    int end = offset + length;
    int digits = 0;
    while (i < end && bytes[i] >= '0' && bytes[i] <= '9' && digits < 18) {
      seq = seq * 10 + (bytes[i++] - '0');
      digits++;
    }
    return digits > 0 && i < end && bytes[i] == ',' ? seq : -1;
  }

  /**
   * The closest known line at or before the first event after {@code afterSeq}, as (seq, its start): between
   * two indexed lines the bytes are halved, reading only the seq a line starts with, instead of passing
   * every line from the journal's start (a restart from a snapshot: docs/design.md §Snapshots). Whatever
   * does not look like a line's start ends the halving where it is; the read then passes the lines from
   * there, checking each one's seq.
   */
  private Map.Entry<Long, Long> startFor(long afterSeq) throws IOException {
    long wanted = afterSeq + 1;
    Map.Entry<Long, Long> low = offsetBySeq.floorEntry(wanted);
    Map.Entry<Long, Long> high = offsetBySeq.ceilingEntry(wanted);
    if (low == null || high == null) {
      return low;
    }
    long lowSeq = low.getKey();
    long lowAt = low.getValue();
    long highSeq = high.getKey();
    long highAt = high.getValue();
    ByteBuffer block = ByteBuffer.allocate(SEEK_BLOCK);
    while (lowSeq < wanted && highAt - lowAt > SEEK_BLOCK) {
      long middle = lowAt + (highAt - lowAt) / 2;
      block.clear();
      int read = channel.read(block, middle);
      int feed = 0;
      while (feed < read && block.get(feed) != '\n') {
        feed++;
      }
      long seq = feed + 1 < read ? seqPrefix(block.array(), feed + 1, read - feed - 1) : -1;
      long lineStart = middle + feed + 1;
      if (seq <= lowSeq || seq >= highSeq || lineStart >= highAt) {
        break;
      }
      if (seq <= wanted) {
        lowSeq = seq;
        lowAt = lineStart;
      } else {
        highSeq = seq;
        highAt = lineStart;
      }
    }
    return Map.entry(lowSeq, lowAt);
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

  /**
   * Writes and fsyncs lines. On failure they are cut off again, so no partial line stays behind; should
   * even that fail, they are cut before anything else is written (a shorter batch over them would leave
   * the failed one's tail after it). Returns how long the fsync took, in nanoseconds.
   */
  long append(List<Recorded> events, ByteBuffer lines) throws IOException {
    long first = events.get(0).seq();
    if (first != lastSeq + 1) {
      throw new IOException("append to show " + showId + " starts at seq " + first + " but the journal ends at "
          + lastSeq);
    }
    long start = durableSize;
    trimTail();
    tailDirty = true;
    long fsyncNanos;
    try {
      long position = start;
      while (lines.hasRemaining()) {
        position += channel.write(lines, position);
      }
      long fsyncStart = System.nanoTime();
      channel.force(false);
      fsyncNanos = System.nanoTime() - fsyncStart;
    } catch (IOException e) {
      cutBack(e);
      throw e;
    }
    tailDirty = false;
    indexLines(events, start, lines);
    synchronized (this) {
      durableSize = start + lines.limit();
      lastSeq = events.get(events.size() - 1).seq();
    }
    return fsyncNanos;
  }

  /** Where the durable journal ends now, its seq and its length in bytes read together. */
  synchronized DurableEnd durableEnd() {
    return new DurableEnd(lastSeq, durableSize);
  }

  /** The last durable seq and the journal's length up to the end of its line: a prefix a copy may take. */
  record DurableEnd(long seq, long bytes) {}

  /**
   * Whether the journal takes a write now, storing nothing: a line feed is written after the last event,
   * fsynced and cut off again. Should a crash leave it behind, it is an empty line, a torn tail.
   */
  void probe() throws IOException {
    trimTail();
    tailDirty = true;
    try {
      channel.write(ByteBuffer.wrap(LINE_FEED), durableSize);
      channel.force(false);
      channel.truncate(durableSize);
    } catch (IOException e) {
      cutBack(e);
      throw e;
    }
    tailDirty = false;
  }

  private void trimTail() throws IOException {
    if (tailDirty) {
      channel.truncate(durableSize);
      tailDirty = false;
    }
  }

  private void cutBack(IOException failure) {
    try {
      channel.truncate(durableSize);
      tailDirty = false;
    } catch (IOException suppressed) {
      failure.addSuppressed(suppressed);
    }
  }

  /**
   * Indexes the lines of an appended batch whose seq the index keeps. A batch is seqs in a row, and only
   * one seq in {@link #INDEX_EVERY} is kept: most batches hold none and their bytes are not looked at.
   */
  private void indexLines(List<Recorded> events, long start, ByteBuffer lines) {
    long first = events.get(0).seq();
    long last = events.get(events.size() - 1).seq();
    long behind = Math.floorMod(first - 1, (long) INDEX_EVERY);
    long firstIndexed = behind == 0 ? first : first + INDEX_EVERY - behind;
    if (firstIndexed > last) {
      return;
    }
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

  /**
   * Up to {@code limit} durable events after {@code afterSeq}. Lines before them are only checked for
   * their seq; every line passed is indexed, so the replay at start indexes the whole journal. One JSON
   * parser reads the lines of a whole chunk, one event per line: a parser per line cost more than the
   * event it read.
   */
  List<Recorded> read(long afterSeq, int limit) throws IOException {
    List<Recorded> out = new ArrayList<>(Math.min(limit, 4096));
    if (afterSeq >= lastSeq) {
      return out;
    }
    Map.Entry<Long, Long> start = startFor(afterSeq);
    if (start == null) {
      return out;
    }
    long[] expected = {start.getKey()};
    ChunkReader events = new ChunkReader();
    try {
      forEachLine(start.getValue(), durableSize, (bytes, offset, length, lineStart) -> {
        long seq = expected[0]++;
        if ((seq - 1) % INDEX_EVERY == 0) {
          offsetBySeq.putIfAbsent(seq, lineStart);
        }
        if (seq <= afterSeq) {
          if (leadingSeq(bytes, offset, length) != seq) {
            throw damaged(seq, lineStart, "seq " + seq + " belongs here", null);
          }
          return true;
        }
        Recorded recorded;
        try {
          recorded = events.read(bytes, offset, length);
        } catch (IOException e) {
          throw damaged(seq, lineStart, reason(e), e);
        }
        if (recorded == null) {
          throw damaged(seq, lineStart, "there is more on the line than one event", null);
        }
        if (recorded.seq() != seq) {
          throw damaged(seq, lineStart, "it has seq " + recorded.seq() + " where " + seq + " belongs", null);
        }
        out.add(recorded);
        return out.size() < limit;
      });
    } finally {
      events.close();
    }
    return out;
  }

  /** Reads the events of consecutive lines of one chunk with one parser; a new chunk gets a new parser. */
  private static final class ChunkReader {
    private byte[] chunk;
    private int parserStart;
    private JsonParser parser;

    /** The event on the line at [offset, offset + length), or null when the line holds more than it. */
    Recorded read(byte[] bytes, int offset, int length) throws IOException {
      if (bytes != chunk) {
        close();
        chunk = bytes;
        parserStart = offset;
        parser = EventCodec.parser(bytes, offset, bytes.length - offset);
      }
      Recorded recorded = EventCodec.read(parser);
      long end = parserStart + parser.currentLocation().getByteOffset();
      return end == offset + length ? recorded : null;
    }

    void close() throws IOException {
      if (parser != null) {
        parser.close();
        parser = null;
      }
    }
  }

  /** Line {@code line} (line n holds seq n) starting at byte {@code at} cannot be read, for {@code why}. */
  private Damaged damaged(long line, long at, String why, Throwable cause) {
    return new Damaged("journal of show " + showId + " is corrupt at byte " + at + " (line " + line + "): " + why, cause);
  }

  /** Why a line did not decode, without the parser's location: the line and byte are said already. */
  private static String reason(IOException e) {
    return e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage();
  }

  /** A stored line that cannot be decoded: the show's history is damaged, not merely unreadable now. */
  static final class Damaged extends IOException {
    Damaged(String message, Throwable cause) {
      super(message, cause);
    }
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
