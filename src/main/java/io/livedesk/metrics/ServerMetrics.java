package io.livedesk.metrics;

import io.livedesk.engine.FanoutMeters;
import io.livedesk.engine.ShowMetrics;
import io.livedesk.store.file.FileEventStore;
import io.livedesk.vertx.EventLoops;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.transport.Transport;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MetricsDomain;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * What operators scrape at {@code /metrics}, in Prometheus' text format: Vert.x's own meters (HTTP
 * requests, WebSocket connections, pools), how long tasks wait for each event loop, the shows'
 * commands and appends, this node's sockets and frames, the journal's fsyncs and the webhooks' lag.
 */
public final class ServerMetrics {

  static final long PROBE_MILLIS = 250;

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final ShowMetrics shows = new MicrometerShowMetrics(registry);
  private final FanoutMeters fanout = new MicrometerFanoutMeters(registry);
  private final Timer fsync = Timer.builder("livedesk.journal.fsync")
      .description("One fsync of a show's journal (file store), which a batch of appends waits for")
      .publishPercentileHistogram()
      .minimumExpectedValue(Duration.ofNanos(100_000))
      .maximumExpectedValue(Duration.ofSeconds(10))
      .register(registry);
  /** Meters whose rows are read from their owner just before each scrape. */
  private final List<Runnable> beforeScrape = new CopyOnWriteArrayList<>();

  /** A Vert.x instance with this many event loops that reports into this registry. */
  public Vertx newVertx(Transport transport, int eventLoops) {
    // net and Redis client meters are unlabelled: each further client or connection would collide with the first
    // Vert.x keeps one backend per registry name in the process: a name of this registry's own, so a second
    // server in the same process (the warm-up's) reports into its own registry, not this one
    MicrometerMetricsOptions options = new MicrometerMetricsOptions().setEnabled(true).setJvmMetricsEnabled(true)
        .setRegistryName("livedesk-" + System.identityHashCode(registry))
        .addDisabledMetricsCategory(MetricsDomain.NET_CLIENT)
        .addDisabledMetricsCategory("redis");
    return Vertx.builder()
        // epoll where the platform has it: fewer system calls per socket write than NIO
        .with(new VertxOptions().setMetricsOptions(options).setEventLoopPoolSize(eventLoops))
        .withMetrics(new MicrometerMetricsFactory(registry))
        .withTransport(transport)
        .build();
  }

  public ShowMetrics shows() {
    return shows;
  }

  /** Viewers connected, frames written and dropped, resyncs. */
  public FanoutMeters fanout() {
    return fanout;
  }

  /** What the file store reports of its journal. */
  public FileEventStore.BatchObserver journal() {
    return new FileEventStore.BatchObserver() {
      @Override
      public void batchWritten(int events, long nanos) {
        // the shows' append latency (MicrometerShowMetrics) already covers the whole batch
      }

      @Override
      public void fsynced(long nanos) {
        fsync.record(nanos, TimeUnit.NANOSECONDS);
      }
    };
  }

  /** Starts measuring the event loops: a task is handed to each one regularly and its wait is recorded. */
  public void probeEventLoops(Vertx vertx) {
    Timer delay = Timer.builder("livedesk.event.loop.delay")
        .description("Time a task handed to an event loop waits before it runs")
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofNanos(100_000))
        .maximumExpectedValue(Duration.ofSeconds(10))
        .register(registry);
    List<Executor> loops = EventLoops.loops(vertx);
    vertx.setPeriodic(PROBE_MILLIS, id -> {
      for (Executor loop : loops) {
        long handed = System.nanoTime();
        loop.execute(() -> delay.record(System.nanoTime() - handed, TimeUnit.NANOSECONDS));
      }
    });
  }

  /**
   * {@code livedesk_webhook_lag_seconds{webhook}}: how long each webhook's oldest undelivered event has
   * waited on this node. The rows are read at each scrape, so a deleted webhook's row goes with it.
   */
  public void webhookLag(Supplier<Map<String, Double>> lagSeconds) {
    MultiGauge lag = MultiGauge.builder("livedesk.webhook.lag.seconds")
        .description("Seconds the oldest event a webhook wants has waited for its delivery from this node (0: caught up)")
        .register(registry);
    beforeScrape.add(() -> lag.register(lagSeconds.get().entrySet().stream()
        .map(row -> MultiGauge.Row.of(Tags.of("webhook", row.getKey()), row.getValue())).toList(), true));
  }

  /** Mounts {@code GET /metrics}. */
  public void route(Router router) {
    router.get("/metrics").handler(this::scrape);
  }

  private void scrape(RoutingContext ctx) {
    beforeScrape.forEach(Runnable::run);
    ctx.response().putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8").end(registry.scrape());
  }
}
