package io.livedesk.testing;

import io.livedesk.store.file.JournalChannels;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Journals on a disk that a test can break for one show (full, failing, read-only) and heal again: the
 * chosen operations on that show's journal throw, as the operating system would.
 */
public final class FailingDisk implements JournalChannels {

  /** What a broken disk refuses. */
  public enum Op { WRITE, FORCE, TRUNCATE }

  private record Fault(String error, Set<Op> ops) {}

  private final Map<String, Fault> faults = new ConcurrentHashMap<>();
  private final AtomicInteger reads = new AtomicInteger();
  private final AtomicInteger writes = new AtomicInteger();

  /** From now on the journal of {@code showId} refuses {@code ops} with {@code error}. */
  public void fail(String showId, String error, Op... ops) {
    faults.put(showId, new Fault(error, EnumSet.of(ops[0], ops)));
  }

  public void heal(String showId) {
    faults.remove(showId);
  }

  /** Reads of any journal so far: a replay of a show's history reads its journal. */
  public int reads() {
    return reads.get();
  }

  /** Writes attempted on any journal so far, the refused ones included. */
  public int writes() {
    return writes.get();
  }

  @Override
  public FileChannel open(Path file) throws IOException {
    return new Channel(file.getParent().getFileName().toString(), JournalChannels.DISK.open(file));
  }

  private final class Channel extends FileChannel {
    private final String showId;
    private final FileChannel disk;

    Channel(String showId, FileChannel disk) {
      this.showId = showId;
      this.disk = disk;
    }

    private void check(Op op) throws IOException {
      Fault fault = faults.get(showId);
      if (fault != null && fault.ops().contains(op)) {
        throw new IOException(fault.error());
      }
    }

    @Override
    public int read(ByteBuffer dst, long position) throws IOException {
      reads.incrementAndGet();
      return disk.read(dst, position);
    }

    @Override
    public int write(ByteBuffer src, long position) throws IOException {
      writes.incrementAndGet();
      check(Op.WRITE);
      return disk.write(src, position);
    }

    @Override
    public void force(boolean metaData) throws IOException {
      check(Op.FORCE);
      disk.force(metaData);
    }

    @Override
    public FileChannel truncate(long size) throws IOException {
      check(Op.TRUNCATE);
      disk.truncate(size);
      return this;
    }

    @Override
    public long size() throws IOException {
      return disk.size();
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
      reads.incrementAndGet();
      return disk.read(dst);
    }

    @Override
    public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
      reads.incrementAndGet();
      return disk.read(dsts, offset, length);
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
      writes.incrementAndGet();
      check(Op.WRITE);
      return disk.write(src);
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
      writes.incrementAndGet();
      check(Op.WRITE);
      return disk.write(srcs, offset, length);
    }

    @Override
    public long position() throws IOException {
      return disk.position();
    }

    @Override
    public FileChannel position(long newPosition) throws IOException {
      disk.position(newPosition);
      return this;
    }

    @Override
    public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
      return disk.transferTo(position, count, target);
    }

    @Override
    public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
      check(Op.WRITE);
      return disk.transferFrom(src, position, count);
    }

    @Override
    public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
      return disk.map(mode, position, size);
    }

    @Override
    public FileLock lock(long position, long size, boolean shared) throws IOException {
      return disk.lock(position, size, shared);
    }

    @Override
    public FileLock tryLock(long position, long size, boolean shared) throws IOException {
      return disk.tryLock(position, size, shared);
    }

    @Override
    protected void implCloseChannel() throws IOException {
      disk.close();
    }
  }
}
