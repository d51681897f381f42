package io.livedesk.show;

import java.util.Locale;

/** Where an item stands in the run-sheet: sold in a slot, kept in reserve, or given away. */
public enum ItemRole {
  MAIN, BACKUP, LOTTERY;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The role for a wire name, or null when the name is not a role. */
  public static ItemRole fromWire(String name) {
    for (ItemRole role : values()) {
      if (role.wire().equals(name)) {
        return role;
      }
    }
    return null;
  }
}
