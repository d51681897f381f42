package io.livedesk;

import static org.assertj.core.api.Assertions.assertThat;

import io.livedesk.metrics.ServerMetrics;
import io.livedesk.vertx.EventLoops;
import io.vertx.core.Vertx;
import io.vertx.core.transport.Transport;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class EventLoopCountTest {

  @Test
  @DisplayName("eventLoops 0 is one loop per core the JVM is given; another value is taken as it is")
  void countChosen() {
    assertThat(Livedesk.eventLoops(0)).isEqualTo(Runtime.getRuntime().availableProcessors());
    assertThat(Livedesk.eventLoops(3)).isEqualTo(3);
  }

  @Test
  @DisplayName("the server's Vert.x runs exactly the event loops chosen")
  void vertxRunsThatMany() throws Exception {
    Vertx vertx = new ServerMetrics().newVertx(Transport.NIO, 3);
    try {
      assertThat(EventLoops.loops(vertx)).hasSize(3);
    } finally {
      vertx.close().await();
    }
  }

  @Test
  @DisplayName("LIVEDESK_EVENT_LOOPS sets eventLoops")
  void fromEnvironment() throws Exception {
    assertThat(Main.configuration(null, Map.of("LIVEDESK_EVENT_LOOPS", "1")).eventLoops()).isEqualTo(1);
  }
}
