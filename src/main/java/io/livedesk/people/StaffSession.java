package io.livedesk.people;

/** A signed-in member's session: only the SHA-256 of its token is kept, never the token. */
public record StaffSession(String tokenHash, String login, long createdAt, long expiresAt) {

  public StaffSession extendedTo(long expiry) {
    return new StaffSession(tokenHash, login, createdAt, expiry);
  }
}
