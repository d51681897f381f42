package io.livedesk.show;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Who did something: a role and, for viewers and nodes, an id. */
public record Actor(Role role, String id) implements java.io.Serializable {

  /** The kinds of people and parts that act on a show. */
  public enum Role {
    ADMIN, CONTROL, PROMPTER, VIEWER, PAYMENT, SYSTEM;

    private final String wire = name().toLowerCase(Locale.ROOT);

    public String wire() {
      return wire;
    }

    private static final Map<String, Role> BY_WIRE = Arrays.stream(values())
        .collect(Collectors.toUnmodifiableMap(Role::wire, role -> role));

    /** The role of a wire name, or null; looked up once per replayed event, so by map. */
    public static Role fromWire(String name) {
      return name == null ? null : BY_WIRE.get(name);
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
