package io.livedesk.show;

import java.io.Serializable;

/** What is on air: an item or a segment ("opening", "closing"), since when. */
public record Cue(String itemId, String segment, long since) implements Serializable {

  public static final String OPENING = "opening";
  public static final String CLOSING = "closing";

  public boolean isItem() {
    return itemId != null;
  }

  public boolean sameTarget(String otherItemId, String otherSegment) {
    return java.util.Objects.equals(itemId, otherItemId) && java.util.Objects.equals(segment, otherSegment);
  }
}
