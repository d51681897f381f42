package io.livedesk;

import static org.assertj.core.api.Assertions.assertThat;

import io.livedesk.warmup.PracticeSale;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The practice sale after a start: a whole sale on a private server, nothing of it left behind. */
class StartWarmupTest {

  @TempDir
  Path dir;

  @Test
  @DisplayName("one round sells out a flash sale, tells the rest the price now, runs out of coupons, takes payments; "
      + "its server and directory are gone after it and the real server's data directory is never touched")
  void oneRound() throws Exception {
    Path dataDir = dir.resolve("the real server's data");
    Config like = Config.load(null, Map.of("LIVEDESK_DATA_DIR", dataDir.toString()));
    List<Path> before = warmupDirs();

    StartWarmup.Outcome outcome = StartWarmup.run(like, 1);

    int buyers = PracticeSale.BUYERS;
    // flash orders past the sale's units, and one in ten ordinary orders at a price no longer right
    long conflicts = (long) buyers * PracticeSale.FLASH_ORDERS - PracticeSale.FLASH_UNITS
        + buyers * PracticeSale.FLOW_ORDERS / 10;
    // the sale's units, nine in ten ordinary orders, one limited and four tiered per buyer, the coupons,
    // one cancel per buyer, and every REST order
    long accepted = PracticeSale.FLASH_UNITS + buyers * PracticeSale.FLOW_ORDERS * 9 / 10 + buyers
        + 4L * buyers + PracticeSale.COUPONS + buyers + (long) PracticeSale.REST_LANES * PracticeSale.REST_ORDERS;
    Map<String, Long> answers = outcome.answers();
    assertThat(answers).containsOnlyKeys("OK", "CONFLICT", "SOLD_OUT", "PAID");
    assertThat(answers.get("CONFLICT")).isEqualTo(conflicts);
    assertThat(answers.get("SOLD_OUT")).isEqualTo(buyers - PracticeSale.COUPONS);
    assertThat(answers.get("OK")).isEqualTo(accepted);
    assertThat(answers.get("PAID")).isPositive();
    assertThat(outcome.commands()).isEqualTo(answers.values().stream().mapToLong(Long::longValue).sum());
    assertThat(warmupDirs()).containsExactlyInAnyOrderElementsOf(before);
    assertThat(dataDir).doesNotExist();
  }

  private static List<Path> warmupDirs() throws IOException {
    try (Stream<Path> entries = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      return entries.filter(path -> path.getFileName().toString().startsWith("livedesk-warmup")).toList();
    }
  }
}
