package io.livedesk.engine;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Comments on their way to viewers (docs/protocol.md §Comments): gathered between two frames and sent as
 * one {@code {"type":"comments","items":[…]}} frame at most every {@link #FRAME_MILLIS}, with at most
 * {@link #MAX_ITEMS} items. Replies, pins, unpins and hides are always sent (held for the next frame
 * when one is full); posted comments past the room left are sampled, each kept with equal chance; a
 * viewer's own comments (shadowed ones too) reach them in a variant of the frame of their own. Memory is
 * bounded: {@link #MAX_HELD} held items, {@link #MAX_AUTHORS} authors a frame. One per show, on its
 * replica's context.
 */
final class CommentBatch {

  static final long FRAME_MILLIS = 200;
  static final int MAX_ITEMS = 20;
  static final int MAX_HELD = 1_000;
  static final int MAX_AUTHORS = 10_000;

  private final ArrayDeque<byte[]> always = new ArrayDeque<>();
  private final List<byte[]> sample = new ArrayList<>(MAX_ITEMS);
  private long offered;
  private final Map<String, List<byte[]>> own = new LinkedHashMap<>();

  /** An event that must reach every viewer (a reply, a pin, an unpin, a hide). */
  void always(byte[] item) {
    if (always.size() < MAX_HELD) {
      always.addLast(item);
    }
  }

  /**
   * A posted comment: {@code shared} is what every viewer may see (null when shadowed), {@code authorItem}
   * what its author sees.
   */
  void posted(byte[] shared, String author, byte[] authorItem) {
    if (shared != null) {
      offered++;
      if (sample.size() < MAX_ITEMS) {
        sample.add(shared);
      } else {
        long slot = ThreadLocalRandom.current().nextLong(offered);
        if (slot < MAX_ITEMS) {
          sample.set((int) slot, shared);
        }
      }
    }
    List<byte[]> items = own.get(author);
    if (items == null && own.size() < MAX_AUTHORS) {
      items = new ArrayList<>(1);
      own.put(author, items);
    }
    if (items != null && items.size() < MAX_ITEMS) {
      items.add(authorItem);
    }
  }

  boolean isEmpty() {
    return always.isEmpty() && sample.isEmpty() && own.isEmpty();
  }

  /** The next frame, with a variant for each author with comments in it; null when nothing is held. */
  Frame take() {
    if (isEmpty()) {
      return null;
    }
    List<byte[]> items = new ArrayList<>(MAX_ITEMS);
    while (!always.isEmpty() && items.size() < MAX_ITEMS) {
      items.add(always.pollFirst());
    }
    int held = items.size();
    for (byte[] item : sample) {
      if (items.size() == MAX_ITEMS) {
        break;
      }
      items.add(item);
    }
    sample.clear();
    offered = 0;
    Map<String, Frame> personal = new HashMap<>();
    own.forEach((author, mine) -> {
      List<byte[]> theirs = new ArrayList<>(items);
      theirs.removeAll(mine);
      // their own take the place of sampled comments, which come after the ones always sent
      int room = Math.max(held, MAX_ITEMS - mine.size());
      theirs.subList(Math.min(room, theirs.size()), theirs.size()).clear();
      theirs.addAll(mine);
      personal.put(author, Frame.of(frame(theirs), false));
    });
    own.clear();
    return Frame.of(frame(items), false).withPersonal(personal);
  }

  private static byte[] frame(List<byte[]> items) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(64 + items.size() * 128);
    out.writeBytes("{\"type\":\"comments\",\"items\":[".getBytes(StandardCharsets.UTF_8));
    for (int i = 0; i < items.size(); i++) {
      if (i > 0) {
        out.write(',');
      }
      out.writeBytes(items.get(i));
    }
    out.writeBytes("]}".getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }
}
