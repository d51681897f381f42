package io.livedesk.webhooks;

import io.livedesk.engine.Engine;
import io.livedesk.show.ShowStatus;
import io.livedesk.store.ShowListing;
import io.livedesk.store.WebhookRecord;
import io.livedesk.store.WebhookStore;
import io.livedesk.vertx.EventLoops;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * One webhook at work: its own context and HTTP client (a few connections, its own timeouts, so a slow
 * receiver holds up nobody else), a {@link DeliveryLoop} per show this node delivers, and its log.
 */
final class WebhookRunner {

  /** Connections one webhook may hold: a batch at a time per show. */
  private static final int CONNECTIONS = 4;

  private final Vertx vertx;
  private final Context context;
  private final WebhookStore store;
  private final WebhookSettings settings;
  private final LongSupplier clock;
  private final HttpClientAgent client;
  private final DeliveryLog log = new DeliveryLog();
  private final Map<String, DeliveryLoop> loops = new ConcurrentHashMap<>();
  /** The seq each show was delivered up to, as stored; kept up to date by the loops. */
  private final Map<String, Long> cursors = new HashMap<>();
  /** Ended shows delivered to the end: not looked at again unless a redelivery asks. */
  private final Set<String> finished = new HashSet<>();
  /** Shows whose delivery is being opened. */
  private final Set<String> opening = new HashSet<>();
  private volatile WebhookRecord record;
  private boolean closed;

  private WebhookRunner(Vertx vertx, WebhookRecord record, WebhookStore store, WebhookSettings settings,
      LongSupplier clock) {
    this.vertx = vertx;
    this.context = EventLoops.newContext(vertx);
    this.record = record;
    this.store = store;
    this.settings = settings;
    this.clock = clock;
    int timeout = (int) Math.min(Integer.MAX_VALUE, settings.timeoutMillis());
    this.client = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout(timeout)
            .setIdleTimeout(60).setKeepAlive(true),
        new PoolOptions().setHttp1MaxSize(CONNECTIONS).setMaxWaitQueueSize(CONNECTIONS * 4));
  }

  /** Starts with the cursors the store holds. */
  static Future<WebhookRunner> start(Vertx vertx, WebhookRecord record, WebhookStore store, WebhookSettings settings,
      LongSupplier clock) {
    WebhookRunner runner = new WebhookRunner(vertx, record, store, settings, clock);
    return runner.on(() -> store.cursors(record.id()).map(stored -> {
      runner.cursors.putAll(stored);
      return runner;
    }));
  }

  String id() {
    return record.id();
  }

  WebhookRecord record() {
    return record;
  }

  Vertx vertx() {
    return vertx;
  }

  Context context() {
    return context;
  }

  HttpClientAgent client() {
    return client;
  }

  WebhookSettings settings() {
    return settings;
  }

  DeliveryLog log() {
    return log;
  }

  long now() {
    return clock.getAsLong();
  }

  /** The current secret, and the one before it while its grace lasts. */
  List<String> signingSecrets() {
    WebhookRecord current = record;
    List<String> secrets = new ArrayList<>(2);
    secrets.add(current.secret());
    if (current.previousSecret() != null && current.rotatedAt() != null
        && now() < current.rotatedAt() + settings.rotationGraceMillis()) {
      secrets.add(current.previousSecret());
    }
    return secrets;
  }

  void replace(WebhookRecord rotated) {
    record = rotated;
  }

  boolean covers(String showId) {
    return record.shows().isEmpty() || record.shows().contains(showId);
  }

  /** Runs {@code work} on this webhook's context. */
  <T> Future<T> on(Supplier<Future<T>> work) {
    Promise<T> promise = Promise.promise();
    context.runOnContext(v -> work.get().onComplete(promise));
    return promise.future();
  }

  /**
   * Delivers the shows this node writes and the webhook covers, and stops delivering those another node
   * took over; every delivery here looks for new events, in case a wake-up was missed.
   */
  void scan(List<ShowListing> shows, Engine engine) {
    context.runOnContext(v -> {
      if (closed) {
        return;
      }
      for (ShowListing listing : shows) {
        String showId = listing.id();
        boolean ended = listing.status() == ShowStatus.ENDED;
        DeliveryLoop loop = loops.get(showId);
        boolean here = engine.writesHere(showId);
        if (loop != null) {
          // an ended show is written by nobody: whoever delivers it finishes it
          if (!here && !ended) {
            loop.stop();
            loops.remove(showId);
          } else {
            loop.wake();
          }
        } else if (here && covers(showId) && !finished.contains(showId) && !opening.contains(showId)
            && !(endedBeforeWebhook(listing) && !cursors.containsKey(showId))) {
          open(engine, showId, ended);
        }
      }
    });
  }

  /** A show over before the webhook existed has nothing for it. */
  private boolean endedBeforeWebhook(ShowListing listing) {
    return listing.status() == ShowStatus.ENDED && listing.endedAt() != null && listing.endedAt() < record.createdAt();
  }

  private void open(Engine engine, String showId, boolean ended) {
    opening.add(showId);
    // an ended show's delivery only reads its history: a resting show is not loaded for it
    (ended ? engine.showToRead(showId) : engine.show(showId)).onComplete(found -> context.runOnContext(v -> {
      opening.remove(showId);
      if (closed || found.failed() || loops.containsKey(showId)) {
        return;
      }
      DeliveryLoop loop = new DeliveryLoop(this, showId, found.result(), cursors.getOrDefault(showId, 0L), ended);
      loops.put(showId, loop);
      loop.start();
    }));
  }

  /** An ended show delivered to its last event. */
  void finished(DeliveryLoop loop) {
    loop.stop();
    loops.remove(loop.showId(), loop);
    finished.add(loop.showId());
  }

  Future<Void> saveCursor(String showId, long seq) {
    cursors.put(showId, seq);
    return store.saveCursor(id(), showId, seq);
  }

  /** Delivers the show again from {@code fromSeq} on (docs/protocol.md §Webhooks). */
  Future<Void> redeliver(String showId, long fromSeq) {
    return on(() -> saveCursor(showId, fromSeq - 1).onSuccess(v -> {
      finished.remove(showId);
      DeliveryLoop loop = loops.get(showId);
      if (loop != null) {
        loop.rewind(fromSeq - 1);
      }
    }));
  }

  /** The latest deliveries, newest first. */
  Future<List<DeliveryLog.Entry>> deliveries() {
    return on(() -> Future.succeededFuture(log.latestFirst()));
  }

  /** Why /health names this webhook, or null while it keeps up. */
  String failing() {
    long now = now();
    for (DeliveryLoop loop : loops.values()) {
      if (loop.failures() >= settings.failingAfter()) {
        return loop.failures() + " failed attempts in a row delivering show " + loop.showId();
      }
      long lag = loop.lagMillis(now);
      if (lag > settings.lagMillis()) {
        return "show " + loop.showId() + " waits " + lag / 1000 + " s for delivery";
      }
    }
    return null;
  }

  /** The longest any show's oldest undelivered event has waited, over the shows this node delivers; 0 when none waits. */
  long lagMillis() {
    long now = now();
    long lag = 0;
    for (DeliveryLoop loop : loops.values()) {
      lag = Math.max(lag, loop.lagMillis(now));
    }
    return lag;
  }

  Future<Void> close() {
    return on(() -> {
      closed = true;
      loops.values().forEach(DeliveryLoop::stop);
      loops.clear();
      return client.close();
    });
  }
}
