package io.livedesk.show;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The compact form of a fold's big maps inside a snapshot (docs/design.md §Snapshots): orders, idempotency
 * answers, presence, viewer numbers. Java's object serialization spent a handle, a class reference and a
 * boxed number on every entry of them; here an entry is its fields as variable-length numbers and strings,
 * an item, sale, coupon or node id met before being a reference to the first one. The
 * bytes go inside the snapshot's body, whose header and CRC32C {@code engine.Snapshots} checks, so what
 * reads them trusts their shape; an impossible value still fails with an exception, never a wrong fold.
 */
public final class FoldBytes {

  private FoldBytes() {
  }

  /** A map that takes {@code size} entries read back without growing. */
  public static <K, V> HashMap<K, V> mapFor(int size) {
    return new HashMap<>(Math.max(16, size * 4 / 3 + 1));
  }

  /** Bytes being written; {@link #end} hands them to the snapshot's stream. */
  public static final class Out {
    private byte[] bytes = new byte[1 << 12];
    private int size;
    private final Map<String, Integer> seen = new HashMap<>();

    public void whole(long value) {
      unsigned((value << 1) ^ (value >> 63));
    }

    public void count(int value) {
      unsigned(value);
    }

    public void wholeOrNull(Long value) {
      flag(value != null);
      if (value != null) {
        whole(value);
      }
    }

    public void flag(boolean value) {
      room(1);
      bytes[size++] = (byte) (value ? 1 : 0);
    }

    /** A string (or null) of the few that come again and again (item, sale, coupon, node ids): written once, then referred to. */
    public void text(String value) {
      if (value == null) {
        unsigned(0);
        return;
      }
      Integer earlier = seen.putIfAbsent(value, seen.size());
      if (earlier != null) {
        unsigned(earlier + 2L);
        return;
      }
      unsigned(1);
      once(value);
    }

    /** Any other string (or null): viewer, order and payment ids are too many to remember cheaply. */
    public void once(String value) {
      if (value == null) {
        unsigned(0);
        return;
      }
      byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
      unsigned(utf8.length + 1L);
      room(utf8.length);
      System.arraycopy(utf8, 0, bytes, size, utf8.length);
      size += utf8.length;
    }

    /** An idempotency answer's result: the JSON-like values a decision makes, each with its type. */
    public void value(Object value) {
      if (value == null) {
        count(0);
      } else if (value instanceof String s) {
        count(1);
        once(s);
      } else if (value instanceof Integer i) {
        count(2);
        whole(i);
      } else if (value instanceof Long l) {
        count(3);
        whole(l);
      } else if (value instanceof Boolean b) {
        count(4);
        flag(b);
      } else if (value instanceof Double d) {
        count(5);
        whole(Double.doubleToRawLongBits(d));
      } else if (value instanceof Map<?, ?> map) {
        count(6);
        count(map.size());
        map.forEach((key, entry) -> {
          text((String) key);
          value(entry);
        });
      } else if (value instanceof List<?> list) {
        count(7);
        count(list.size());
        list.forEach(this::value);
      } else {
        throw new IllegalStateException("a snapshot cannot hold a " + value.getClass().getName());
      }
    }

    /** Ends these bytes: their length, then them, into the object stream writing the snapshot. */
    public void end(ObjectOutputStream out) throws IOException {
      out.writeInt(size);
      out.write(bytes, 0, size);
    }

    private void unsigned(long value) {
      room(10);
      while ((value & ~0x7fL) != 0) {
        bytes[size++] = (byte) ((value & 0x7f) | 0x80);
        value >>>= 7;
      }
      bytes[size++] = (byte) value;
    }

    private void room(int more) {
      if (size + more > bytes.length) {
        bytes = java.util.Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
      }
    }
  }

  /** Bytes being read back, in the order {@link Out} wrote them. */
  public static final class In {
    private final byte[] bytes;
    private int at;
    private final List<String> seen = new ArrayList<>();

    /** Reads what {@link Out#end} wrote into the object stream. */
    public In(ObjectInputStream in) throws IOException {
      int length = in.readInt();
      if (length < 0) {
        throw new IOException("a negative length of compact bytes");
      }
      bytes = new byte[length];
      in.readFully(bytes);
    }

    public long whole() {
      long raw = unsigned();
      return (raw >>> 1) ^ -(raw & 1);
    }

    public int count() {
      long value = unsigned();
      if (value > Integer.MAX_VALUE) {
        throw new IllegalStateException("a count of " + value);
      }
      return (int) value;
    }

    public Long wholeOrNull() {
      return flag() ? whole() : null;
    }

    public boolean flag() {
      return bytes[at++] != 0;
    }

    public String text() {
      long tag = unsigned();
      if (tag == 0) {
        return null;
      }
      if (tag == 1) {
        String value = once();
        seen.add(value);
        return value;
      }
      return seen.get((int) (tag - 2));
    }

    public String once() {
      int tag = count();
      return tag == 0 ? null : utf8(tag);
    }

    public Object value() {
      int type = count();
      switch (type) {
        case 0:
          return null;
        case 1:
          return once();
        case 2:
          return (int) whole();
        case 3:
          return whole();
        case 4:
          return flag();
        case 5:
          return Double.longBitsToDouble(whole());
        case 6: {
          int size = count();
          Map<String, Object> map = new LinkedHashMap<>();
          for (int i = 0; i < size; i++) {
            map.put(text(), value());
          }
          return map;
        }
        case 7: {
          int size = count();
          List<Object> list = new ArrayList<>(Math.min(size, 1024));
          for (int i = 0; i < size; i++) {
            list.add(value());
          }
          return list;
        }
        default:
          throw new IllegalStateException("an unknown value type " + type);
      }
    }

    private String utf8(int tag) {
      int length = tag - 1;
      String value = new String(bytes, at, length, StandardCharsets.UTF_8);
      at += length;
      return value;
    }

    private long unsigned() {
      long value = 0;
      for (int shift = 0; shift < 64; shift += 7) {
        byte b = bytes[at++];
        value |= (long) (b & 0x7f) << shift;
        if (b >= 0) {
          return value;
        }
      }
      throw new IllegalStateException("a number longer than 64 bits");
    }
  }
}
