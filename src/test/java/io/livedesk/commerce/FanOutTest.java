package io.livedesk.commerce;

import static org.assertj.core.api.Assertions.assertThat;

import io.livedesk.testing.Api;
import io.livedesk.testing.ControlRoom;
import io.livedesk.testing.Crowd;
import io.livedesk.testing.ShopSheet;
import io.livedesk.testing.TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class FanOutTest {

  private static final int VIEWERS = 1_000;
  /** Announcements published and retracted before the stalled viewer joins, to give it a replay it cannot take. */
  private static final int BACKLOG = 2_000;
  /** More frames the stalled viewer cannot take than the server holds for a socket before giving up on it. */
  private static final int BURST = 300;
  private static final String BURST_MARKER = "\"kind\":\"announce.published\"";

  @RegisterExtension
  static final TestServer server = TestServer.forClass();

  @Test
  @DisplayName("1,000 viewer sockets get every frame while sockets that never read are left behind, then dropped")
  void stalledSocketsDelayNobody() throws Exception {
    Api.Show show = ShopSheet.of().item("FLASH", 9_900, 1_000, null).openShow(server.api(), "fan-out");
    ControlRoom room = new ControlRoom(server, show);
    String path = "/ws/shows/" + show.id();
    try (Crowd staff = new Crowd(server.baseUrl(), 64); ViewerFleet fleet = new ViewerFleet(server.port(), path)) {
      publishAndRetract(staff, show, BACKLOG, "鲜".repeat(1_000));
      fleet.connect(ids("fan-", 0, VIEWERS / 2), 100);
      try (StalledViewer lagging = stalled(room, path, "lagging");
           StalledViewer leaving = stalled(room, path, "leaving")) {
        fleet.connect(ids("fan-", VIEWERS / 2, VIEWERS), 100);
        assertThat(room.snapshot().get("figures").get("online").asInt()).isEqualTo(VIEWERS + 2);

        long whileStalled = priceChange(fleet, show, 10_900);
        leaving.sayGoodbye();
        fleet.watchFor(BURST_MARKER);
        List<Crowd.Call> burst = new ArrayList<>();
        for (int i = 0; i < BURST; i++) {
          burst.add(Crowd.staffCommand(show.id(), show.controlToken(), "announce.publish",
              Api.args("text", "burst " + i)));
        }
        assertThat(staff.send(burst)).allMatch(response -> response.status() == 200);
        priceChange(fleet, show, 11_900);
        assertThat(fleet.awaitCount(member -> member.count(BURST_MARKER) == BURST, 30_000))
            .as("viewers that got every announcement of the burst").isEqualTo(VIEWERS);

        StalledViewer.Received lagged = lagging.readUntilClosed();
        assertThat(lagged.ended()).as("the server ended the lagging socket").isTrue();
        assertThat(lagged.texts().stream().filter(text -> text.contains(BURST_MARKER) && text.contains("\"burst ")))
            .as("burst frames queued for the lagging socket").hasSizeLessThan(BURST);
        if (lagged.closeCode() != null) {
          assertThat(lagged.texts()).last().isEqualTo("{\"type\":\"resync\"}");
          assertThat(lagged.closeCode()).isEqualTo(4408);
        }
        assertThat(leaving.readUntilClosed().ended()).as("the server ended the leaving socket").isTrue();

        long afterwards = priceChange(fleet, show, 12_900);
        System.out.printf("price change to %d viewers: %.1f ms with stalled sockets, %.1f ms after they were dropped%n",
            VIEWERS, whileStalled / 1e6, afterwards / 1e6);
      }
    }
  }

  /**
   * A viewer that asks for the whole backlog and reads none of it, so its write queue is full from the
   * start; the viewers connected after it sit behind it on the server's event loops.
   */
  private static StalledViewer stalled(ControlRoom room, String path, String viewerId) throws Exception {
    StalledViewer stalled = new StalledViewer(server.port(), path,
        "{\"type\":\"connect\",\"role\":\"viewer\",\"viewer\":\"" + viewerId + "\",\"after\":1}");
    room.awaitEvent("viewer.joined", event -> event.path("data").path("viewerId").asText().equals(viewerId));
    // its welcome is written right after the join is recorded
    Thread.sleep(300);
    return stalled;
  }

  /** Changes the price and waits for every viewer to see it; the nanoseconds until the last one did. */
  private static long priceChange(ViewerFleet fleet, Api.Show show, long priceCents) throws InterruptedException {
    String marker = "\"toCents\":" + priceCents;
    fleet.watchFor(marker);
    long sent = System.nanoTime();
    Api.Response changed = server.api().command(show.controlToken(), show.id(), "item.set_price",
        Api.args("itemId", "FLASH", "priceCents", priceCents));
    assertThat(changed.status()).as(changed.text()).isEqualTo(200);
    assertThat(fleet.awaitCount(member -> member.firstSeenNanos.containsKey(marker), 30_000))
        .as("viewers that saw the price " + priceCents).isEqualTo(VIEWERS);
    return fleet.spreadNanos(marker, sent);
  }

  private static void publishAndRetract(Crowd staff, Api.Show show, int count, String text) throws Exception {
    List<Crowd.Call> publish = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      publish.add(Crowd.staffCommand(show.id(), show.controlToken(), "announce.publish", Api.args("text", text)));
    }
    List<Crowd.Call> retract = new ArrayList<>();
    for (Api.Response published : staff.send(publish)) {
      assertThat(published.status()).as(published.text()).isEqualTo(200);
      retract.add(Crowd.staffCommand(show.id(), show.controlToken(), "announce.retract",
          Api.args("announcementId", published.json().path("result").path("announcementId").asText())));
    }
    assertThat(staff.send(retract)).allMatch(response -> response.status() == 200);
  }

  private static List<String> ids(String prefix, int from, int to) {
    return IntStream.range(from, to).mapToObj(i -> prefix + i).toList();
  }
}
