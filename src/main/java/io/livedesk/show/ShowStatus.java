package io.livedesk.show;

import java.util.Locale;

public enum ShowStatus {
  DRAFT, LIVE, ENDED;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static ShowStatus fromWire(String name) {
    return valueOf(name.toUpperCase(Locale.ROOT));
  }
}
