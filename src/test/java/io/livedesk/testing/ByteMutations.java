package io.livedesk.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ArbitrarySupplier;
import net.jqwik.api.Combinators;

/**
 * A valid document damaged the way uploads and hand edits damage one: bytes flipped, cut, doubled or
 * dropped, and the characters that mean something to a parser (quotes, separators, breaks, digits,
 * broken UTF-8) put where they do not belong. Each edit is a value, so jqwik shrinks to the few that matter.
 */
public final class ByteMutations {

  /** Byte runs a parser treats specially: separators, quotes, breaks, long digits, and UTF-8 that is not. */
  private static final List<byte[]> SPECIAL = List.of(
      bytes("\""), bytes(","), bytes("\n"), bytes("\r"), bytes("\r\n"), bytes("|"), bytes(":"), bytes("-"),
      bytes("{"), bytes("}"), bytes("["), bytes("]"), bytes("null"), bytes("\\u0000"), bytes("\\ud800"),
      bytes("9".repeat(30)), bytes("9".repeat(1500)), bytes("1e999"), bytes("-0"),
      new byte[] {(byte) 0xC3, 0x28}, new byte[] {(byte) 0xFF}, new byte[] {(byte) 0xC0, (byte) 0xAF},
      new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
      new byte[] {0}, new byte[] {(byte) 0xE4, (byte) 0xB8});

  private ByteMutations() {
  }

  /** One edit at a relative position of the document, so it stays meaningful as the document shrinks. */
  public record Edit(Kind kind, double at, int length, byte[] bytes) {

    @Override
    public String toString() {
      return kind + " at " + at + " length " + length + " bytes " + java.util.HexFormat.of().formatHex(bytes);
    }

    byte[] applyTo(byte[] document) {
      int position = (int) Math.floor(at * document.length);
      int end = Math.min(document.length, position + length);
      ByteArrayOutputStream out = new ByteArrayOutputStream(document.length + bytes.length);
      switch (kind) {
        case INSERT -> {
          out.write(document, 0, position);
          out.writeBytes(bytes);
          out.write(document, position, document.length - position);
        }
        case REPLACE -> {
          out.write(document, 0, position);
          out.writeBytes(bytes);
          out.write(document, end, document.length - end);
        }
        case DELETE -> {
          out.write(document, 0, position);
          out.write(document, end, document.length - end);
        }
        case DUPLICATE -> {
          out.write(document, 0, end);
          out.write(document, position, document.length - position);
        }
        case TRUNCATE -> out.write(document, 0, position);
        case FLIP -> {
          out.writeBytes(document);
          byte[] flipped = out.toByteArray();
          if (position < flipped.length) {
            flipped[position] ^= (byte) (1 << (length % 8));
          }
          return flipped;
        }
      }
      return out.toByteArray();
    }
  }

  /** The kinds of edit. */
  public enum Kind { INSERT, REPLACE, DELETE, DUPLICATE, TRUNCATE, FLIP }

  /** One to {@code maxEdits} edits. */
  public static Arbitrary<List<Edit>> edits(int maxEdits) {
    Arbitrary<byte[]> payload = Arbitraries.oneOf(
        Arbitraries.of(SPECIAL),
        Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(8));
    return Combinators.combine(Arbitraries.of(Kind.values()), Arbitraries.doubles().between(0, 1),
        Arbitraries.integers().between(0, 64), payload).as(Edit::new).list().ofMinSize(1).ofMaxSize(maxEdits);
  }

  /** Up to six edits, for a property's damaged document: {@code @ForAll(supplier = UpToSixEdits.class)}. */
  public static final class UpToSixEdits implements ArbitrarySupplier<List<Edit>> {

    @Override
    public Arbitrary<List<Edit>> get() {
      return edits(6);
    }
  }

  public static byte[] apply(byte[] document, List<Edit> edits) {
    byte[] result = document;
    for (Edit edit : edits) {
      result = edit.applyTo(result);
    }
    return result;
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
