package io.livedesk.show;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Who did something: a role and an id (a viewer's id, a member's login, or the role's own name for a show
 * token), and for a staff member signed in with a password their display name (null otherwise), so that
 * history names people (docs/protocol.md §People).
 */
public record Actor(Role role, String id, String name) implements java.io.Serializable {

  public Actor(Role role, String id) {
    this(role, id, null);
  }

  /** The kinds of people and parts that act on a show. */
  public enum Role {
    ADMIN, CONTROL, PROMPTER, VIEWER, PAYMENT, SYSTEM,
    /** A member presenting the show: the prompter's rights, and cueing when the server lets hosts cue. */
    HOST,
    /** A member who reads reports, snapshots and the studio, and sends nothing. */
    ANALYST,
    /** The shop's stock system, with a show's shop token: stock changes only. */
    SHOP;

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
      return this == CONTROL || this == PROMPTER || this == ADMIN || this == HOST || this == ANALYST;
    }
  }

  public static final Actor CONTROL = new Actor(Role.CONTROL, "control");
  public static final Actor PROMPTER = new Actor(Role.PROMPTER, "prompter");
  public static final Actor SYSTEM = new Actor(Role.SYSTEM, "system");
  public static final Actor PAYMENT = new Actor(Role.PAYMENT, "payment");
  public static final Actor SHOP = new Actor(Role.SHOP, "shop");

  public static Actor viewer(String viewerId) {
    return new Actor(Role.VIEWER, viewerId);
  }

  /** A member signed in with a password, acting with the rights of their role. */
  public static Actor member(Role role, String login, String name) {
    return new Actor(role, login, name);
  }

  /** What history shows of who acted: the person's name, else the role. */
  public String displayName() {
    return name != null ? name : role.wire();
  }

  /** The identity under which idempotency keys are remembered. */
  public String keyScope() {
    return role.wire() + ":" + id;
  }
}
