package io.livedesk.engine;

import static io.livedesk.testing.Api.args;
import static io.livedesk.testing.Futures.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.livedesk.engine.local.MemoryEngine;
import io.livedesk.json.Json;
import io.livedesk.testing.Api;
import io.livedesk.testing.TestServer;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("a show's own meters go when it rests (docs/design.md §Resting shows)")
class RestingShowMetersTest {

  private static final long REST_AFTER_MILLIS = 60_000;

  final AtomicLong clock = new AtomicLong(1_790_000_000_000L);
  @RegisterExtension
  final TestServer server = TestServer.forEachTest(TestServer.config(c -> {
    c.putObject("shows").put("restAfterSeconds", REST_AFTER_MILLIS / 1000);
    c.putObject("snapshots").put("everyEvents", 5);
  }), clock::get);
  final Api api = server.api();

  @Test
  @DisplayName("an ended show's snapshot age leaves /metrics when it rests")
  void snapshotAgeGoesWithTheShow() throws Exception {
    Api.Show show = api.liveSampleShow("meters at rest");
    for (int i = 0; i < 3; i++) {
      api.command(show.controlToken(), show.id(), "item.list", args("itemId", "JJ-CHERRY-10"));
      api.command(show.controlToken(), show.id(), "item.delist", args("itemId", "JJ-CHERRY-10"));
    }
    api.command(show.controlToken(), show.id(), "show.end", Json.object());
    String row = "livedesk_snapshot_age_seconds{show=\"" + show.id() + "\"";
    assertThat(scrapeUntil(row, true)).as("the row while the show is loaded").contains(row);

    clock.addAndGet(REST_AFTER_MILLIS + 1);
    MemoryEngine engine = (MemoryEngine) server.engine();
    assertThat(await(engine.restIdleShows())).containsExactly(show.id());

    assertThat(scrapeUntil(row, false)).as("the row once the show rests").doesNotContain(row);
  }

  /** /metrics once {@code row} is there (or gone), or after 30 s as it then is. */
  private String scrapeUntil(String row, boolean present) throws InterruptedException {
    long until = System.nanoTime() + 30_000_000_000L;
    String text = api.get("/metrics", Map.of()).text();
    while (text.contains(row) != present && System.nanoTime() < until) {
      Thread.sleep(100);
      text = api.get("/metrics", Map.of()).text();
    }
    return text;
  }
}
