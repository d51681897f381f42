package io.livedesk.metrics;

import io.livedesk.engine.FanoutMeters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicLong;

/** This node's sockets: viewers connected, frames written, left out and resyncs. */
final class MicrometerFanoutMeters implements FanoutMeters {

  private final AtomicLong viewers = new AtomicLong();
  private final Counter written;
  private final Counter conflated;
  private final Counter skipped;
  private final Counter resynced;

  MicrometerFanoutMeters(MeterRegistry registry) {
    Gauge.builder("livedesk.viewers.connected", viewers, AtomicLong::get)
        .description("Viewer sockets subscribed to a show on this node")
        .register(registry);
    this.written = Counter.builder("livedesk.frames.written")
        .description("Frames written to sockets (one per socket a frame went to)")
        .register(registry);
    this.conflated = dropped(registry, "conflated");
    this.skipped = dropped(registry, "socket_behind");
    this.resynced = Counter.builder("livedesk.sockets.resynced")
        .description("Sockets told to resync because they fell too far behind")
        .register(registry);
  }

  private static Counter dropped(MeterRegistry registry, String reason) {
    return Counter.builder("livedesk.frames.dropped")
        .description("Frames not sent: replaced by a newer one of the same figure before fan-out (conflated),"
            + " or skipped by a socket that was behind")
        .tag("reason", reason)
        .register(registry);
  }

  @Override
  public void viewers(int delta) {
    viewers.addAndGet(delta);
  }

  @Override
  public void written(int frames) {
    written.increment(frames);
  }

  @Override
  public void conflated() {
    conflated.increment();
  }

  @Override
  public void skipped(int frames) {
    skipped.increment(frames);
  }

  @Override
  public void resynced() {
    resynced.increment();
  }
}
