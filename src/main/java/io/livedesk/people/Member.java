package io.livedesk.people;

import io.livedesk.show.Actor;
import java.util.Locale;

/**
 * A member of staff (docs/protocol.md §People): a login, the name history shows, a role, and the password's
 * Argon2id hash in PHC form; the password itself is never kept.
 */
public record Member(String login, String name, Role role, String passwordHash, long createdAt) {

  /** What a member may do; each maps to the actor role their commands are checked with. */
  public enum Role {
    ADMIN(Actor.Role.ADMIN), CONTROL(Actor.Role.CONTROL), HOST(Actor.Role.HOST), ANALYST(Actor.Role.ANALYST);

    private final Actor.Role actorRole;

    Role(Actor.Role actorRole) {
      this.actorRole = actorRole;
    }

    public String wire() {
      return name().toLowerCase(Locale.ROOT);
    }

    public Actor.Role actorRole() {
      return actorRole;
    }

    /** The role of a wire name, or null. */
    public static Role fromWire(String wire) {
      for (Role role : values()) {
        if (role.wire().equals(wire)) {
          return role;
        }
      }
      return null;
    }
  }

  public Actor actor() {
    return Actor.member(role.actorRole(), login, name);
  }

  public Member withPasswordHash(String hash) {
    return new Member(login, name, role, hash, createdAt);
  }
}
