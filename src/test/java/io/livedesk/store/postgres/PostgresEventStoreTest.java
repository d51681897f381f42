package io.livedesk.store.postgres;

import static io.livedesk.testing.Futures.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.livedesk.show.Actor;
import io.livedesk.show.Event;
import io.livedesk.show.Recorded;
import io.livedesk.store.ClusterEventStore;
import io.livedesk.store.EventStore;
import io.livedesk.store.EventStoreContract;
import io.livedesk.store.FencedOut;
import io.livedesk.store.ShowRecord;
import io.livedesk.testing.PostgresSchema;
import io.livedesk.store.ViewerPseudonyms;
import io.livedesk.testing.SharedServices;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresEventStoreTest extends EventStoreContract {

  @RegisterExtension
  static final PostgresSchema schema = new PostgresSchema();

  @Override
  protected EventStore open() throws Exception {
    return await(PostgresEventStore.open(vertx, new PostgresEventStore.Settings(SharedServices.PG_URI, schema.name(), 4)));
  }

  ClusterEventStore cluster() {
    return (ClusterEventStore) store;
  }

  @Test
  @DisplayName("once a new writer claims the show, an append under the old epoch is refused as fenced out")
  void staleEpochFencedOut() throws Exception {
    ShowRecord show = created("fenced");
    long first = await(cluster().claimWriter(show.id()));
    await(cluster().append(show.id(), announcements(1, 2), first));

    long second = await(cluster().claimWriter(show.id()));

    assertThat(second).isGreaterThan(first);
    assertThatThrownBy(() -> await(cluster().append(show.id(), announcements(3, 3), first)))
        .isInstanceOf(FencedOut.class);
    await(cluster().append(show.id(), announcements(3, 3), second));
    assertThat(await(store.read(show.id(), 0, 10))).extracting(Recorded::seq).containsExactly(1L, 2L, 3L);
  }

  @Test
  @DisplayName("a second event with the same actor and idempotency key is refused by the database itself")
  void idempotencyKeyGuard() throws Exception {
    ShowRecord show = created("keys");
    Actor viewer = Actor.viewer("v-7");
    await(store.append(show.id(), List.of(new Recorded(1, 1L, viewer, "k", Map.of("ok", true),
        new Event.ViewerSubscribed("v-7")))));

    assertThatThrownBy(() -> await(store.append(show.id(), List.of(new Recorded(2, 2L, viewer, "k", Map.of("ok", true),
        new Event.ViewerClicked("v-7", "JJ-01")))))).isNotNull();
    await(store.append(show.id(), List.of(new Recorded(2, 2L, Actor.viewer("v-8"), "k", Map.of("ok", true),
        new Event.ViewerClicked("v-8", "JJ-01")))));

    assertThat(await(store.lastSeq(show.id()))).isEqualTo(2);
  }

  @Test
  @DisplayName("a stored event that does not decode fails reading that show alone, saying which show, which seq and"
      + " why; no show is reported out of service by the store itself, and probing answers where a history ends")
  void undecodableEvent() throws Exception {
    ShowRecord broken = createdWithAnnouncements("broken", 3);
    ShowRecord fine = createdWithAnnouncements("fine", 1);
    Pool pool = PgBuilder.pool().connectingTo(SharedServices.PG_URI).using(vertx).build();
    try {
      // what a newer version, rolled back, leaves behind: an event kind this one does not know
      await(pool.preparedQuery("UPDATE " + schema.name() + ".events SET body = replace(body::text, 'announce.published',"
          + " 'announce.whispered')::json WHERE show_id = $1 AND seq = 2").execute(Tuple.of(broken.id())));
    } finally {
      await(pool.close());
    }

    assertThatThrownBy(() -> await(store.read(broken.id(), 0, 10)))
        .hasMessageContaining("show " + broken.id()).hasMessageContaining("seq 2")
        .hasMessageContaining("unknown event kind 'announce.whispered'");
    assertThat(await(store.read(fine.id(), 0, 10))).extracting(Recorded::seq).containsExactly(1L);
    assertThat(await(store.probe(broken.id()))).isEqualTo(3);
    assertThat(store.showsOutOfService()).isEmpty();
  }

  @Test
  @DisplayName("retention rewrites an ended show's rows, actor column included, once; a live show is refused")
  void anonymisesEndedShowsOnly() throws Exception {
    PostgresEventStore postgres = (PostgresEventStore) store;
    ShowRecord show = created("retention");
    Actor alice = new Actor(Actor.Role.VIEWER, "alice-91");
    // a viewer whose own id looks like a pseudonym, and the same key as alice: alice takes "anon-1" from her
    Actor lookalike = new Actor(Actor.Role.VIEWER, "anon-1");
    long t0 = 1_700_000_000_000L;
    await(store.append(show.id(), List.of(new Recorded(1, t0 + 1, Actor.CONTROL, null, null, new Event.ShowStarted()),
        new Recorded(2, t0 + 2, alice, "k1", null, new Event.ViewerSubscribed("alice-91")),
        new Recorded(3, t0 + 3, lookalike, "k1", null, new Event.CommentPosted("c3", "anon-1", "hi", null)))));
    assertThatThrownBy(() -> await(postgres.anonymizeViewers(show.id(), new ViewerPseudonyms(), t0)))
        .hasMessageContaining("has not ended");
    await(store.append(show.id(), List.of(new Recorded(4, t0 + 4, Actor.CONTROL, null, null, new Event.ShowEnded()))));
    assertThat(await(postgres.anonymisable(t0 + 3))).doesNotContain(show.id());
    assertThat(await(postgres.anonymisable(t0 + 4))).contains(show.id());
    // a snapshot of the show holds the old ids in its folded state: it must not outlive them
    await(store.saveSnapshot(show.id(), 4, "a snapshot naming alice-91".getBytes(java.nio.charset.StandardCharsets.UTF_8)));

    await(postgres.anonymizeViewers(show.id(), new ViewerPseudonyms(), t0 + 10));

    assertThat(await(store.latestSnapshot(show.id()))).as("the snapshot is dropped with the ids").isNull();
    assertThat(await(postgres.anonymisable(t0 + 4))).doesNotContain(show.id());
    List<Recorded> read = await(store.read(show.id(), 0, 10));
    assertThat(read.get(1).actor()).isEqualTo(new Actor(Actor.Role.VIEWER, "anon-1"));
    assertThat(read.get(2).event()).isEqualTo(new Event.CommentPosted("c3", "anon-2", "hi", null));
    assertThat(read.get(2).key()).isEqualTo("k1");
    Pool pool = PgBuilder.pool().connectingTo(SharedServices.PG_URI).using(vertx).build();
    try {
      StringBuilder rows = new StringBuilder();
      await(pool.preparedQuery("SELECT actor, body::text FROM " + schema.name() + ".events WHERE show_id = $1 ORDER BY seq")
          .execute(Tuple.of(show.id()))).forEach(row -> rows.append(row.getString(0)).append(row.getString(1)));
      assertThat(rows.toString()).contains("viewer:anon-1", "viewer:anon-2").doesNotContain("alice-91", "retention:");
      assertThat(await(pool.preparedQuery("SELECT anonymized_at FROM " + schema.name() + ".shows WHERE id = $1")
          .execute(Tuple.of(show.id()))).iterator().next().getLong(0)).isEqualTo(t0 + 10);
    } finally {
      await(pool.close());
    }
    assertThatThrownBy(() -> await(postgres.anonymizeViewers(show.id(), new ViewerPseudonyms(), t0 + 20)))
        .hasMessageContaining("anonymised already");
    await(store.append(show.id(), announcements(5, 5)));
    assertThat(await(store.read(show.id(), 0, 10))).extracting(Recorded::seq).containsExactly(1L, 2L, 3L, 4L, 5L);
  }

  @Test
  @DisplayName("the schema is migrated once: opening again finds version 1 applied and keeps the data")
  void migratesOnce() throws Exception {
    ShowRecord show = created("migrations");
    EventStore second = open();
    try {
      assertThat(await(second.show(show.id()))).isEqualTo(show);
    } finally {
      await(second.close());
    }
    assertThat(Migrations.version(Migrations.SCRIPTS.get(0))).isEqualTo(1);
  }

  @Test
  @DisplayName("a password in a connection string never shows in what is logged")
  void passwordMasked() {
    assertThat(ConnectionString.masked("postgresql://livedesk:s3cret@db:5432/live?sslmode=require&password=x2"))
        .isEqualTo("postgresql://livedesk:***@db:5432/live?sslmode=require&password=***")
        .doesNotContain("s3cret");
    assertThat(ConnectionString.masked("redis://:hunter2@cache:6379/0")).doesNotContain("hunter2");
    assertThat(ConnectionString.masked("redis://127.0.0.1:6379")).isEqualTo("redis://127.0.0.1:6379");
  }
}
