package io.livedesk.people;

import io.vertx.core.Future;
import java.util.List;

/**
 * Where members and their sessions are kept: a file in the data directory, or PostgreSQL beside the events.
 * Every change is durable when its future completes.
 */
public interface MemberStore {

  /** At most this many members, so the store stays small (docs/protocol.md §People). */
  int MAX_MEMBERS = 1000;

  /** Every member, by login. */
  Future<List<Member>> members();

  /** The member with this login, or null. */
  Future<Member> member(String login);

  /** Adds a member; false when the login is taken. Fails with CONFLICT past {@link #MAX_MEMBERS}. */
  Future<Boolean> addMember(Member member);

  /** Removes a member and every session of theirs; false when there was none. */
  Future<Boolean> removeMember(String login);

  /** Sets a member's password hash and ends every session of theirs; false when there is no such member. */
  Future<Boolean> setPasswordHash(String login, String passwordHash);

  /**
   * Keeps a new session, dropping the member's expired ones and, beyond {@code maxPerMember}, their oldest.
   */
  Future<Void> addSession(StaffSession session, int maxPerMember);

  /** The session with this token hash and its member, or null. */
  Future<SignedIn> session(String tokenHash);

  /** Moves a session's expiry (a sliding session in use). */
  Future<Void> extendSession(String tokenHash, long expiresAt);

  /** Ends a session. */
  Future<Void> removeSession(String tokenHash);

  /** A session and the member it belongs to. */
  record SignedIn(StaffSession session, Member member) {}
}
