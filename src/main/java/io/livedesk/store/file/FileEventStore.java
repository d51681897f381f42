package io.livedesk.store.file;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.livedesk.json.Json;
import io.livedesk.show.ErrorCode;
import io.livedesk.show.Event;
import io.livedesk.show.Recorded;
import io.livedesk.show.ShowError;
import io.livedesk.show.ShowMeta;
import io.livedesk.show.ShowStatus;
import io.livedesk.store.EventCodec;
import io.livedesk.store.EventStore;
import io.livedesk.store.ShowListing;
import io.livedesk.store.ShowRecord;
import io.livedesk.store.ViewerAnonymiser;
import io.livedesk.store.ViewerPseudonyms;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * The embedded store: under the data directory, one folder per show with {@code show.json} and a
 * JSON-lines {@code journal.jsonl}. All writes go through one thread that group-commits: whatever
 * arrived while the previous fsync ran is written and fsynced together.
 */
public final class FileEventStore implements EventStore, ViewerAnonymiser {

  private static final Logger LOG = Logger.getLogger(FileEventStore.class.getName());
  /** The folder of the data directory holding one folder per show. */
  public static final String SHOWS = "shows";
  /** A show's journal, in its folder. */
  public static final String JOURNAL = "journal.jsonl";
  /** A show's record file, in its folder. */
  public static final String RECORD = "show.json";

  private final Vertx vertx;
  private final Path showsDir;
  private final Map<String, Entry> shows = new ConcurrentHashMap<>();
  private final LinkedBlockingQueue<Task> tasks = new LinkedBlockingQueue<>();
  private final Thread writer;
  private final BatchObserver observer;
  private final JournalChannels channels;
  /** The lines of one show's append, kept by the writer thread from one append to the next. */
  private AppendLines lines = new AppendLines();
  private volatile boolean closed;

  /**
   * An append's lines in a buffer used again by the next: a buffer grown anew and copied out for each
   * append was as much allocation as the lines themselves. One that grew past {@link #KEPT_BYTES} (a
   * run-sheet imported, a large batch) is not kept.
   */
  private static final class AppendLines extends ByteArrayOutputStream {
    static final int KEPT_BYTES = 1 << 20;

    AppendLines() {
      super(16 * 1024);
    }

    /** The lines written since the last reset, without a copy; valid until the next reset. */
    ByteBuffer asBuffer() {
      return ByteBuffer.wrap(buf, 0, count);
    }

    boolean grownPastKept() {
      return buf.length > KEPT_BYTES;
    }
  }

  /** A show's record, its listing state and its open journal. */
  private static final class Entry {
    volatile ShowRecord record;
    volatile ShowStatus status = ShowStatus.DRAFT;
    volatile Long startedAt;
    volatile Long endedAt;
    /** Why the journal cannot be read; such a show is listed but refuses reads and appends. */
    volatile String damage;
    /** Why the record file lags behind the journal; it is written again with the show's next append. */
    volatile String staleRecord;
    /** When its viewer ids were replaced by pseudonyms (docs/design.md §Data retention), or null. */
    volatile Long anonymizedAt;
    Journal journal;
  }

  /**
   * Something for the writer thread to do, with the promise to settle on the caller's context: create a
   * show, append events, probe whether a show's journal takes writes, or run a {@code job} between two group
   * commits (a checkpoint, a journal's swap).
   */
  private record Task(Context context, Promise<Void> promise, String showId, List<Recorded> events,
      ShowRecord create, boolean probe, WriterJob job) {}

  /** Work done on the writer thread after a batch's appends, so no append runs beside it. */
  private interface WriterJob {
    void run() throws IOException;
  }

  /**
   * Where a show stands between two group commits, for a consistent copy (docs/design.md §Backup and
   * restore): its last durable seq, the length of its journal up to that event, and the bytes of its record
   * file as they match that history.
   */
  public record ShowCheckpoint(String showId, long seq, long journalBytes, byte[] record) {}

  /** Told the size and duration of every group commit, for metrics. */
  public interface BatchObserver {
    void batchWritten(int events, long nanos);

    /** One journal's fsync took {@code nanos}. */
    default void fsynced(long nanos) {
    }
  }

  private FileEventStore(Vertx vertx, Path dataDir, BatchObserver observer, JournalChannels channels) {
    this.vertx = vertx;
    this.showsDir = dataDir.resolve(SHOWS);
    this.observer = observer;
    this.channels = channels;
    this.writer = new Thread(this::writeLoop, "livedesk-journal");
    this.writer.setDaemon(true);
  }

  /** Opens the store, reading every show's record and indexing its journal, off the event loop. */
  public static Future<FileEventStore> open(Vertx vertx, Path dataDir, BatchObserver observer) {
    return open(vertx, dataDir, observer, JournalChannels.DISK);
  }

  /** Opens the store with its journals behind {@code channels}. */
  public static Future<FileEventStore> open(Vertx vertx, Path dataDir, BatchObserver observer,
      JournalChannels channels) {
    FileEventStore store = new FileEventStore(vertx, dataDir, observer, channels);
    return vertx.executeBlocking(() -> {
      store.load();
      store.writer.start();
      return store;
    }, false);
  }

  /**
   * Reads every show. A show whose record or journal cannot be read is logged and kept out of service
   * (its files are left as they are, for repair); it never stops the other shows from being served.
   */
  private void load() throws IOException {
    Files.createDirectories(showsDir);
    try (Stream<Path> dirs = Files.list(showsDir)) {
      for (Path dir : dirs.sorted().toList()) {
        Path recordFile = dir.resolve(RECORD);
        if (!Files.isRegularFile(recordFile)) {
          continue;
        }
        Entry entry;
        try {
          entry = readEntry(recordFile);
        } catch (IOException | RuntimeException e) {
          LOG.log(Level.SEVERE, "show in " + dir + " is out of service: its record " + recordFile
              + " cannot be read", e);
          continue;
        }
        try {
          entry.journal = Journal.open(entry.record.id(), dir.resolve(JOURNAL), channels);
        } catch (Journal.Damaged e) {
          takeOutOfService(entry, e.getMessage());
        } catch (IOException | RuntimeException e) {
          takeOutOfService(entry, "its journal " + dir.resolve(JOURNAL) + " cannot be opened: " + e);
        }
        shows.put(entry.record.id(), entry);
      }
    }
  }

  private static Entry readEntry(Path recordFile) throws IOException {
    JsonNode node = Json.parse(Files.readAllBytes(recordFile));
    Entry entry = new Entry();
    entry.record = new ShowRecord(Json.convert(node.get("meta"), ShowMeta.class),
        node.path("controlTokenHash").asText(), node.path("prompterTokenHash").asText(),
        node.hasNonNull("shopTokenHash") ? node.get("shopTokenHash").asText() : null);
    entry.status = ShowStatus.fromWire(node.path("status").asText("draft"));
    entry.startedAt = node.hasNonNull("startedAt") ? node.get("startedAt").asLong() : null;
    entry.endedAt = node.hasNonNull("endedAt") ? node.get("endedAt").asLong() : null;
    entry.anonymizedAt = node.hasNonNull("anonymizedAt") ? node.get("anonymizedAt").asLong() : null;
    return entry;
  }

  @Override
  public Future<Void> createShow(ShowRecord show) {
    return submit(new Task(vertx.getOrCreateContext(), Promise.promise(), show.id(), List.of(), show, false, null));
  }

  @Override
  public Future<ShowRecord> show(String showId) {
    Entry entry = shows.get(showId);
    return Future.succeededFuture(entry == null ? null : entry.record);
  }

  @Override
  public Future<List<ShowListing>> listShows() {
    List<ShowListing> listing = shows.values().stream()
        .map(entry -> new ShowListing(entry.record.id(), entry.record.meta().title(), entry.status,
            entry.record.meta().plannedStartAt(), entry.startedAt, entry.endedAt, entry.record.meta().rehearsal()))
        .sorted(Comparator.comparing(ShowListing::id))
        .toList();
    return Future.succeededFuture(listing);
  }

  @Override
  public Future<Void> append(String showId, List<Recorded> events) {
    if (events.isEmpty()) {
      return Future.succeededFuture();
    }
    return submit(new Task(vertx.getOrCreateContext(), Promise.promise(), showId, List.copyOf(events), null, false, null));
  }

  @Override
  public Future<List<Recorded>> read(String showId, long afterSeq, int limit) {
    Entry entry = shows.get(showId);
    if (entry == null) {
      return Future.succeededFuture(List.of());
    }
    if (entry.damage != null) {
      return Future.failedFuture(outOfService(entry));
    }
    return vertx.<List<Recorded>>executeBlocking(() -> entry.journal.read(afterSeq, limit), false)
        .recover(failure -> {
          if (failure instanceof Journal.Damaged) {
            takeOutOfService(entry, failure.getMessage());
            return Future.failedFuture(outOfService(entry));
          }
          return Future.failedFuture(failure);
        });
  }

  /**
   * Takes a show whose journal cannot be read out of service, saying so once in one line: which show,
   * where and why. Its files stay exactly as they are, for repair.
   */
  private static void takeOutOfService(Entry entry, String why) {
    synchronized (entry) {
      if (entry.damage != null) {
        return;
      }
      entry.damage = why;
    }
    LOG.severe(() -> "show " + entry.record.id() + " is OUT OF SERVICE: " + why
        + "; its files are left untouched for repair and every other show is served");
  }

  @Override
  public Future<Long> lastSeq(String showId) {
    Entry entry = shows.get(showId);
    if (entry != null && entry.damage != null) {
      return Future.failedFuture(outOfService(entry));
    }
    return Future.succeededFuture(entry == null ? 0L : entry.journal.lastSeq());
  }

  private static ShowError outOfService(Entry entry) {
    return new ShowError(ErrorCode.UNAVAILABLE, "show " + entry.record.id()
        + " is out of service: its journal cannot be read (" + entry.damage + ")");
  }

  @Override
  public Future<Long> probe(String showId) {
    return submit(new Task(vertx.getOrCreateContext(), Promise.promise(), showId, List.of(), null, true, null))
        .map(v -> shows.get(showId).journal.lastSeq());
  }

  /**
   * Every show in service as it stands after the appends acknowledged so far, taken on the writer thread
   * between two group commits, so a record file and its journal agree. Shows out of service are left out.
   */
  public Future<Map<String, ShowCheckpoint>> checkpoint() {
    Map<String, ShowCheckpoint> into = new TreeMap<>();
    return onWriter(() -> fillCheckpoint(into)).map(v -> Map.copyOf(into));
  }

  private Future<Void> onWriter(WriterJob job) {
    return submit(new Task(vertx.getOrCreateContext(), Promise.promise(), null, List.of(), null, false, job));
  }

  /**
   * The ended shows whose viewer ids are still as given, ended at or before {@code endedBy}: what retention
   * may anonymise now.
   */
  public List<String> endedWithViewerIds(long endedBy) {
    return shows.values().stream()
        .filter(e -> e.damage == null && e.status == ShowStatus.ENDED && e.anonymizedAt == null
            && e.endedAt != null && e.endedAt <= endedBy)
        .map(e -> e.record.id()).sorted().toList();
  }

  @Override
  public Future<List<String>> anonymisable(long endedBy) {
    return Future.succeededFuture(endedWithViewerIds(endedBy));
  }

  /**
   * Replaces the viewer ids of an ended show's journal by {@code names}' pseudonyms (docs/design.md §Data
   * retention): the journal is rewritten into a new file on a worker thread, then, on the writer thread,
   * whatever was appended meanwhile is rewritten too, the file fsynced and renamed over the journal, and
   * the record file gains {@code anonymizedAt}. A live show, or one already anonymised, is refused.
   */
  @Override
  public Future<Void> anonymizeViewers(String showId, ViewerPseudonyms names, long now) {
    Entry entry = shows.get(showId);
    if (entry == null || entry.damage != null) {
      return Future.failedFuture(entry == null ? ShowError.notFound("no show " + showId) : outOfService(entry));
    }
    if (entry.status != ShowStatus.ENDED || entry.anonymizedAt != null) {
      return Future.failedFuture(new ShowError(ErrorCode.CONFLICT, "show " + showId
          + (entry.anonymizedAt != null ? " is anonymised already" : " has not ended")));
    }
    Path dir = showsDir.resolve(showId);
    Path journalFile = dir.resolve(JOURNAL);
    Path tmp = dir.resolve(JOURNAL + ".anonymized.tmp");
    return vertx.executeBlocking(() -> {
      long upTo = entry.journal.durableEnd().bytes();
      Files.deleteIfExists(tmp);
      JournalRewrite.rewrite(journalFile, 0, upTo, tmp, names);
      return upTo;
    }, false).compose(upTo -> onWriter(() -> {
      long end = entry.journal.durableEnd().bytes();
      if (end > upTo) {
        JournalRewrite.rewrite(journalFile, upTo, end, tmp, names);
      }
      // the snapshot holds the viewer ids too: the next start replays the rewritten journal instead
      Files.deleteIfExists(snapshotFile(showId));
      entry.journal.close();
      try {
        JournalRewrite.swap(tmp, journalFile);
      } finally {
        entry.journal = Journal.open(showId, journalFile, channels);
      }
      entry.anonymizedAt = now;
      writeRecord(entry);
    })).onFailure(e -> {
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException ignored) {
        // a leftover .tmp is never read, and the next try replaces it
      }
    });
  }

  @Override
  public Map<String, String> showsOutOfService() {
    Map<String, String> out = new TreeMap<>();
    shows.forEach((id, entry) -> {
      if (entry.damage != null) {
        out.put(id, "its journal cannot be read: " + entry.damage);
      } else if (entry.staleRecord != null) {
        out.put(id, entry.staleRecord);
      }
    });
    return out;
  }

  /** Whether the store is open; how each show's journal fares is {@link #showsOutOfService()}'s. */
  @Override
  public Future<Void> check() {
    return closed ? Future.failedFuture("the journal is closed") : Future.succeededFuture();
  }

  @Override
  public Future<Void> close() {
    if (closed) {
      return Future.succeededFuture();
    }
    closed = true;
    tasks.add(new Task(null, null, null, null, null, false, null));
    return vertx.executeBlocking(() -> {
      writer.join();
      for (Entry entry : shows.values()) {
        if (entry.journal != null) {
          entry.journal.close();
        }
      }
      return null;
    }, false);
  }

  private Future<Void> submit(Task task) {
    if (closed) {
      return Future.failedFuture(new IllegalStateException("the journal is closed"));
    }
    tasks.add(task);
    return task.promise().future();
  }

  private void writeLoop() {
    List<Task> batch = new ArrayList<>();
    while (true) {
      batch.clear();
      try {
        batch.add(tasks.take());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      tasks.drainTo(batch);
      boolean stop = batch.get(batch.size() - 1).promise() == null;
      if (stop) {
        batch.remove(batch.size() - 1);
      }
      writeBatch(batch);
      if (stop) {
        return;
      }
    }
  }

  /**
   * Writes every task of the batch, one fsync per touched journal, then settles the promises. A failed
   * write fails the appends of that show alone; its writer says so and probes until the disk is back.
   */
  private void writeBatch(List<Task> batch) {
    long started = System.nanoTime();
    Map<Task, Throwable> failures = new IdentityHashMap<>();
    Map<String, List<Task>> appendsByShow = new LinkedHashMap<>();
    List<Task> probes = new ArrayList<>();
    List<Task> jobs = new ArrayList<>();
    for (Task task : batch) {
      if (task.job() != null) {
        jobs.add(task);
      } else if (task.create() != null) {
        try {
          create(task.create());
        } catch (IOException | RuntimeException e) {
          failures.put(task, e);
        }
      } else if (task.probe()) {
        probes.add(task);
      } else {
        appendsByShow.computeIfAbsent(task.showId(), id -> new ArrayList<>()).add(task);
      }
    }
    int written = 0;
    for (Map.Entry<String, List<Task>> show : appendsByShow.entrySet()) {
      try {
        written += appendShow(show.getKey(), show.getValue(), failures);
      } catch (IOException | RuntimeException e) {
        show.getValue().forEach(task -> failures.putIfAbsent(task, e));
      }
    }
    for (Task probe : probes) {
      try {
        probeShow(probe.showId());
      } catch (IOException | RuntimeException e) {
        failures.put(probe, e);
      }
    }
    for (Task job : jobs) {
      try {
        job.job().run();
      } catch (IOException | RuntimeException e) {
        failures.put(job, e);
      }
    }
    if (observer != null && written > 0) {
      observer.batchWritten(written, System.nanoTime() - started);
    }
    settle(batch, failures);
  }

  private void probeShow(String showId) throws IOException {
    Entry entry = shows.get(showId);
    if (entry == null) {
      throw ShowError.notFound("no show " + showId);
    }
    if (entry.damage != null) {
      throw outOfService(entry);
    }
    entry.journal.probe();
  }

  /**
   * Writes the appends of one show that continue its history; one that would repeat a stored seq or
   * leave a gap is refused alone (a caller's mistake, not a storage failure), and so is any that builds on it.
   */
  private int appendShow(String showId, List<Task> tasksOfShow, Map<Task, Throwable> failures) throws IOException {
    Entry entry = shows.get(showId);
    if (entry == null || entry.damage != null) {
      Throwable refusal = entry == null ? ShowError.notFound("no show " + showId) : outOfService(entry);
      tasksOfShow.forEach(task -> failures.put(task, refusal));
      return 0;
    }
    List<Recorded> events = new ArrayList<>();
    lines.reset();
    long expected = entry.journal.lastSeq() + 1;
    for (Task task : tasksOfShow) {
      String gap = gap(task.events(), expected);
      if (gap != null) {
        failures.put(task, new IllegalStateException("append to show " + showId + " refused: " + gap));
        continue;
      }
      for (Recorded recorded : task.events()) {
        events.add(recorded);
        lines.writeBytes(EventCodec.toBytes(recorded));
        lines.write('\n');
      }
      expected += task.events().size();
    }
    if (events.isEmpty()) {
      return 0;
    }
    long fsyncNanos;
    try {
      fsyncNanos = entry.journal.append(events, lines.asBuffer());
    } finally {
      if (lines.grownPastKept()) {
        lines = new AppendLines();
      }
    }
    if (observer != null) {
      observer.fsynced(fsyncNanos);
    }
    trackStatus(entry, events);
    return events.size();
  }

  /** Why these events do not continue a history whose next seq is {@code expected}, or null when they do. */
  private static String gap(List<Recorded> events, long expected) {
    long next = expected;
    for (Recorded recorded : events) {
      if (recorded.seq() != next) {
        return "seq " + recorded.seq() + " where " + next + " belongs"
            + (recorded.seq() < next ? " (already stored)" : " (a gap)");
      }
      next++;
    }
    return null;
  }

  /**
   * The listing shows whether a show is live; the record file follows its start and end. The events are
   * durable by now, so a record file that cannot be rewritten is reported (health lists the show) and
   * written again with the show's next append, never turned into a failed append.
   */
  private void trackStatus(Entry entry, List<Recorded> events) {
    boolean changed = entry.staleRecord != null;
    for (Recorded recorded : events) {
      if (recorded.event() instanceof Event.ShowStarted) {
        entry.status = ShowStatus.LIVE;
        entry.startedAt = recorded.ts();
        changed = true;
      } else if (recorded.event() instanceof Event.ShowEnded) {
        entry.status = ShowStatus.ENDED;
        entry.endedAt = recorded.ts();
        changed = true;
      }
    }
    if (!changed) {
      return;
    }
    try {
      writeRecord(entry);
      entry.staleRecord = null;
    } catch (IOException e) {
      if (entry.staleRecord == null) {
        LOG.severe(() -> "show " + entry.record.id() + ": its events are in the journal but its record file"
            + " could not be updated to " + entry.status.wire() + ": " + e);
      }
      entry.staleRecord = "its record file cannot be updated to " + entry.status.wire() + ": " + e.getMessage();
    }
  }

  private void create(ShowRecord record) throws IOException {
    if (shows.containsKey(record.id())) {
      throw new IOException("show " + record.id() + " exists");
    }
    Path dir = showsDir.resolve(record.id());
    Files.createDirectories(dir);
    Entry entry = new Entry();
    entry.record = record;
    writeRecord(entry);
    entry.journal = Journal.open(record.id(), dir.resolve(JOURNAL), channels);
    AtomicFiles.forceDirectory(showsDir);
    shows.put(record.id(), entry);
  }

  private void fillCheckpoint(Map<String, ShowCheckpoint> into) {
    shows.forEach((id, entry) -> {
      if (entry.damage == null && entry.journal != null) {
        Journal.DurableEnd end = entry.journal.durableEnd();
        into.put(id, new ShowCheckpoint(id, end.seq(), end.bytes(), Json.bytes(recordNode(entry))));
      }
    });
  }

  private void writeRecord(Entry entry) throws IOException {
    AtomicFiles.write(showsDir.resolve(entry.record.id()).resolve(RECORD), Json.bytes(recordNode(entry)));
  }

  private static ObjectNode recordNode(Entry entry) {
    ObjectNode node = Json.object();
    node.set("meta", Json.tree(entry.record.meta()));
    node.put("controlTokenHash", entry.record.controlTokenHash());
    node.put("prompterTokenHash", entry.record.prompterTokenHash());
    if (entry.record.shopTokenHash() != null) {
      node.put("shopTokenHash", entry.record.shopTokenHash());
    }
    node.put("status", entry.status.wire());
    if (entry.startedAt != null) {
      node.put("startedAt", entry.startedAt);
    }
    if (entry.endedAt != null) {
      node.put("endedAt", entry.endedAt);
    }
    if (entry.anonymizedAt != null) {
      node.put("anonymizedAt", entry.anonymizedAt);
    }
    return node;
  }

  /** The show's snapshot file (docs/design.md §Snapshots): one a show, replaced whole each time. */
  private Path snapshotFile(String showId) {
    return showsDir.resolve(showId).resolve(showId + ".snapshot");
  }

  @Override
  public Future<Void> saveSnapshot(String showId, long seq, byte[] snapshot) {
    if (!shows.containsKey(showId)) {
      return Future.failedFuture(ShowError.notFound("no show " + showId));
    }
    return vertx.executeBlocking(() -> {
      AtomicFiles.write(snapshotFile(showId), snapshot);
      return null;
    }, false);
  }

  @Override
  public Future<byte[]> latestSnapshot(String showId) {
    if (!shows.containsKey(showId)) {
      return Future.succeededFuture();
    }
    Path file = snapshotFile(showId);
    return vertx.executeBlocking(() -> Files.exists(file) ? Files.readAllBytes(file) : null, false);
  }

  /** Completes each promise on the context that made the request, one hop per context. */
  private static void settle(List<Task> batch, Map<Task, Throwable> failures) {
    Map<Context, List<Task>> byContext = new HashMap<>();
    for (Task task : batch) {
      byContext.computeIfAbsent(task.context(), c -> new ArrayList<>()).add(task);
    }
    byContext.forEach((context, tasksOfContext) -> {
      Consumer<Void> complete = v -> tasksOfContext.forEach(task -> {
        Throwable failure = failures.get(task);
        if (failure == null) {
          task.promise().complete();
        } else {
          task.promise().fail(failure);
        }
      });
      context.runOnContext(complete::accept);
    });
  }
}
