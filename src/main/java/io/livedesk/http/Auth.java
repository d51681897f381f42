package io.livedesk.http;

import io.livedesk.people.People;
import io.livedesk.show.Actor;
import io.livedesk.show.ErrorCode;
import io.livedesk.show.ShowError;
import io.livedesk.store.ShowRecord;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;

/**
 * Who is asking (docs/protocol.md §Auth): the admin and a show's staff by bearer token, viewers by id or,
 * when the shop signs them, only by a valid unexpired token.
 */
public final class Auth {

  private static final Pattern VIEWER_ID = Pattern.compile("[\\p{L}\\p{N}_.:@-]{1,64}");

  /** The cookie a member's session token travels in on the pages and the WebSocket upgrade. */
  public static final String SESSION_COOKIE = "livedesk_session";

  private final String adminTokenHash;
  private final String viewerSecret;
  private final LongSupplier clock;
  private final People people;

  public Auth(String adminTokenHash, String viewerSecret, LongSupplier clock, People people) {
    this.people = people;
    this.adminTokenHash = adminTokenHash;
    this.viewerSecret = viewerSecret == null || viewerSecret.isBlank() ? null : viewerSecret;
    this.clock = clock;
  }

  public boolean signedViewersOnly() {
    return viewerSecret != null;
  }

  public People people() {
    return people;
  }

  /** The admin: by the admin token, or a member of role admin by their session (bearer or cookie). */
  public Future<Actor> admin(String authorization, String cookie) {
    return staffMember(authorization, cookie, "an admin bearer token or an admin's session is required")
        .map(actor -> {
          if (actor.role() != Actor.Role.ADMIN) {
            throw new ShowError(ErrorCode.FORBIDDEN, actor.role().wire() + " may not use this endpoint");
          }
          return actor;
        });
  }

  /** The admin by the admin token, or any member by their session (bearer or cookie). */
  public Future<Actor> staffMember(String authorization, String cookie, String required) {
    String token = bearer(authorization);
    if (token != null && Tokens.matches(token, adminTokenHash)) {
      return Future.succeededFuture(new Actor(Actor.Role.ADMIN, "admin"));
    }
    String session = token != null ? token : cookie;
    if (session == null) {
      return Future.failedFuture(new ShowError(ErrorCode.UNAUTHORIZED, required));
    }
    return people.actor(session).map(actor -> {
      if (actor == null) {
        throw new ShowError(ErrorCode.UNAUTHORIZED, token != null ? "the token is not valid"
            : "the session has ended; sign in again");
      }
      return actor;
    });
  }

  /**
   * The staff actor a token stands for in this show: one of the show's tokens, the admin token, or a
   * member's session; null when it is none of them.
   */
  public Future<Actor> staffOrMember(ShowRecord show, String token) {
    Actor staff = staff(show, token);
    return staff != null || token == null ? Future.succeededFuture(staff) : people.actor(token);
  }

  /** The staff actor a token stands for in this show, or null when it is neither of the show's tokens. */
  public Actor staff(ShowRecord show, String token) {
    if (token == null) {
      return null;
    }
    // compare with every hash so the time taken does not tell which one matched
    boolean control = Tokens.matches(token, show.controlTokenHash());
    boolean prompter = Tokens.matches(token, show.prompterTokenHash());
    boolean admin = Tokens.matches(token, adminTokenHash);
    if (control) {
      return Actor.CONTROL;
    }
    if (prompter) {
      return Actor.PROMPTER;
    }
    return admin ? new Actor(Actor.Role.ADMIN, "admin") : null;
  }

  /**
   * The actor of a REST request to a show: staff by bearer token (a show's, the admin's or a member's
   * session), else a viewer, else a member by the session cookie. Fails with UNAUTHORIZED when nobody is
   * identified, FORBIDDEN when the role may not use the endpoint: the admin counts as control, a host as
   * the prompter.
   */
  public Future<Actor> resolve(ShowRecord show, String authorization, String cookie, String viewerHeader,
      String viewerToken, Set<Actor.Role> allowed) {
    String token = bearer(authorization);
    Future<Actor> actor;
    if (token != null) {
      actor = staffOrMember(show, token).map(staff -> {
        if (staff == null && Tokens.matches(token, show.shopTokenHash())) {
          return Actor.SHOP;
        }
        if (staff == null) {
          throw new ShowError(ErrorCode.UNAUTHORIZED, "the token is not valid for show " + show.id());
        }
        return staff;
      });
    } else if (viewerHeader != null || viewerToken != null) {
      actor = Future.succeededFuture(Actor.viewer(viewer(viewerHeader, viewerToken)));
    } else if (cookie != null) {
      actor = people.actor(cookie).map(member -> {
        if (member == null) {
          throw new ShowError(ErrorCode.UNAUTHORIZED, "the session has ended; sign in again");
        }
        return member;
      });
    } else {
      throw new ShowError(ErrorCode.UNAUTHORIZED, "send a bearer token or a viewer identity");
    }
    return actor.map(found -> {
      Actor.Role role = endpointRole(found.role());
      if (!allowed.contains(role)) {
        throw new ShowError(ErrorCode.FORBIDDEN, found.role().wire() + " may not use this endpoint");
      }
      return found;
    });
  }

  /** The role an endpoint's rights are checked with: the admin's are control's, a host's the prompter's. */
  static Actor.Role endpointRole(Actor.Role role) {
    return switch (role) {
      case ADMIN -> Actor.Role.CONTROL;
      case HOST -> Actor.Role.PROMPTER;
      default -> role;
    };
  }

  /** The session token in a Cookie header, or null. */
  public static String sessionCookie(String cookieHeader) {
    if (cookieHeader == null) {
      return null;
    }
    for (String pair : cookieHeader.split(";")) {
      String trimmed = pair.strip();
      if (trimmed.startsWith(SESSION_COOKIE + "=")) {
        String value = trimmed.substring(SESSION_COOKIE.length() + 1);
        return value.isEmpty() ? null : value;
      }
    }
    return null;
  }

  /** The viewer id from {@code X-Viewer}, or from a signed token when viewers must be signed. */
  public String viewer(String viewerId, String viewerToken) {
    if (viewerSecret == null) {
      if (viewerId == null && viewerToken != null) {
        return verifiedViewer(viewerToken, null);
      }
      return validViewerId(viewerId);
    }
    if (viewerToken == null) {
      throw new ShowError(ErrorCode.UNAUTHORIZED, "this server accepts only viewer tokens signed by the shop");
    }
    return verifiedViewer(viewerToken, viewerSecret);
  }

  private String verifiedViewer(String token, String secret) {
    String[] parts = token.split("\\.");
    if (parts.length < 4 || !"v1".equals(parts[0])) {
      throw new ShowError(ErrorCode.UNAUTHORIZED, "a viewer token has the form v1.<viewerId>.<expires>.<signature>");
    }
    String signature = parts[parts.length - 1];
    String expires = parts[parts.length - 2];
    String payload = token.substring(0, token.length() - signature.length() - 1);
    String viewerId = payload.substring(3, payload.length() - expires.length() - 1);
    long expiresAt;
    try {
      expiresAt = Long.parseLong(expires);
    } catch (NumberFormatException e) {
      throw new ShowError(ErrorCode.UNAUTHORIZED, "the viewer token's expiry is not a number");
    }
    if (secret != null && !Signatures.verify(secret, payload.getBytes(StandardCharsets.UTF_8), signature)) {
      throw new ShowError(ErrorCode.UNAUTHORIZED, "the viewer token's signature is not valid");
    }
    if (expiresAt * 1000 <= clock.getAsLong()) {
      throw new ShowError(ErrorCode.UNAUTHORIZED, "the viewer token has expired");
    }
    return validViewerId(viewerId);
  }

  private static String validViewerId(String viewerId) {
    if (viewerId == null || viewerId.isBlank()) {
      throw new ShowError(ErrorCode.UNAUTHORIZED, "a viewer id is required");
    }
    if (!VIEWER_ID.matcher(viewerId).matches()) {
      throw new ShowError(ErrorCode.INVALID_ARGUMENT,
          "a viewer id is 1 to 64 letters, digits or _ . : @ -");
    }
    return viewerId;
  }

  static String bearer(String authorization) {
    if (authorization == null) {
      return null;
    }
    String trimmed = authorization.strip();
    if (trimmed.regionMatches(true, 0, "Bearer ", 0, 7)) {
      String token = trimmed.substring(7).strip();
      return token.isEmpty() ? null : token;
    }
    return null;
  }
}
