package io.livedesk.store;

import static io.livedesk.testing.Futures.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.livedesk.json.Json;
import io.livedesk.show.ErrorCode;
import io.livedesk.show.Recorded;
import io.livedesk.show.ShowError;
import io.livedesk.show.StoredShow;
import io.livedesk.store.file.FileEventStore;
import io.livedesk.store.postgres.PostgresEventStore;
import io.livedesk.testing.SharedServices;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Stored bytes are a contract: the journal and the PostgreSQL rows each version wrote for {@link StoredShow}
 * are committed under {@code src/test/resources/stored/v<version>/} and must replay, through today's stores,
 * to the committed fold of the show. The fixtures are written again only on purpose:
 * {@code mvn -B -q test -Dtest=StoredBytesTest#regenerate -Dstored.regenerate=true} (CONTRIBUTING.md §Stored bytes).
 */
@DisplayName("the stored bytes of every version replay to the same show")
class StoredBytesTest {

  /** Where the fixtures are kept in the source tree, for regenerating them. */
  private static final Path SOURCES = Path.of("src", "test", "resources", "stored");
  private static final String JOURNAL = "journal.jsonl";
  private static final String SHOW_RECORD = "show.json";
  private static final String ROWS = "postgres-events.jsonl";
  private static final String FOLDED = "folded.json";

  private final Vertx vertx = Vertx.vertx();
  private final String schema = SharedServices.newSchema();
  @TempDir
  Path dataDir;

  @AfterEach
  void close() throws Exception {
    await(vertx.close());
    SharedServices.dropSchema(schema);
  }

  /** The committed versions, each a directory of fixtures. */
  static Stream<Path> versions() throws Exception {
    Path stored = Path.of(StoredBytesTest.class.getResource("/stored").toURI());
    try (Stream<Path> dirs = Files.list(stored)) {
      return dirs.filter(Files::isDirectory).sorted().toList().stream();
    }
  }

  private static Path current() throws Exception {
    return Path.of(StoredBytesTest.class.getResource("/stored/v" + EventUpcaster.CURRENT).toURI());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("versions")
  @DisplayName("the journal replays through the file store to the committed fold")
  void journalReplays(Path version) throws Exception {
    List<Recorded> replayed = readThroughFileStore(version.resolve(JOURNAL), version.resolve(SHOW_RECORD));

    assertThat(pretty(StoredShow.folded(replayed))).isEqualTo(Files.readString(version.resolve(FOLDED)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("versions")
  @DisplayName("the PostgreSQL rows replay through the PostgreSQL store to the same committed fold")
  void rowsReplay(Path version) throws Exception {
    List<Recorded> replayed = readThroughPostgres(Files.readAllLines(version.resolve(ROWS), StandardCharsets.UTF_8));

    assertThat(pretty(StoredShow.folded(replayed))).isEqualTo(Files.readString(version.resolve(FOLDED)));
  }

  @Test
  @DisplayName("the same journal as written before events carried their version replays to the same fold")
  void unmarkedJournalReplays() throws Exception {
    Path unmarked = dataDir.resolve("unmarked.jsonl");
    String journal = Files.readString(current().resolve(JOURNAL), StandardCharsets.UTF_8);
    Files.writeString(unmarked, journal.replace(",\"v\":1,", ","));
    assertThat(Files.readString(unmarked)).doesNotContain("\"v\":");

    List<Recorded> replayed = readThroughFileStore(unmarked, current().resolve(SHOW_RECORD));

    assertThat(pretty(StoredShow.folded(replayed))).isEqualTo(Files.readString(current().resolve(FOLDED)));
  }

  @Test
  @DisplayName("this version writes the committed bytes of its own version exactly, every kind of event in them")
  void currentVersionWritesTheFixture() throws Exception {
    List<Recorded> history = StoredShow.play();

    assertThat(history.stream().map(Recorded::kind).collect(Collectors.toSet())).isEqualTo(EventCodec.kinds().keySet());
    assertThat(new String(journalBytes(history), StandardCharsets.UTF_8))
        .isEqualTo(Files.readString(current().resolve(JOURNAL), StandardCharsets.UTF_8));
    assertThat(pretty(StoredShow.folded(history))).isEqualTo(Files.readString(current().resolve(FOLDED)));
  }

  @Test
  @DisplayName("a journal whose order renamed priceCents to price puts the show out of service, the file untouched")
  void renamedFieldInJournal() throws Exception {
    Path journal = dataDir.resolve("renamed.jsonl");
    List<String> lines = Files.readAllLines(current().resolve(JOURNAL), StandardCharsets.UTF_8);
    Files.writeString(journal, String.join("\n", renamePriceOfFirstOrder(lines, line -> line)) + "\n");
    byte[] before = Files.readAllBytes(journal);

    assertThatThrownBy(() -> readThroughFileStore(journal, current().resolve(SHOW_RECORD)))
        .isInstanceOfSatisfying(ShowError.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE))
        .hasMessageContaining("out of service").hasMessageContaining("(order.placed)")
        .hasMessageContaining("priceCents");
    assertThat(Files.readAllBytes(showDir().resolve(JOURNAL))).isEqualTo(before);
  }

  @Test
  @DisplayName("a PostgreSQL row whose order renamed priceCents to price is damaged history, not an order at 0 fen")
  void renamedFieldInRows() throws Exception {
    List<String> rows = Files.readAllLines(current().resolve(ROWS), StandardCharsets.UTF_8);
    List<String> renamed = renamePriceOfFirstOrder(rows, row -> Json.parse(row).get("body").asText());

    assertThatThrownBy(() -> readThroughPostgres(renamed))
        .isInstanceOf(DamagedHistory.class).hasMessageContaining("(order.placed)").hasMessageContaining("priceCents");
  }

  /** The lines with the first order's priceCents stored as price, the rename a careless refactoring would make. */
  private static List<String> renamePriceOfFirstOrder(List<String> lines, StoredLine event) throws IOException {
    List<String> renamed = new ArrayList<>(lines);
    for (int i = 0; i < lines.size(); i++) {
      if (Json.parse(event.of(lines.get(i))).get("kind").asText().equals("order.placed")) {
        String line = lines.get(i);
        int data = line.indexOf("data");
        renamed.set(i, line.substring(0, data) + line.substring(data).replaceFirst("priceCents", "price"));
        assertThat(Json.parse(event.of(renamed.get(i))).get("data").has("price")).isTrue();
        return renamed;
      }
    }
    throw new AssertionError("no order in the fixture");
  }

  /** The stored event a fixture line holds. */
  private interface StoredLine {
    String of(String line) throws IOException;
  }

  @Test
  @EnabledIfSystemProperty(named = "stored.regenerate", matches = "true")
  @DisplayName("regenerate: writes this version's fixtures again (only when asked)")
  void regenerate() throws Exception {
    List<Recorded> history = StoredShow.play();
    Path target = SOURCES.resolve("v" + EventUpcaster.CURRENT);
    Files.createDirectories(target);

    FileEventStore files = await(FileEventStore.open(vertx, dataDir, null));
    await(files.createShow(StoredShow.RECORD));
    await(files.append(StoredShow.SHOW_ID, history));
    await(files.close());
    Files.copy(showDir().resolve(JOURNAL), target.resolve(JOURNAL), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Files.copy(showDir().resolve(SHOW_RECORD), target.resolve(SHOW_RECORD),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);

    PostgresEventStore postgres = openPostgres();
    await(postgres.createShow(StoredShow.RECORD));
    await(postgres.append(StoredShow.SHOW_ID, history));
    await(postgres.close());
    Files.write(target.resolve(ROWS), dumpRows(), StandardCharsets.UTF_8);

    Files.writeString(target.resolve(FOLDED), pretty(StoredShow.folded(history)));
  }

  @Test
  @EnabledIfSystemProperty(named = "stored.regenerate", matches = "true")
  @DisplayName("regenerate: folds the other kept journals again, as this version reads them (only when asked)")
  void refoldKeptJournals() throws Exception {
    String current = current().getFileName().toString();
    for (Path version : versions().toList()) {
      String name = version.getFileName().toString();
      if (!name.equals(current)) {
        List<Recorded> replayed = readThroughFileStore(version.resolve(JOURNAL), version.resolve(SHOW_RECORD));
        Files.writeString(SOURCES.resolve(name).resolve(FOLDED), pretty(StoredShow.folded(replayed)));
        try (Stream<Path> files = Files.walk(dataDir)) {
          for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
            if (!file.equals(dataDir)) {
              Files.delete(file);
            }
          }
        }
      }
    }
  }

  // ---- the stores ----

  private Path showDir() {
    return dataDir.resolve("shows").resolve(StoredShow.SHOW_ID);
  }

  private List<Recorded> readThroughFileStore(Path journal, Path showRecord) throws Exception {
    Files.createDirectories(showDir());
    Files.copy(showRecord, showDir().resolve(SHOW_RECORD));
    if (!journal.equals(showDir().resolve(JOURNAL))) {
      Files.copy(journal, showDir().resolve(JOURNAL));
    }
    FileEventStore store = await(FileEventStore.open(vertx, dataDir, null));
    try {
      return await(store.read(StoredShow.SHOW_ID, 0, EventStore.PAGE));
    } finally {
      await(store.close());
    }
  }

  private List<Recorded> readThroughPostgres(List<String> rows) throws Exception {
    PostgresEventStore store = openPostgres();
    try {
      await(store.createShow(StoredShow.RECORD));
      Pool pool = rawPool();
      try {
        for (String line : rows) {
          JsonNode row = Json.parse(line);
          await(pool.preparedQuery("INSERT INTO " + schema + ".events (show_id, seq, ts, kind, actor, idempotency_key,"
              + " body) VALUES ($1, $2, $3, $4, $5, $6, $7::text::json)").execute(Tuple.of(row.get("show_id").asText(),
                  row.get("seq").asLong(), row.get("ts").asLong(), row.get("kind").asText(), row.get("actor").asText(),
                  row.get("idempotency_key").isNull() ? null : row.get("idempotency_key").asText())
              .addString(row.get("body").asText())));
        }
        await(pool.preparedQuery("UPDATE " + schema + ".shows SET last_seq = $2 WHERE id = $1")
            .execute(Tuple.of(StoredShow.SHOW_ID, (long) rows.size())));
      } finally {
        await(pool.close());
      }
      return await(store.read(StoredShow.SHOW_ID, 0, EventStore.PAGE));
    } finally {
      await(store.close());
    }
  }

  /** The show's rows as PostgreSQL keeps them, one JSON object a line, the body as its stored text. */
  private List<String> dumpRows() throws Exception {
    Pool pool = rawPool();
    try {
      List<String> lines = new ArrayList<>();
      for (Row row : await(pool.preparedQuery("SELECT show_id, seq, ts, kind, actor, idempotency_key, body::text FROM "
          + schema + ".events WHERE show_id = $1 ORDER BY seq").execute(Tuple.of(StoredShow.SHOW_ID)))) {
        ObjectNode line = Json.object();
        line.put("show_id", row.getString(0));
        line.put("seq", row.getLong(1));
        line.put("ts", row.getLong(2));
        line.put("kind", row.getString(3));
        line.put("actor", row.getString(4));
        line.put("idempotency_key", row.getString(5));
        line.put("body", row.getString(6));
        lines.add(line.toString());
      }
      return lines;
    } finally {
      await(pool.close());
    }
  }

  private PostgresEventStore openPostgres() throws Exception {
    return await(PostgresEventStore.open(vertx, new PostgresEventStore.Settings(SharedServices.PG_URI, schema, 2)));
  }

  private Pool rawPool() {
    return PgBuilder.pool().connectingTo(SharedServices.PG_URI).using(vertx).build();
  }

  /** The fold as the committed file keeps it: indented, so that a difference shows where it is. */
  private static String pretty(JsonNode folded) throws IOException {
    return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(folded) + "\n";
  }

  private static byte[] journalBytes(List<Recorded> history) {
    StringBuilder journal = new StringBuilder();
    for (Recorded recorded : history) {
      journal.append(new String(EventCodec.toBytes(recorded), StandardCharsets.UTF_8)).append('\n');
    }
    return journal.toString().getBytes(StandardCharsets.UTF_8);
  }

}
