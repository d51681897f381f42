package io.livedesk.people;

import static io.livedesk.testing.Futures.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What every member store promises, run against the file and the PostgreSQL store by their subclasses. */
public abstract class MemberStoreContract {

  protected static Vertx vertx;
  protected MemberStore store;

  /** Opens the store under test; a second call after {@link #close()} reopens the same data. */
  protected abstract MemberStore open() throws Exception;

  protected abstract void close() throws Exception;

  /** Everything the store keeps, as text: the file, or the tables' rows. */
  protected abstract String storedText() throws Exception;

  @BeforeAll
  static void startVertx() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stopVertx() throws Exception {
    await(vertx.close());
  }

  @BeforeEach
  void openStore() throws Exception {
    store = open();
  }

  @AfterEach
  void closeStore() throws Exception {
    close();
  }

  private static int counter;

  protected static Member member(String name, Member.Role role) {
    String login = "m" + System.nanoTime() % 1_000_000_000 + "-" + (++counter);
    return new Member(login, name, role, "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA", 1_700_000_000_000L);
  }

  private static StaffSession session(Member member, String hash, long createdAt) {
    return new StaffSession(hash + member.login(), member.login(), createdAt, createdAt + 3_600_000L);
  }

  @Test
  @DisplayName("a member added is listed and found, and a login is taken only once")
  void addsOnce() throws Exception {
    Member anna = member("安娜", Member.Role.CONTROL);

    assertThat(await(store.addMember(anna))).isTrue();
    assertThat(await(store.addMember(member("other", Member.Role.HOST).withPasswordHash("x")))).isTrue();
    assertThat(await(store.addMember(new Member(anna.login(), "again", Member.Role.ADMIN, "h", 1L)))).isFalse();

    assertThat(await(store.member(anna.login()))).isEqualTo(anna);
    assertThat(await(store.members())).contains(anna);
    assertThat(await(store.member("nobody-here"))).isNull();
  }

  @Test
  @DisplayName("members and sessions are there after the store is opened again")
  void survivesRestart() throws Exception {
    Member bo = member("波", Member.Role.ANALYST);
    await(store.addMember(bo));
    await(store.addSession(session(bo, "a", 1000), 20));

    close();
    store = open();

    assertThat(await(store.member(bo.login()))).isEqualTo(bo);
    assertThat(await(store.session("a" + bo.login())).member()).isEqualTo(bo);
  }

  @Test
  @DisplayName("removing a member or setting their password ends their sessions")
  void revokes() throws Exception {
    Member gone = member("gone", Member.Role.CONTROL);
    Member reset = member("reset", Member.Role.HOST);
    await(store.addMember(gone));
    await(store.addMember(reset));
    await(store.addSession(session(gone, "g", 1000), 20));
    await(store.addSession(session(reset, "r", 1000), 20));

    assertThat(await(store.removeMember(gone.login()))).isTrue();
    assertThat(await(store.removeMember(gone.login()))).isFalse();
    assertThat(await(store.setPasswordHash(reset.login(), "new-hash"))).isTrue();

    assertThat(await(store.session("g" + gone.login()))).isNull();
    assertThat(await(store.session("r" + reset.login()))).isNull();
    assertThat(await(store.member(reset.login())).passwordHash()).isEqualTo("new-hash");
    assertThat(await(store.setPasswordHash("nobody-here", "x"))).isFalse();
  }

  @Test
  @DisplayName("a member holds at most the sessions allowed, the oldest ended first, and an ended one is gone")
  void boundsSessions() throws Exception {
    Member busy = member("busy", Member.Role.CONTROL);
    await(store.addMember(busy));
    for (int i = 1; i <= 4; i++) {
      await(store.addSession(session(busy, "s" + i, 1000 + i), 3));
    }

    assertThat(await(store.session("s1" + busy.login()))).isNull();
    for (String kept : List.of("s2", "s3", "s4")) {
      assertThat(await(store.session(kept + busy.login()))).isNotNull();
    }
    await(store.extendSession("s2" + busy.login(), 9_999_999L));
    assertThat(await(store.session("s2" + busy.login())).session().expiresAt()).isEqualTo(9_999_999L);
    await(store.removeSession("s3" + busy.login()));
    assertThat(await(store.session("s3" + busy.login()))).isNull();
  }

  @Test
  @DisplayName("what is stored holds the hash and the session hashes, nothing else of the secrets")
  void storesHashes() throws Exception {
    Member kept = member("kept", Member.Role.ADMIN);
    await(store.addMember(kept));
    await(store.addSession(session(kept, "hash-of-token-", 1000), 20));

    assertThat(storedText()).contains(kept.passwordHash()).contains("hash-of-token-" + kept.login());
  }
}
