package io.livedesk.runsheet;

import io.livedesk.show.CommentText;
import io.livedesk.show.Faq;
import io.livedesk.show.ShowRules;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The bounds of a run-sheet's ready answers (docs/protocol.md §Item fields), for every format: at most
 * {@link Faq#MAX_ENTRIES} entries, each 1 to {@link Faq#MAX_KEYWORDS} keywords holding a letter and at most
 * {@link Faq#MAX_KEYWORD_LENGTH} characters, and an answer of 1 to 200 characters.
 */
final class FaqEntries {

  static final String JSON_SHAPE = "faq must be a list of at most " + Faq.MAX_ENTRIES
      + " {\"keywords\": [\"包邮\"], \"answer\": \"全国包邮\"} with 1 to " + Faq.MAX_KEYWORDS
      + " keywords of at most " + Faq.MAX_KEYWORD_LENGTH + " characters and an answer of 1 to "
      + ShowRules.MAX_COMMENT_LENGTH + " characters";
  static final String CELL_SHAPE = "faq must look like 包邮/运费=全国包邮|发货=48小时内发货: at most " + Faq.MAX_ENTRIES
      + " entries of 1 to " + Faq.MAX_KEYWORDS + " keywords (at most " + Faq.MAX_KEYWORD_LENGTH
      + " characters each) and an answer of 1 to " + ShowRules.MAX_COMMENT_LENGTH + " characters";
  private static final Pattern BAR = Pattern.compile("\\|");
  private static final Pattern SLASH = Pattern.compile("/");

  private FaqEntries() {
  }

  /** The entry trimmed, or null when it breaks a bound. */
  static Faq entry(List<String> keywords, String answer) {
    if (keywords.isEmpty() || keywords.size() > Faq.MAX_KEYWORDS || answer == null) {
      return null;
    }
    String text = answer.strip();
    if (text.isEmpty() || text.codePointCount(0, text.length()) > ShowRules.MAX_COMMENT_LENGTH) {
      return null;
    }
    List<String> words = new ArrayList<>(keywords.size());
    for (String keyword : keywords) {
      String word = keyword == null ? "" : keyword.strip();
      if (CommentText.normalised(word).isEmpty() || word.codePointCount(0, word.length()) > Faq.MAX_KEYWORD_LENGTH) {
        return null;
      }
      words.add(word);
    }
    return new Faq(words, text);
  }

  /** A CSV or .xlsx cell, {@code 包邮/运费=全国包邮|发货=48小时内发货}; null when blank or not of that shape. */
  static List<Faq> fromCell(String cell) {
    List<Faq> entries = new ArrayList<>();
    for (String piece : BAR.split(cell)) {
      if (piece.isBlank()) {
        continue;
      }
      int equals = piece.indexOf('=');
      Faq entry = equals < 0 ? null
          : entry(Arrays.asList(SLASH.split(piece.substring(0, equals))), piece.substring(equals + 1));
      if (entry == null || entries.size() == Faq.MAX_ENTRIES) {
        return null;
      }
      entries.add(entry);
    }
    return entries;
  }
}
