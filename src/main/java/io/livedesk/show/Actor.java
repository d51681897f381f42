package io.livedesk.show;

import java.util.Locale;

/** Who did something: a role and, for viewers and nodes, an id. */
public record Actor(Role role, String id) {

  /** The kinds of people and parts that act on a show. */
  public enum Role {
    ADMIN, CONTROL, PROMPTER, VIEWER, PAYMENT, SYSTEM;

    public String wire() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Role fromWire(String name) {
      for (Role role : values()) {
        if (role.wire().equals(name)) {
          return role;
        }
      }
      return null;
    }

    public boolean isStaff() {
      return this == CONTROL || this == PROMPTER || this == ADMIN;
    }
  }

  public static final Actor CONTROL = new Actor(Role.CONTROL, "control");
  public static final Actor PROMPTER = new Actor(Role.PROMPTER, "prompter");
  public static final Actor SYSTEM = new Actor(Role.SYSTEM, "system");
  public static final Actor PAYMENT = new Actor(Role.PAYMENT, "payment");

  public static Actor viewer(String viewerId) {
    return new Actor(Role.VIEWER, viewerId);
  }

  /** The identity under which idempotency keys are remembered. */
  public String keyScope() {
    return role.wire() + ":" + id;
  }
}
