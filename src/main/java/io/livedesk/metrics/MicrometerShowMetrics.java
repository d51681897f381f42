package io.livedesk.metrics;

import io.livedesk.engine.ShowMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** The shows' own meters: commands by name and outcome, appended batches, their sizes and latency. */
final class MicrometerShowMetrics implements ShowMetrics {

  private final MeterRegistry registry;
  private final Map<String, Counter> commands = new ConcurrentHashMap<>();
  /** When each loaded show's latest snapshot was saved, epoch millis: one gauge per show that has one. */
  private final Map<String, SnapshotAge> snapshotAges = new ConcurrentHashMap<>();
  private final Counter events;
  private final DistributionSummary batchSize;
  private final Timer appendLatency;

  MicrometerShowMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.events = Counter.builder("livedesk.events.appended").description("Events made durable").register(registry);
    // histograms rather than client-side percentiles: Prometheus aggregates buckets across nodes
    this.batchSize = DistributionSummary.builder("livedesk.append.batch.size")
        .description("Events per durable append (group commit)")
        .serviceLevelObjectives(1, 10, 100, 1000, 10_000)
        .register(registry);
    this.appendLatency = Timer.builder("livedesk.append.latency")
        .description("From handing a batch to the store until it is durable")
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(1))
        .maximumExpectedValue(Duration.ofSeconds(10))
        .register(registry);
  }

  @Override
  public void command(String name, String outcome) {
    // the counter of each name and outcome is looked up once: this runs for every command
    commands.computeIfAbsent(name + ' ' + outcome, key -> Counter.builder("livedesk.commands")
        .description("Commands answered, by command and outcome (ok or an error code)")
        .tag("command", name)
        .tag("outcome", outcome)
        .register(registry)).increment();
  }

  @Override
  public void snapshotSaved(String showId, long seq, long savedAtMillis) {
    snapshotAges.computeIfAbsent(showId, id -> {
      AtomicLong at = new AtomicLong();
      Gauge gauge = Gauge.builder("livedesk.snapshot.age.seconds", at,
              saved -> (System.currentTimeMillis() - saved.get()) / 1000.0)
          .description("Seconds since the show's latest snapshot was saved by this node")
          .tag("show", id)
          .register(registry);
      return new SnapshotAge(at, gauge);
    }).savedAt().set(savedAtMillis);
  }

  @Override
  public void unloaded(String showId) {
    SnapshotAge age = snapshotAges.remove(showId);
    if (age != null) {
      registry.remove(age.gauge());
    }
  }

  private record SnapshotAge(AtomicLong savedAt, Gauge gauge) {}

  @Override
  public void appended(int count, long nanos) {
    events.increment(count);
    batchSize.record(count);
    appendLatency.record(nanos, TimeUnit.NANOSECONDS);
  }
}
