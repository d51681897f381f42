package io.livedesk.store.postgres;

import io.livedesk.people.Member;
import io.livedesk.people.MemberStore;
import io.livedesk.people.StaffSession;
import io.livedesk.show.ErrorCode;
import io.livedesk.show.ShowError;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/** Members and their sessions in the tables {@code members} and {@code staff_sessions} (db/V2__members.sql). */
final class PostgresMembers implements MemberStore {

  private static final String MEMBER = "SELECT login, name, role, password_hash, created_at FROM members";

  private final Pool pool;
  private final PostgresEventStore store;

  PostgresMembers(Pool pool, PostgresEventStore store) {
    this.pool = pool;
    this.store = store;
  }

  @Override
  public Future<List<Member>> members() {
    return store.bounded(pool.query(MEMBER + " ORDER BY login").execute()).map(rows -> {
      List<Member> members = new ArrayList<>(rows.size());
      rows.forEach(row -> members.add(member(row, 0)));
      return members;
    });
  }

  @Override
  public Future<Member> member(String login) {
    return store.bounded(pool.preparedQuery(MEMBER + " WHERE login = $1").execute(Tuple.of(login)))
        .map(rows -> rows.size() == 0 ? null : member(rows.iterator().next(), 0));
  }

  @Override
  public Future<Boolean> addMember(Member member) {
    // the table is locked for the count, so two adds cannot pass the limit together
    return store.bounded(pool.withTransaction(conn -> conn.query("LOCK TABLE members IN SHARE ROW EXCLUSIVE MODE")
        .execute()
        .compose(locked -> conn.query("SELECT count(*) FROM members").execute())
        .compose(count -> {
          if (count.iterator().next().getLong(0) >= MAX_MEMBERS) {
            return Future.failedFuture(new ShowError(ErrorCode.CONFLICT, "there are already " + MAX_MEMBERS + " members"));
          }
          return conn.preparedQuery("INSERT INTO members (login, name, role, password_hash, created_at) "
              + "VALUES ($1, $2, $3, $4, $5) ON CONFLICT (login) DO NOTHING")
              .execute(Tuple.of(member.login(), member.name(), member.role().wire(), member.passwordHash(),
                  member.createdAt()));
        })
        .map(inserted -> inserted.rowCount() == 1)));
  }

  @Override
  public Future<Boolean> removeMember(String login) {
    return store.bounded(pool.preparedQuery("DELETE FROM members WHERE login = $1").execute(Tuple.of(login)))
        .map(deleted -> deleted.rowCount() == 1);
  }

  @Override
  public Future<Boolean> setPasswordHash(String login, String passwordHash) {
    return store.bounded(pool.withTransaction(conn -> conn.preparedQuery(
            "UPDATE members SET password_hash = $2 WHERE login = $1").execute(Tuple.of(login, passwordHash))
        .compose(updated -> conn.preparedQuery("DELETE FROM staff_sessions WHERE login = $1").execute(Tuple.of(login))
            .map(v -> updated.rowCount() == 1))));
  }

  @Override
  public Future<Void> addSession(StaffSession session, int maxPerMember) {
    return store.bounded(pool.withTransaction(conn -> conn.preparedQuery(
            "INSERT INTO staff_sessions (token_hash, login, created_at, expires_at) VALUES ($1, $2, $3, $4)")
        .execute(Tuple.of(session.tokenHash(), session.login(), session.createdAt(), session.expiresAt()))
        .compose(v -> conn.preparedQuery("DELETE FROM staff_sessions WHERE login = $1 AND (expires_at <= $2 "
            + "OR token_hash IN (SELECT token_hash FROM staff_sessions WHERE login = $1 "
            + "ORDER BY created_at DESC, token_hash OFFSET $3))")
            .execute(Tuple.of(session.login(), session.createdAt(), maxPerMember)))
        .mapEmpty()));
  }

  @Override
  public Future<SignedIn> session(String tokenHash) {
    return store.bounded(pool.preparedQuery("SELECT m.login, m.name, m.role, m.password_hash, m.created_at, "
            + "s.token_hash, s.created_at, s.expires_at FROM staff_sessions s JOIN members m ON m.login = s.login "
            + "WHERE s.token_hash = $1").execute(Tuple.of(tokenHash)))
        .map(rows -> {
          if (rows.size() == 0) {
            return null;
          }
          Row row = rows.iterator().next();
          Member member = member(row, 0);
          return new SignedIn(new StaffSession(row.getString(5), member.login(), row.getLong(6), row.getLong(7)), member);
        });
  }

  @Override
  public Future<Void> extendSession(String tokenHash, long expiresAt) {
    return store.bounded(pool.preparedQuery("UPDATE staff_sessions SET expires_at = $2 WHERE token_hash = $1")
        .execute(Tuple.of(tokenHash, expiresAt))).mapEmpty();
  }

  @Override
  public Future<Void> removeSession(String tokenHash) {
    return store.bounded(pool.preparedQuery("DELETE FROM staff_sessions WHERE token_hash = $1")
        .execute(Tuple.of(tokenHash))).mapEmpty();
  }

  private static Member member(Row row, int from) {
    return new Member(row.getString(from), row.getString(from + 1), Member.Role.fromWire(row.getString(from + 2)),
        row.getString(from + 3), row.getLong(from + 4));
  }
}
