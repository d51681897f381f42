package io.livedesk.engine;

import io.livedesk.report.ShowFigures;
import io.livedesk.show.LotteryAlgorithm;
import io.livedesk.show.Recorded;
import io.livedesk.show.ShowState;
import io.livedesk.store.EventUpcaster;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.logging.Logger;
import java.util.zip.CRC32C;

/**
 * The stored form of a show's snapshot (docs/design.md §Snapshots): the folded state and figures at one
 * seq, so a restart replays only the events after it. A header names the format, the stored-event version
 * and the show; a CRC32C over everything before it ends the bytes. Whatever does not check out is refused
 * with {@link Refused}, and the caller replays the whole history instead: a snapshot saves time, it never
 * decides what the state is.
 */
public final class Snapshots {

  /** Raised whenever the folded state's classes or their meaning change: older snapshots are then refused. */
  public static final int FORMAT = 2;
  private static final int MAGIC = 0x4c44534e; // "LDSN"

  /** The folded show at one seq: the state and the figures, as the replica keeps them. */
  public record Folded(ShowState state, ShowFigures figures) {
    public long seq() {
      return state.seq();
    }

    /** Folds the next event into both, as the replica does. */
    public void fold(Recorded recorded) {
      state.evolve(recorded);
      figures.apply(recorded, state);
    }
  }

  /** A snapshot that cannot be used, with why. */
  public static final class Refused extends Exception {
    Refused(String why) {
      super(why);
    }

    Refused(String why, Throwable cause) {
      super(why, cause);
    }
  }

  /** Only the folded state's own classes, Java's collections, boxes and arrays may be read back. */
  private static final ObjectInputFilter CLASSES = ObjectInputFilter.Config.createFilter(
      "maxdepth=64;io.livedesk.show.*;io.livedesk.report.*;io.livedesk.lottery.*;java.util.*;java.lang.*;!*");

  private static final Logger LOG = Logger.getLogger(Snapshots.class.getName());

  private Snapshots() {
  }

  /**
   * The snapshot's fold, or null (logged) when it cannot be trusted for a history known to reach
   * {@code lastSeq}: one past that end is from a history longer than the one kept (a journal restored from
   * an older backup), and is treated as absent. CPU work for a worker thread.
   */
  public static Folded usable(String showId, byte[] bytes, LotteryAlgorithm lottery, long lastSeq) {
    try {
      Folded folded = read(showId, bytes, lottery);
      if (folded.seq() > lastSeq) {
        throw new Refused("it is at seq " + folded.seq() + ", after the history's end " + lastSeq);
      }
      return folded;
    } catch (Refused refused) {
      LOG.warning(() -> "show " + showId + ": its snapshot is not used, " + refused.getMessage());
      return null;
    }
  }

  /** Writes a fold that no other thread changes (a copy); CPU work for a worker thread. */
  public static byte[] write(String showId, Folded folded) {
    try {
      ByteArrayOutputStream body = new ByteArrayOutputStream(1 << 16);
      try (ObjectOutputStream out = new ObjectOutputStream(body)) {
        out.writeObject(folded.state());
        out.writeObject(folded.figures());
      }
      ByteArrayOutputStream all = new ByteArrayOutputStream(body.size() + 64);
      DataOutputStream data = new DataOutputStream(all);
      data.writeInt(MAGIC);
      data.writeInt(FORMAT);
      data.writeInt(EventUpcaster.CURRENT);
      data.writeLong(folded.seq());
      data.writeUTF(showId);
      data.writeInt(body.size());
      body.writeTo(data);
      CRC32C crc = new CRC32C();
      crc.update(all.toByteArray());
      data.writeInt((int) crc.getValue());
      data.flush();
      return all.toByteArray();
    } catch (IOException e) {
      throw new IllegalStateException("show " + showId + ": its snapshot could not be written", e);
    }
  }

  /** The seq a snapshot's header names, or -1 when the bytes are no snapshot; cheap, for metrics and logs. */
  public static long seqOf(byte[] bytes) {
    try {
      DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
      return in.readInt() == MAGIC ? skipTo(in) : -1;
    } catch (IOException e) {
      return -1;
    }
  }

  private static long skipTo(DataInputStream in) throws IOException {
    in.readInt();
    in.readInt();
    return in.readLong();
  }

  /**
   * Reads a snapshot of {@code showId} back, checked: magic, format, stored-event version, show, length
   * and checksum, then the classes it names. CPU work for a worker thread.
   */
  public static Folded read(String showId, byte[] bytes, LotteryAlgorithm lottery) throws Refused {
    if (bytes.length < 32) {
      throw new Refused("it is truncated (" + bytes.length + " bytes)");
    }
    CRC32C crc = new CRC32C();
    crc.update(bytes, 0, bytes.length - 4);
    int stored = ((bytes[bytes.length - 4] & 0xff) << 24) | ((bytes[bytes.length - 3] & 0xff) << 16)
        | ((bytes[bytes.length - 2] & 0xff) << 8) | (bytes[bytes.length - 1] & 0xff);
    try {
      DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes, 0, bytes.length - 4));
      if (in.readInt() != MAGIC) {
        throw new Refused("it is not a snapshot");
      }
      int format = in.readInt();
      int eventVersion = in.readInt();
      if (format != FORMAT || eventVersion != EventUpcaster.CURRENT) {
        throw new Refused("it was written by another version (format " + format + ", stored events "
            + eventVersion + "; this one reads format " + FORMAT + ", stored events " + EventUpcaster.CURRENT + ")");
      }
      long seq = in.readLong();
      String ofShow = in.readUTF();
      if (!ofShow.equals(showId)) {
        throw new Refused("it is show " + ofShow + "'s");
      }
      int length = in.readInt();
      if (length != in.available()) {
        throw new Refused("it is truncated: its body should be " + length + " bytes, " + in.available() + " are there");
      }
      if ((int) crc.getValue() != stored) {
        throw new Refused("its checksum does not match");
      }
      ShowState state;
      ShowFigures figures;
      try (ObjectInputStream objects = new ObjectInputStream(in)) {
        objects.setObjectInputFilter(CLASSES);
        state = (ShowState) objects.readObject();
        figures = (ShowFigures) objects.readObject();
      }
      if (state.seq() != seq || !state.id().equals(showId)) {
        throw new Refused("its body does not match its header");
      }
      return new Folded(state.withLottery(lottery), figures);
    } catch (IOException | ClassNotFoundException | RuntimeException e) {
      throw new Refused("it cannot be read back: " + e, e);
    }
  }
}
