package io.livedesk.show;

import java.io.Serializable;
import java.text.Normalizer;
import java.util.Locale;

/** Who may enter a lottery: anyone watching, subscribers, buyers of this show, or senders of a keyword. */
public record LotteryRule(Type type, String keyword) implements Serializable {

  public enum Type {
    ANY, SUBSCRIBED, ORDERED, KEYWORD;

    public String wire() {
      return WireNames.of(this);
    }

    /** The type for a wire name, or null when the name is not a type. */
    public static Type fromWire(String name) {
      return WireNames.parse(values(), name);
    }
  }

  /** Trimmed, case-folded and with full-width forms made half-width, so 「ＶＩＰ」 equals "vip". */
  public static String normalizeKeyword(String keyword) {
    if (keyword == null) {
      return "";
    }
    String halfWidth = Normalizer.normalize(keyword, Normalizer.Form.NFKC);
    return halfWidth.strip().toLowerCase(Locale.ROOT);
  }

  public boolean keywordMatches(String entered) {
    return normalizeKeyword(keyword).equals(normalizeKeyword(entered));
  }

  public String describe() {
    return switch (type) {
      case ANY -> "anyone watching the show";
      case SUBSCRIBED -> "viewers who subscribed during this show";
      case ORDERED -> "viewers who placed an order in this show";
      case KEYWORD -> "viewers who send the keyword";
    };
  }
}
