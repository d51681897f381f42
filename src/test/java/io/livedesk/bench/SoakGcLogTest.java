package io.livedesk.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SoakGcLogTest {

  @Test
  @DisplayName("the soak reads the heap after each collection from ZGC's and G1's -Xlog:gc lines, from where the run began")
  void readsHeapAfterEachCollection(@TempDir Path dir) throws Exception {
    String before = """
        [0.262s] Using The Z Garbage Collector
        [1.059s] GC(0) Garbage Collection (Timer) 6M(2%)->4M(2%)
        """;
    String during = """
        [60.000s] GC(7) Garbage Collection (Allocation Rate) 120M(12%)->40M(4%)
        [90.000s] GC(8) Pause Young (Normal) (G1 Evacuation Pause) 64M->50M(1024M) 3.1ms
        [95.000s] GC(8) Concurrent Mark Cycle 12.000ms
        [120.000s] GC(9) Garbage Collection (Timer) 70M(7%)->60M(6%)
        """;
    Path log = dir.resolve("gc.log");
    Files.writeString(log, before + during);

    List<double[]> points = SoakBench.afterGc(log, before.getBytes(StandardCharsets.UTF_8).length);

    assertThat(points).extracting(p -> p[0]).containsExactly(60.0, 90.0, 120.0);
    assertThat(points).extracting(p -> p[1]).containsExactly(40.0, 50.0, 60.0);
    assertThat(SoakBench.slopePerMinute(points)).isCloseTo(20.0, within(1e-9));
  }
}
