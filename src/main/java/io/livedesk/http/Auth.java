package io.livedesk.http;

import io.livedesk.show.Actor;
import io.livedesk.show.ErrorCode;
import io.livedesk.show.ShowError;
import io.livedesk.store.ShowRecord;
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

  private final String adminTokenHash;
  private final String viewerSecret;
  private final LongSupplier clock;

  public Auth(String adminTokenHash, String viewerSecret, LongSupplier clock) {
    this.adminTokenHash = adminTokenHash;
    this.viewerSecret = viewerSecret == null || viewerSecret.isBlank() ? null : viewerSecret;
    this.clock = clock;
  }

  public boolean signedViewersOnly() {
    return viewerSecret != null;
  }

  public void requireAdmin(String authorization) {
    String token = bearer(authorization);
    if (token == null) {
      throw new ShowError(ErrorCode.UNAUTHORIZED, "an admin bearer token is required");
    }
    if (!Tokens.matches(token, adminTokenHash)) {
      throw new ShowError(ErrorCode.UNAUTHORIZED, "the admin token is not valid");
    }
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
   * The actor of a REST request to a show: staff by bearer token, else a viewer. Fails with
   * UNAUTHORIZED when nobody is identified, FORBIDDEN when the role may not use the endpoint.
   */
  public Actor resolve(ShowRecord show, String authorization, String viewerHeader, String viewerToken,
      Set<Actor.Role> allowed) {
    String token = bearer(authorization);
    Actor actor;
    if (token != null) {
      actor = staff(show, token);
      if (actor == null && Tokens.matches(token, show.shopTokenHash())) {
        actor = Actor.SHOP;
      }
      if (actor == null) {
        throw new ShowError(ErrorCode.UNAUTHORIZED, "the token is not valid for show " + show.id());
      }
    } else if (viewerHeader != null || viewerToken != null) {
      actor = Actor.viewer(viewer(viewerHeader, viewerToken));
    } else {
      throw new ShowError(ErrorCode.UNAUTHORIZED, "send a bearer token or a viewer identity");
    }
    Actor.Role role = actor.role() == Actor.Role.ADMIN ? Actor.Role.CONTROL : actor.role();
    if (!allowed.contains(role)) {
      throw new ShowError(ErrorCode.FORBIDDEN, role.wire() + " may not use this endpoint");
    }
    return actor;
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
