package io.livedesk.store;

import static io.livedesk.testing.Futures.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.livedesk.show.Actor;
import io.livedesk.show.Event;
import io.livedesk.show.Recorded;
import io.livedesk.show.ShowMeta;
import io.livedesk.show.ShowStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import io.livedesk.testing.StoreContract;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What every event store promises, run against each kind of store by its subclass. */
public abstract class EventStoreContract extends StoreContract<EventStore> {

  @Override
  protected void close() throws Exception {
    await(store.close());
  }

  static ShowRecord newShow(String title) {
    String id = "s" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    return new ShowRecord(new ShowMeta(id, title, 1_700_000_000_000L, 120, false, 1_699_000_000_000L),
        "control-hash-" + id, "prompter-hash-" + id);
  }

  static Recorded event(long seq, Event event) {
    return new Recorded(seq, 1_700_000_000_000L + seq, Actor.CONTROL, null, null, event);
  }

  /** Events {@code from}..{@code to}: announcements, each different. */
  protected static List<Recorded> announcements(long from, long to) {
    List<Recorded> events = new ArrayList<>();
    for (long seq = from; seq <= to; seq++) {
      events.add(event(seq, new Event.AnnouncementPublished("a" + seq, "announcement " + seq, false)));
    }
    return events;
  }

  static List<String> encoded(List<Recorded> events) {
    return events.stream().map(e -> EventCodec.toJson(e).toString()).toList();
  }

  protected ShowRecord created(String title) throws Exception {
    ShowRecord show = newShow(title);
    await(store.createShow(show));
    return show;
  }

  /** A show created with announcements of seq 1 to {@code count} appended. */
  protected ShowRecord createdWithAnnouncements(String title, int count) throws Exception {
    ShowRecord show = created(title);
    await(store.append(show.id(), announcements(1, count)));
    return show;
  }

  @Test
  @DisplayName("a created show comes back with its meta and token hashes; an unknown id is null")
  void createdShowComesBack() throws Exception {
    ShowRecord show = created("spring sale");

    assertThat(await(store.show(show.id()))).isEqualTo(show);
    assertThat(await(store.show("nosuchshow"))).isNull();
    assertThat(await(store.lastSeq(show.id()))).isZero();
  }

  @Test
  @DisplayName("creating a show with an id that exists is refused and leaves the first untouched")
  void createTwiceRefused() throws Exception {
    ShowRecord show = created("first");
    ShowRecord again = new ShowRecord(new ShowMeta(show.id(), "second", null, 60, true, 5L), "x", "y");

    assertThatThrownBy(() -> await(store.createShow(again))).isNotNull();
    assertThat(await(store.show(show.id()))).isEqualTo(show);
  }

  @Test
  @DisplayName("appended events read back identical, in seq order, with key and result")
  void appendAndRead() throws Exception {
    ShowRecord show = created("round trip");
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("orderId", "o3");
    result.put("status", "PENDING");
    List<Recorded> events = List.of(
        event(1, new Event.ShowStarted()),
        event(2, new Event.PriceChanged("JJ-01", 9900, 7900, true, false)),
        new Recorded(3, 1_700_000_000_003L, Actor.viewer("v-42"), "k-1", result,
            new Event.ViewerClicked("v-42", "JJ-01")));

    await(store.append(show.id(), events));

    List<Recorded> read = await(store.read(show.id(), 0, 100));
    assertThat(encoded(read)).containsExactlyElementsOf(encoded(events));
    assertThat(read.get(2).key()).isEqualTo("k-1");
    assertThat(read.get(2).result()).containsEntry("orderId", "o3");
    assertThat(await(store.lastSeq(show.id()))).isEqualTo(3);
  }

  @Test
  @DisplayName("reading pages through the history: each page continues after the last seq of the one before")
  void paging() throws Exception {
    ShowRecord show = createdWithAnnouncements("paging", 12);
    await(store.append(show.id(), announcements(13, 25)));

    assertThat(await(store.read(show.id(), 0, 10))).extracting(Recorded::seq)
        .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
    assertThat(await(store.read(show.id(), 10, 10))).extracting(Recorded::seq)
        .containsExactly(11L, 12L, 13L, 14L, 15L, 16L, 17L, 18L, 19L, 20L);
    assertThat(await(store.read(show.id(), 20, 10))).extracting(Recorded::seq)
        .containsExactly(21L, 22L, 23L, 24L, 25L);
    assertThat(await(store.read(show.id(), 25, 10))).isEmpty();
    assertThat(await(store.lastSeq(show.id()))).isEqualTo(25);
  }

  @ParameterizedTest(name = "seqs {0} to {1}")
  @CsvSource({"3, 4", "1, 1", "5, 6"})
  @DisplayName("an append that repeats a stored seq or would leave a gap is refused: the history is not forked and"
      + " the next seq in line is still taken")
  void outOfLineAppendRefused(long from, long to) throws Exception {
    ShowRecord show = createdWithAnnouncements("out of line", 3);

    assertThatThrownBy(() -> await(store.append(show.id(), announcements(from, to)))).isNotNull();

    assertThat(encoded(await(store.read(show.id(), 0, 100)))).containsExactlyElementsOf(encoded(announcements(1, 3)));
    assertThat(await(store.lastSeq(show.id()))).isEqualTo(3);
    await(store.append(show.id(), announcements(4, 4)));
    assertThat(await(store.read(show.id(), 0, 100))).extracting(Recorded::seq).containsExactly(1L, 2L, 3L, 4L);
  }

  @Test
  @DisplayName("the listing follows a show from draft to live to ended with the times of its start and end")
  void statusTracking() throws Exception {
    ShowRecord show = created("status");
    assertThat(listing(show.id()).status()).isEqualTo(ShowStatus.DRAFT);

    await(store.append(show.id(), List.of(event(1, new Event.ShowStarted()))));
    ShowListing live = listing(show.id());
    assertThat(live.status()).isEqualTo(ShowStatus.LIVE);
    assertThat(live.startedAt()).isEqualTo(1_700_000_000_001L);
    assertThat(live.endedAt()).isNull();

    await(store.append(show.id(), List.of(event(2, new Event.ItemListed("JJ-01")), event(3, new Event.ShowEnded()))));
    ShowListing ended = listing(show.id());
    assertThat(ended.status()).isEqualTo(ShowStatus.ENDED);
    assertThat(ended.startedAt()).isEqualTo(1_700_000_000_001L);
    assertThat(ended.endedAt()).isEqualTo(1_700_000_000_003L);
    assertThat(ended.title()).isEqualTo("status");
    assertThat(ended.plannedStartAt()).isEqualTo(1_700_000_000_000L);
  }

  @Test
  @DisplayName("the listing holds every show, ordered by id")
  void listingOrdered() throws Exception {
    ShowRecord a = created("a");
    ShowRecord b = created("b");

    List<String> ids = await(store.listShows()).stream().map(ShowListing::id).toList();
    assertThat(ids).contains(a.id(), b.id());
    assertThat(ids).isSorted();
  }

  @Test
  @DisplayName("what was appended is there after the store is closed and opened again")
  void survivesReopen() throws Exception {
    ShowRecord show = created("reopen");
    await(store.append(show.id(), List.of(event(1, new Event.ShowStarted()))));
    await(store.append(show.id(), announcements(2, 40)));
    await(store.close());

    store = open();

    assertThat(await(store.show(show.id()))).isEqualTo(show);
    assertThat(await(store.lastSeq(show.id()))).isEqualTo(40);
    assertThat(await(store.read(show.id(), 0, 1000))).hasSize(40);
    assertThat(listing(show.id()).status()).isEqualTo(ShowStatus.LIVE);
  }

  @Test
  @DisplayName("an unknown show has no events and last seq 0")
  void unknownShow() throws Exception {
    assertThat(await(store.read("nosuchshow", 0, 10))).isEmpty();
    assertThat(await(store.lastSeq("nosuchshow"))).isZero();
  }

  ShowListing listing(String showId) throws Exception {
    return await(store.listShows()).stream().filter(l -> l.id().equals(showId)).findFirst().orElseThrow();
  }

  @Test
  @DisplayName("a show's latest snapshot is kept as saved, across a reopen, in place of the one before")
  void snapshotKept() throws Exception {
    ShowRecord show = newShow("snapshots");
    await(store.createShow(show));
    await(store.append(show.id(), announcements(1, 20)));
    assertThat(await(store.latestSnapshot(show.id()))).isNull();

    byte[] first = "first fold".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    byte[] second = new byte[300_000];
    new java.util.Random(7).nextBytes(second);
    await(store.saveSnapshot(show.id(), 10, first));
    assertThat(await(store.latestSnapshot(show.id()))).isEqualTo(first);
    await(store.saveSnapshot(show.id(), 20, second));
    await(store.close());
    store = open();
    assertThat(await(store.latestSnapshot(show.id()))).isEqualTo(second);
  }
}
