package io.livedesk.show;

import java.text.Normalizer;
import java.util.Collection;
import java.util.Locale;

/**
 * How comments are compared and shown (docs/protocol.md §Comments): blocked words and repeated questions
 * are matched on a normalised form, and other viewers see a comment's author masked.
 */
public final class CommentText {

  private CommentText() {
  }

  /**
   * Full-width forms made half-width, case folded, and every space, punctuation mark and symbol left out,
   * so 「加 微-信」 and 「加ｗｅｉ信」's neighbours compare as their bare characters do.
   */
  public static String normalised(String text) {
    if (text == null) {
      return "";
    }
    String folded = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    StringBuilder out = new StringBuilder(folded.length());
    folded.codePoints().filter(CommentText::kept).forEach(out::appendCodePoint);
    return out.toString();
  }

  private static boolean kept(int codePoint) {
    if (Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint)) {
      return false;
    }
    return switch (Character.getType(codePoint)) {
      case Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION,
          Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
          Character.OTHER_PUNCTUATION, Character.MATH_SYMBOL, Character.CURRENCY_SYMBOL,
          Character.MODIFIER_SYMBOL, Character.OTHER_SYMBOL, Character.CONTROL, Character.FORMAT -> false;
      default -> true;
    };
  }

  /** Whether the text holds one of the words, each compared {@link #normalised}. */
  public static boolean holdsAny(String text, Collection<String> words) {
    String bare = normalised(text);
    for (String word : words) {
      String blocked = normalised(word);
      if (!blocked.isEmpty() && bare.contains(blocked)) {
        return true;
      }
    }
    return false;
  }

  /** "张三丰" → "张**", "viewer-7" → "v*******": the first character, then at least two stars. */
  public static String masked(String author) {
    int[] points = author.codePoints().toArray();
    if (points.length == 0) {
      return "**";
    }
    return new StringBuilder().appendCodePoint(points[0]).append("*".repeat(Math.max(2, points.length - 1)))
        .toString();
  }

  /** The length a person counts: characters, not UTF-16 units. */
  static int length(String text) {
    return text.codePointCount(0, text.length());
  }
}
