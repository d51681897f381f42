package io.livedesk.show;

import java.io.Serializable;
import java.util.List;

/**
 * A run-sheet's ready answer (docs/protocol.md §Comments): a comment holding one of the keywords, while its
 * item is on air (or at any time for the show's own), is answered automatically.
 */
public record Faq(List<String> keywords, String answer) implements Serializable {

  public static final int MAX_ENTRIES = 20;
  public static final int MAX_KEYWORDS = 10;
  public static final int MAX_KEYWORD_LENGTH = 20;

  public Faq {
    keywords = List.copyOf(keywords);
  }

  /** Whether the comment holds one of the keywords, both normalised as blocked words are. */
  public boolean answers(String comment) {
    return CommentText.holdsAny(comment, keywords);
  }

  /** The answer of the first entry that answers the comment, or null. */
  static String answer(List<Faq> faq, String comment) {
    if (faq != null) {
      for (Faq entry : faq) {
        if (entry.answers(comment)) {
          return entry.answer();
        }
      }
    }
    return null;
  }
}
