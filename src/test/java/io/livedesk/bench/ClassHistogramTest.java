package io.livedesk.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ClassHistogramTest {

  private static final String BEFORE = """
      12345:
       num     #instances         #bytes  class name (module)
      -------------------------------------------------------
         1:          1000          80000  [B (java.base@17.0.15)
         2:           100           4000  java.util.HashMap$Node (java.base@17.0.15)
         3:            10           1040  io.livedesk.http.SocketSession
      Total          1110          85040
      """;
  private static final String AFTER = """
      12345:
       num     #instances         #bytes  class name (module)
      -------------------------------------------------------
         1:          1500         120000  [B (java.base@17.0.15)
         2:           300          24000  io.livedesk.show.OrderState
         3:             9            936  io.livedesk.http.SocketSession
         4:            50           2000  java.util.HashMap$Node (java.base@17.0.15)
      Total          1859         146936
      """;

  @Test
  @DisplayName("a histogram's rows and total are read from jcmd's text, and the growth between two comes largest first")
  void growthBetweenTwoHistograms() {
    ClassHistogram before = ClassHistogram.parse(BEFORE);
    ClassHistogram after = ClassHistogram.parse(AFTER);

    assertThat(before.bytes()).isEqualTo(85040);
    assertThat(after.instances()).isEqualTo(1859);
    assertThat(after.since(before)).containsExactly(
        new ClassHistogram.Growth("[B", 500, 40000),
        new ClassHistogram.Growth("io.livedesk.show.OrderState", 300, 24000),
        new ClassHistogram.Growth("io.livedesk.http.SocketSession", -1, -104),
        new ClassHistogram.Growth("java.util.HashMap$Node", -50, -2000));
  }

  @Test
  @DisplayName("the soak charges a class's growth to the connections, the show's state, the frames or the JDK")
  void groups() {
    Map<String, String> charged = Map.of(
        "io.netty.channel.epoll.EpollSocketChannel", "connections",
        "io.livedesk.http.SocketSession", "connections",
        "io.livedesk.show.OrderState", "show state",
        "io.livedesk.report.ShowFigures$Counters", "show state",
        "io.livedesk.engine.WireFrames$Encoded", "engine and frames",
        "io.netty.buffer.UnpooledHeapByteBuf", "engine and frames",
        "io.livedesk.vertx.WireFrame", "engine and frames",
        "java.util.TreeMap$Entry", "JDK");
    charged.forEach((className, group) -> assertThat(SoakBench.group(className)).as(className).startsWith(group));
  }
}
