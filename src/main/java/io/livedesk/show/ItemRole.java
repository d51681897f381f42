package io.livedesk.show;

/** Where an item stands in the run-sheet: sold in a slot, kept in reserve, or given away. */
public enum ItemRole {
  MAIN, BACKUP, LOTTERY;

  public String wire() {
    return WireNames.of(this);
  }

  /** The role for a wire name, or null when the name is not a role. */
  public static ItemRole fromWire(String name) {
    return WireNames.parse(values(), name);
  }
}
