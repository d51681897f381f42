package io.livedesk.store.file;

import static io.livedesk.testing.Futures.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.livedesk.show.Actor;
import io.livedesk.show.ErrorCode;
import io.livedesk.show.Event;
import io.livedesk.show.Recorded;
import io.livedesk.show.ShowError;
import io.livedesk.show.ShowMeta;
import io.livedesk.show.ShowStatus;
import io.livedesk.store.EventCodec;
import io.livedesk.store.ShowListing;
import io.livedesk.store.ShowRecord;
import io.livedesk.testing.FailingDisk;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("the file journal")
class FileEventStoreTest {

  private static final long T0 = 1_750_000_000_000L;

  private Vertx vertx;
  @TempDir
  Path dataDir;
  private FileEventStore store;

  @BeforeEach
  void open() throws Exception {
    vertx = Vertx.vertx();
    store = reopen();
  }

  @AfterEach
  void close() throws Exception {
    await(store.close());
    await(vertx.close());
  }

  private FileEventStore reopen() throws Exception {
    return await(FileEventStore.open(vertx, dataDir, null));
  }

  private FileEventStore closeAndReopen() throws Exception {
    await(store.close());
    store = reopen();
    return store;
  }

  private static ShowRecord record(String id) {
    return new ShowRecord(new ShowMeta(id, "show " + id, T0, 120, false, T0 - 1), "hash-c-" + id, "hash-p-" + id);
  }

  private static Recorded event(long seq, Event event) {
    return new Recorded(seq, T0 + seq, Actor.CONTROL, null, null, event);
  }

  /** Events with seq {@code from} to {@code to}: notes, so each line is distinct. */
  private static List<Recorded> notes(long from, long to) {
    return LongStream.rangeClosed(from, to).mapToObj(seq -> event(seq, new Event.NoteSent("n" + seq, "note " + seq))).toList();
  }

  private List<Long> seqs(String showId, long after, int limit) throws Exception {
    return await(store.read(showId, after, limit)).stream().map(Recorded::seq).toList();
  }

  /** The loggers of the store and its journals. */
  private static final Logger STORE_LOG = Logger.getLogger("io.livedesk.store");

  private static Handler capture(List<LogRecord> into) {
    return new Handler() {
      @Override
      public void publish(LogRecord record) {
        synchronized (into) {
          into.add(record);
        }
      }

      @Override
      public void flush() {
      }

      @Override
      public void close() {
      }
    };
  }

  /** Show s1 with notes 1 to {@code last} in its journal and the store closed, as a crash or power loss leaves it. */
  private Path closedJournal(long last) throws Exception {
    await(store.createShow(record("s1")));
    await(store.append("s1", notes(1, last)));
    await(store.close());
    return journal("s1");
  }

  private static List<String> lines(Path journal) throws IOException {
    return new ArrayList<>(Files.readAllLines(journal, StandardCharsets.UTF_8));
  }

  /** Writes a journal again as these lines, each ended by a line feed. */
  private static void rewrite(Path journal, List<String> lines) throws IOException {
    Files.write(journal, (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
  }

  private Path journal(String showId) {
    return dataDir.resolve("shows").resolve(showId).resolve("journal.jsonl");
  }

  @Test
  @DisplayName("appended events read back in pages, with lastSeq the last durable one")
  void appendAndPage() throws Exception {
    await(store.createShow(record("s1")));
    for (long from = 1; from <= 2500; from += 250) {
      await(store.append("s1", notes(from, from + 249)));
    }

    assertThat(await(store.lastSeq("s1"))).isEqualTo(2500);
    assertThat(seqs("s1", 0, 1000)).containsExactlyElementsOf(LongStream.rangeClosed(1, 1000).boxed().toList());
    assertThat(seqs("s1", 1000, 1000)).first().isEqualTo(1001L);
    assertThat(seqs("s1", 2000, 1000)).hasSize(500).last().isEqualTo(2500L);
    assertThat(seqs("s1", 1499, 3)).containsExactly(1500L, 1501L, 1502L);
    assertThat(seqs("s1", 2500, 1000)).isEmpty();
    assertThat(await(store.read("s1", 41, 1)).get(0).event()).isEqualTo(new Event.NoteSent("n42", "note 42"));
    assertThat(await(store.lastSeq("no-such-show"))).isZero();
    assertThat(await(store.read("no-such-show", 0, 10))).isEmpty();
  }

  @Test
  @DisplayName("shows, their status and their history survive closing and reopening")
  void survivesReopen() throws Exception {
    await(store.createShow(record("s1")));
    await(store.createShow(record("s2")));
    await(store.append("s1", List.of(event(1, new Event.ShowStarted()))));
    await(store.append("s1", notes(2, 5)));
    await(store.append("s2", List.of(event(1, new Event.ShowStarted()), event(2, new Event.ShowEnded()))));
    List<ShowListing> before = await(store.listShows());

    closeAndReopen();

    assertThat(await(store.listShows())).isEqualTo(before);
    assertThat(before).extracting(ShowListing::id, ShowListing::status)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("s1", ShowStatus.LIVE),
            org.assertj.core.groups.Tuple.tuple("s2", ShowStatus.ENDED));
    assertThat(before.get(0).startedAt()).isEqualTo(T0 + 1);
    assertThat(before.get(1).endedAt()).isEqualTo(T0 + 2);
    assertThat(await(store.show("s1"))).isEqualTo(record("s1"));
    assertThat(await(store.lastSeq("s1"))).isEqualTo(5);
    assertThat(seqs("s1", 0, 100)).containsExactly(1L, 2L, 3L, 4L, 5L);
    await(store.append("s1", notes(6, 6)));
    assertThat(await(store.lastSeq("s1"))).isEqualTo(6);
  }

  @Test
  @DisplayName("a torn last line, as a crash mid-write leaves it, is dropped on open and the store goes on")
  void tornLastLine() throws Exception {
    Path journal = closedJournal(10);
    long intact = Files.size(journal);
    byte[] line11 = EventCodec.toBytes(notes(11, 11).get(0));
    Files.write(journal, java.util.Arrays.copyOf(line11, line11.length / 2), StandardOpenOption.APPEND);

    store = reopen();

    assertThat(await(store.lastSeq("s1"))).isEqualTo(10);
    assertThat(Files.size(journal)).isEqualTo(intact);
    await(store.append("s1", notes(11, 12)));
    assertThat(seqs("s1", 0, 100)).containsExactlyElementsOf(LongStream.rangeClosed(1, 12).boxed().toList());
    closeAndReopen();
    assertThat(await(store.lastSeq("s1"))).isEqualTo(12);
  }

  @Test
  @DisplayName("a last line that is complete but unreadable (zeros after a power loss) is dropped too")
  void garbageTail() throws Exception {
    Files.write(closedJournal(3), new byte[] {0, 0, 0, '\n'}, StandardOpenOption.APPEND);

    store = reopen();

    assertThat(await(store.lastSeq("s1"))).isEqualTo(3);
    await(store.append("s1", notes(4, 4)));
    assertThat(seqs("s1", 0, 100)).containsExactly(1L, 2L, 3L, 4L);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"NULs after the last line feed", "a line of NULs", "half an event, then NULs",
      "an empty line", "a line that is no JSON object", "several torn lines"})
  @DisplayName("a torn tail (what a write cut short leaves) is dropped on open, and only that")
  void tornTails(String tail) throws Exception {
    Path journal = closedJournal(10);
    long intact = Files.size(journal);
    byte[] line11 = EventCodec.toBytes(notes(11, 11).get(0));
    byte[] half = java.util.Arrays.copyOf(line11, line11.length / 2);
    String torn = switch (tail) {
      case "NULs after the last line feed" -> "\0\0\0\0\0\0";
      case "a line of NULs" -> "\0\0\0\0\n";
      case "half an event, then NULs" -> new String(half, StandardCharsets.UTF_8) + "\0\0\0\0\n";
      case "an empty line" -> "\n";
      case "a line that is no JSON object" -> "#&%garbage\n";
      default -> "\0\0\n\n" + new String(half, StandardCharsets.UTF_8) + "\0\n\0\0";
    };
    Files.write(journal, torn.getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND);

    store = reopen();

    assertThat(await(store.lastSeq("s1"))).isEqualTo(10);
    assertThat(Files.size(journal)).isEqualTo(intact);
    assertThat(store.showsOutOfService()).isEmpty();
    await(store.append("s1", notes(11, 11)));
    closeAndReopen();
    assertThat(seqs("s1", 0, 100)).containsExactlyElementsOf(LongStream.rangeClosed(1, 11).boxed().toList());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"the last line", "the last line, a torn tail after it", "a line in the middle"})
  @DisplayName("a complete event line that does not decode puts its show out of service: nothing is cut, one log"
      + " line says which show, which line and why, and the other shows are served")
  void undecodableCompleteLine(String where) throws Exception {
    await(store.createShow(record("s1")));
    await(store.createShow(record("s2")));
    await(store.append("s1", notes(1, 5)));
    await(store.append("s2", notes(1, 2)));
    await(store.close());
    int damagedLine = where.startsWith("the last") ? 5 : 3;
    List<String> lines = lines(journal("s1"));
    // what a newer version, rolled back, leaves behind: an event kind this one does not know
    lines.set(damagedLine - 1, lines.get(damagedLine - 1).replace("\"kind\":\"cue.note\"", "\"kind\":\"cue.whisper\""));
    String text = String.join("\n", lines) + "\n" + (where.endsWith("after it") ? "{\"seq\":6,\"ts\"" : "");
    Files.write(journal("s1"), text.getBytes(StandardCharsets.UTF_8));
    byte[] before = Files.readAllBytes(journal("s1"));
    List<LogRecord> logged = new ArrayList<>();
    Handler handler = capture(logged);
    STORE_LOG.addHandler(handler);
    try {
      store = reopen();
      await(store.listShows());
      assertThatThrownBy(() -> await(store.read("s1", 0, 10))).isInstanceOfSatisfying(ShowError.class,
          e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE));
    } finally {
      STORE_LOG.removeHandler(handler);
    }

    for (Future<?> refused : List.of(store.lastSeq("s1"), store.append("s1", notes(6, 6)), store.probe("s1"))) {
      assertThatThrownBy(() -> await(refused)).isInstanceOfSatisfying(ShowError.class,
          e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE));
    }
    assertThat(Files.readAllBytes(journal("s1"))).isEqualTo(before);
    assertThat(store.showsOutOfService()).containsOnlyKeys("s1");
    assertThat(logged).filteredOn(r -> r.getLevel() == Level.SEVERE).singleElement().satisfies(r -> assertThat(
        r.getMessage()).contains("show s1", "(line " + damagedLine + ")", "unknown event kind 'cue.whisper'"));
    assertThat(logged).filteredOn(r -> r.getMessage().contains("dropping")).isEmpty();
    assertThat(seqs("s2", 0, 10)).containsExactly(1L, 2L);
    await(store.append("s2", notes(3, 3)));
    assertThat(await(store.probe("s2"))).isEqualTo(3);
    await(store.check());
    closeAndReopen();
    assertThat(Files.readAllBytes(journal("s1"))).isEqualTo(before);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"No space left on device", "Input/output error", "Read-only file system"})
  @DisplayName("an append the disk refuses fails alone and leaves the journal as acknowledged; a probe finds the"
      + " disk back and the history goes on from where it was")
  void appendRefusedByTheDisk(String error) throws Exception {
    FailingDisk disk = new FailingDisk();
    await(store.close());
    store = await(FileEventStore.open(vertx, dataDir, null, disk));
    await(store.createShow(record("s1")));
    await(store.createShow(record("s2")));
    await(store.append("s1", notes(1, 3)));
    long acknowledged = Files.size(journal("s1"));
    switch (error) {
      // the disk is full: nothing is written
      case "No space left on device" -> disk.fail("s1", error, FailingDisk.Op.WRITE);
      // the write lands in the page cache, its fsync fails, and so does cutting it off again
      case "Input/output error" -> disk.fail("s1", error, FailingDisk.Op.FORCE, FailingDisk.Op.TRUNCATE);
      default -> disk.fail("s1", error, FailingDisk.Op.WRITE, FailingDisk.Op.FORCE, FailingDisk.Op.TRUNCATE);
    }

    assertThatThrownBy(() -> await(store.append("s1", notes(4, 9)))).hasMessageContaining(error);
    assertThatThrownBy(() -> await(store.probe("s1"))).hasMessageContaining(error);
    await(store.append("s2", notes(1, 1)));

    assertThat(await(store.lastSeq("s1"))).isEqualTo(3);
    assertThat(seqs("s1", 0, 100)).containsExactly(1L, 2L, 3L);
    disk.heal("s1");
    assertThat(await(store.probe("s1"))).isEqualTo(3);
    assertThat(Files.size(journal("s1"))).isEqualTo(acknowledged);
    await(store.append("s1", notes(4, 4)));
    await(store.close());
    store = reopen();
    assertThat(seqs("s1", 0, 100)).containsExactly(1L, 2L, 3L, 4L);
    assertThat(seqs("s2", 0, 100)).containsExactly(1L);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"more after the event", "the event split over two lines"})
  @DisplayName("a line that is not exactly one event is damage, reported at that line's first byte")
  void lineNotExactlyOneEvent(String damage) throws Exception {
    Path journal = closedJournal(5);
    List<String> lines = lines(journal);
    long thirdLineAt = lines.get(0).length() + 1 + lines.get(1).length() + 1;
    String third = lines.get(2);
    if (damage.startsWith("more")) {
      lines.set(2, third + third);
    } else {
      int cut = third.indexOf(",\"ts\"");
      lines.set(2, third.substring(0, cut + 1) + "\n" + third.substring(cut + 1));
    }
    rewrite(journal, lines);

    store = reopen();

    assertThatThrownBy(() -> await(store.read("s1", 0, 10)))
        .isInstanceOfSatisfying(ShowError.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE))
        .hasMessageContaining("corrupt at byte " + thirdLineAt);
  }

  @Test
  @DisplayName("a corrupt line in the middle keeps that show out of service, untouched, and the others served")
  void corruptMiddleLine() throws Exception {
    await(store.createShow(record("s1")));
    await(store.createShow(record("s2")));
    await(store.append("s1", notes(1, 6)));
    await(store.append("s2", notes(1, 2)));
    await(store.close());
    List<String> lines = lines(journal("s1"));
    lines.set(2, "{\"seq\":3,\"kind\":\"cue.note\",\"data\":{broken");
    rewrite(journal("s1"), lines);
    byte[] damaged = Files.readAllBytes(journal("s1"));

    store = reopen();

    assertThat(await(store.listShows())).extracting(ShowListing::id).containsExactly("s1", "s2");
    assertThatThrownBy(() -> await(store.read("s1", 0, 10)))
        .isInstanceOfSatisfying(ShowError.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE))
        .hasMessageContaining("out of service").hasMessageContaining("byte");
    assertThatThrownBy(() -> await(store.lastSeq("s1"))).isInstanceOf(ShowError.class);
    assertThatThrownBy(() -> await(store.append("s1", notes(7, 7)))).isInstanceOf(ShowError.class);
    assertThat(Files.readAllBytes(journal("s1"))).isEqualTo(damaged);
    assertThat(seqs("s2", 0, 10)).containsExactly(1L, 2L);
    await(store.append("s2", notes(3, 3)));
    await(store.check());
    assertThat(store.showsOutOfService()).containsOnlyKeys("s1");
    assertThat(store.showsOutOfService().get("s1")).contains("(line 3)");
  }

  @Test
  @DisplayName("appends in small batches index the lines a read seeks to, whichever batch holds them")
  void smallBatchesIndexTheirLines() throws Exception {
    await(store.createShow(record("s1")));
    long next = 1;
    for (int size = 1; next <= 3000; size = size % 13 + 1) {
      await(store.append("s1", notes(next, next + size - 1)));
      next += size;
    }
    Path journal = journal("s1");
    List<String> lines = lines(journal);
    lines.set(9, lines.get(9).replace("{\"seq\":10,", "{\"seq\":99,"));
    rewrite(journal, lines);

    // line 10 is passed only by a read that does not seek: one past an indexed line never reaches it
    assertThat(seqs("s1", 2500, 2)).containsExactly(2501L, 2502L);
    assertThat(seqs("s1", 1100, 2)).containsExactly(1101L, 1102L);
    assertThat(seqs("s1", 2048, 2)).containsExactly(2049L, 2050L);
    assertThatThrownBy(() -> await(store.read("s1", 0, 20))).hasMessageContaining("it has seq 99 where 10 belongs");
  }

  @Test
  @DisplayName("a read from far into a reopened journal seeks to its line instead of passing every line before it")
  void seeksFarIntoTheJournal() throws Exception {
    Path journal = closedJournal(30_000);
    List<String> lines = lines(journal);
    lines.set(9, lines.get(9).replace("{\"seq\":10,", "{\"seq\":99,"));
    rewrite(journal, lines);

    store = reopen();

    assertThat(seqs("s1", 25_000, 3)).containsExactly(25_001L, 25_002L, 25_003L);
    assertThat(seqs("s1", 12_344, 2)).containsExactly(12_345L, 12_346L);
    assertThat(seqs("s1", 29_999, 5)).containsExactly(30_000L);
    assertThatThrownBy(() -> await(store.read("s1", 0, 10))).as("the line is still checked when read")
        .hasMessageContaining("it has seq 99 where 10 belongs");
  }

  @Test
  @DisplayName("a gap in the middle of a journal is damage, not a torn tail")
  void gapInTheMiddle() throws Exception {
    Path journal = closedJournal(4);
    List<String> lines = lines(journal);
    lines.remove(1);
    rewrite(journal, lines);

    store = reopen();

    assertThatThrownBy(() -> await(store.read("s1", 0, 10))).hasMessageContaining("seq 3 where 2 belongs");
  }

  @Test
  @DisplayName("an append that repeats a stored seq or leaves a gap is refused, alone, and the store stays healthy")
  void duplicateAndGapRefused() throws Exception {
    await(store.createShow(record("s1")));
    await(store.append("s1", notes(1, 3)));

    assertThatThrownBy(() -> await(store.append("s1", notes(3, 4)))).hasMessageContaining("already stored");
    assertThatThrownBy(() -> await(store.append("s1", notes(5, 5)))).hasMessageContaining("a gap");
    List<Recorded> holed = List.of(notes(4, 4).get(0), notes(6, 6).get(0));
    assertThatThrownBy(() -> await(store.append("s1", holed))).hasMessageContaining("a gap");
    assertThat(await(store.lastSeq("s1"))).isEqualTo(3);
    await(store.check());

    Future<Void> good = store.append("s1", notes(4, 5));
    Future<Void> repeat = store.append("s1", notes(4, 5));
    Future<Void> follows = store.append("s1", notes(6, 6));
    await(good);
    await(follows);
    assertThatThrownBy(() -> await(repeat)).hasMessageContaining("already stored");
    assertThat(seqs("s1", 0, 100)).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
    closeAndReopen();
    assertThat(seqs("s1", 0, 100)).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
  }

  @Test
  @DisplayName("events on disk are acknowledged even when the record file cannot follow; that show is listed until"
      + " its next append writes the record")
  void recordFileFailure() throws Exception {
    await(store.createShow(record("s1")));
    await(store.createShow(record("s2")));
    Path blocker = dataDir.resolve("shows").resolve("s1").resolve("show.json.tmp");
    Files.createDirectories(blocker);

    await(store.append("s1", List.of(event(1, new Event.ShowStarted()))));
    await(store.append("s2", List.of(event(1, new Event.ShowStarted()))));

    assertThat(seqs("s1", 0, 10)).containsExactly(1L);
    assertThat(await(store.listShows()).get(0).status()).isEqualTo(ShowStatus.LIVE);
    assertThat(store.showsOutOfService()).containsOnlyKeys("s1");
    assertThat(store.showsOutOfService().get("s1")).contains("show.json.tmp");
    await(store.check());

    Files.delete(blocker);
    await(store.append("s1", notes(2, 2)));

    assertThat(store.showsOutOfService()).isEmpty();
    closeAndReopen();
    assertThat(await(store.listShows()).get(0).status()).isEqualTo(ShowStatus.LIVE);
  }

  @Test
  @DisplayName("appending to an unknown show is NOT_FOUND and does not mark the store down")
  void unknownShow() throws Exception {
    assertThatThrownBy(() -> await(store.append("nope", notes(1, 1))))
        .isInstanceOfSatisfying(ShowError.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
    await(store.check());
  }

  @Test
  @DisplayName("a show id is created once")
  void createOnce() throws Exception {
    await(store.createShow(record("s1")));
    assertThatThrownBy(() -> await(store.createShow(record("s1")))).isInstanceOf(IOException.class);
  }

  @Test
  @DisplayName("anonymising refuses a show that has not ended; an ended one gets pseudonyms, keeps its seqs and takes appends after the swap")
  void anonymisesEndedShowsOnly() throws Exception {
    Actor alice = new Actor(Actor.Role.VIEWER, "alice-91");
    await(store.createShow(record("s1")));
    await(store.append("s1", List.of(event(1, new Event.ShowStarted()),
        new Recorded(2, T0 + 2, alice, null, null, new Event.ViewerSubscribed("alice-91")),
        new Recorded(3, T0 + 3, alice, null, null, new Event.CommentPosted("c3", "alice-91", "hi", null)))));
    assertThatThrownBy(() -> await(store.anonymizeViewers("s1", new io.livedesk.store.ViewerPseudonyms(), T0)))
        .hasMessageContaining("has not ended");

    await(store.append("s1", List.of(event(4, new Event.ShowEnded()))));
    assertThat(store.endedWithViewerIds(T0 + 4)).containsExactly("s1");
    await(store.anonymizeViewers("s1", new io.livedesk.store.ViewerPseudonyms(), T0 + 10));
    await(store.append("s1", List.of(event(5, new Event.NoteSent("n5", "after the swap")))));

    assertThat(store.endedWithViewerIds(T0 + 4)).isEmpty();
    List<Recorded> read = await(store.read("s1", 0, 10));
    assertThat(read).extracting(Recorded::seq).containsExactly(1L, 2L, 3L, 4L, 5L);
    assertThat(read.get(1).actor().id()).isEqualTo("anon-1");
    assertThat(read.get(2).event()).isEqualTo(new Event.CommentPosted("c3", "anon-1", "hi", null));
    assertThat(Files.readString(journal("s1"))).doesNotContain("alice-91");
    assertThat(await(store.checkpoint()).get("s1").seq()).isEqualTo(5);

    closeAndReopen();
    assertThat(seqs("s1", 0, 10)).containsExactly(1L, 2L, 3L, 4L, 5L);
    assertThat(store.endedWithViewerIds(T0 + 4)).isEmpty();
    assertThat(Files.readString(dataDir.resolve("shows/s1/show.json"))).contains("\"anonymizedAt\":" + (T0 + 10));
  }
}
