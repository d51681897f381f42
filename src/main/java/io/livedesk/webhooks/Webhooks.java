package io.livedesk.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.livedesk.engine.Engine;
import io.livedesk.json.Json;
import io.livedesk.show.ErrorCode;
import io.livedesk.show.ShowError;
import io.livedesk.show.ShowStatus;
import io.livedesk.store.ShowListing;
import io.livedesk.store.WebhookRecord;
import io.livedesk.store.WebhookStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.logging.Logger;

/**
 * Webhooks to the shop (docs/protocol.md §Webhooks, docs/design.md §Webhooks): their definitions, and
 * a {@link WebhookRunner} for each that delivers the shows this node writes. Nothing here is on a show's
 * writer path: deliveries read the durable history, the journal being the outbox.
 */
public final class Webhooks {

  private static final Logger LOG = Logger.getLogger(Webhooks.class.getName());
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Vertx vertx;
  private final Engine engine;
  private final WebhookStore store;
  private final WebhookSettings settings;
  private final LongSupplier clock;
  private final Map<String, WebhookRunner> runners = new ConcurrentHashMap<>();
  /** Webhooks being created, counted against the maximum until they are stored. */
  private int creating;
  /** Ids whose runner is starting: a definition read from the store meanwhile is not started twice. */
  private final java.util.Set<String> starting = ConcurrentHashMap.newKeySet();
  private long scanTimer = -1;

  private Webhooks(Vertx vertx, Engine engine, WebhookStore store, WebhookSettings settings, LongSupplier clock) {
    this.vertx = vertx;
    this.engine = engine;
    this.store = store;
    this.settings = settings;
    this.clock = clock;
  }

  /** Loads the stored webhooks and starts delivering. */
  public static Future<Webhooks> start(Vertx vertx, Engine engine, WebhookStore store, WebhookSettings settings,
      LongSupplier clock) {
    Webhooks webhooks = new Webhooks(vertx, engine, store, settings, clock);
    return store.webhooks().compose(stored -> {
      List<Future<WebhookRunner>> started = new ArrayList<>();
      for (WebhookRecord record : stored) {
        started.add(WebhookRunner.start(vertx, record, store, settings, clock)
            .onSuccess(runner -> webhooks.runners.put(record.id(), runner)));
      }
      return Future.all(started);
    }).map(v -> {
      webhooks.scanTimer = vertx.setPeriodic(WebhookSettings.SCAN_MILLIS, t -> webhooks.scan());
      webhooks.scan();
      return webhooks;
    });
  }

  /**
   * Reads the definitions again (in a cluster another node may have created, rotated or deleted one), then
   * lets every webhook look at the shows.
   */
  private void scan() {
    store.webhooks().compose(stored -> {
      follow(stored);
      return runners.isEmpty() ? Future.succeededFuture() : engine.listShows()
          .onSuccess(shows -> runners.values().forEach(runner -> runner.scan(shows, engine)));
    }).onFailure(e -> LOG.fine(() -> "webhooks: the webhooks or the shows cannot be read now: " + e.getMessage()));
  }

  private void follow(List<WebhookRecord> stored) {
    java.util.Set<String> ids = new java.util.HashSet<>();
    for (WebhookRecord record : stored) {
      ids.add(record.id());
      WebhookRunner runner = runners.get(record.id());
      if (runner != null) {
        if (!runner.record().equals(record)) {
          runner.replace(record);
        }
      } else if (starting.add(record.id())) {
        WebhookRunner.start(vertx, record, store, settings, clock).onComplete(started -> {
          if (started.succeeded() && runners.putIfAbsent(record.id(), started.result()) != null) {
            started.result().close();
          }
          starting.remove(record.id());
        });
      }
    }
    runners.forEach((id, runner) -> {
      if (!ids.contains(id) && !starting.contains(id) && runners.remove(id, runner)) {
        runner.close();
      }
    });
  }

  /** {@code {url, kinds, shows?}} → the webhook with its secret, which no other answer shows. */
  public Future<ObjectNode> create(JsonNode body) {
    WebhookRequest request = WebhookRequest.parse(body);
    synchronized (this) {
      if (runners.size() + creating >= settings.max()) {
        throw new ShowError(ErrorCode.LIMIT_EXCEEDED, "at most " + settings.max() + " webhooks; delete one first");
      }
      creating++;
    }
    long now = clock.getAsLong();
    WebhookRecord record = new WebhookRecord("wh_" + random(8), request.url(), request.kinds(), request.shows(),
        newSecret(), null, null, now);
    starting.add(record.id());
    return store.save(record)
        .compose(v -> startingCursors(record))
        .compose(v -> WebhookRunner.start(vertx, record, store, settings, clock))
        .map(runner -> {
          runners.put(record.id(), runner);
          ObjectNode created = describe(record, runner);
          created.put("secret", record.secret());
          return created;
        })
        .onComplete(done -> {
          starting.remove(record.id());
          synchronized (this) {
            creating--;
          }
          scan();
        });
  }

  /**
   * A new webhook gets what happens from now on: the cursor of each show under way starts where its history
   * ends now; a show created later starts from its beginning.
   */
  private Future<Void> startingCursors(WebhookRecord record) {
    return engine.listShows().compose(shows -> {
      List<Future<Void>> saved = new ArrayList<>();
      for (ShowListing listing : shows) {
        boolean covered = record.shows().isEmpty() || record.shows().contains(listing.id());
        if (covered && listing.status() != ShowStatus.ENDED) {
          saved.add(engine.show(listing.id())
              .compose(show -> show.query((state, figures, at) -> state.seq()))
              .compose(seq -> store.saveCursor(record.id(), listing.id(), seq)));
        }
      }
      return Future.all(saved).mapEmpty();
    });
  }

  public List<ObjectNode> list() {
    List<ObjectNode> out = new ArrayList<>();
    runners.values().stream().sorted(java.util.Comparator.comparingLong(r -> r.record().createdAt()))
        .forEach(runner -> out.add(describe(runner.record(), runner)));
    return out;
  }

  private ObjectNode describe(WebhookRecord record, WebhookRunner runner) {
    ObjectNode node = Json.object();
    node.put("id", record.id());
    node.put("url", record.url());
    node.set("kinds", Json.tree(record.kinds()));
    node.set("shows", Json.tree(record.shows()));
    node.put("createdAt", record.createdAt());
    if (record.rotatedAt() != null) {
      node.put("rotatedAt", record.rotatedAt());
      node.put("previousSecretUntil", record.rotatedAt() + settings.rotationGraceMillis());
    }
    String failing = runner.failing();
    if (failing != null) {
      node.put("failing", failing);
    }
    return node;
  }

  public Future<Void> delete(String id) {
    WebhookRunner runner = runner(id);
    return store.delete(id).compose(v -> {
      runners.remove(id, runner);
      return runner.close();
    });
  }

  /** A new secret; the previous one also signs for the grace period (docs/protocol.md §Webhooks). */
  public Future<ObjectNode> rotate(String id) {
    WebhookRunner runner = runner(id);
    WebhookRecord rotated = runner.record().rotated(newSecret(), clock.getAsLong());
    return store.save(rotated).map(v -> {
      runner.replace(rotated);
      ObjectNode body = describe(rotated, runner);
      body.put("secret", rotated.secret());
      return body;
    });
  }

  public Future<ArrayNode> deliveries(String id) {
    return runner(id).deliveries().map(entries -> (ArrayNode) Json.tree(entries));
  }

  /** {@code {showId, fromSeq}}: delivers that show's events again from {@code fromSeq} on. */
  public Future<Void> redeliver(String id, JsonNode body) {
    WebhookRunner runner = runner(id);
    String showId = body.path("showId").isTextual() ? body.get("showId").asText() : null;
    JsonNode from = body.get("fromSeq");
    if (showId == null || showId.isBlank() || showId.length() > 64) {
      throw ShowError.invalid("showId is required");
    }
    if (from == null || !from.isIntegralNumber() || !from.canConvertToLong() || from.asLong() < 1) {
      throw ShowError.invalid("fromSeq must be a whole number, at least 1");
    }
    if (!runner.covers(showId)) {
      throw ShowError.invalid("webhook " + id + " does not deliver show " + showId);
    }
    return engine.show(showId).compose(show -> runner.redeliver(showId, from.asLong()));
  }

  /** The webhooks /health names, with why: failing attempts in a row, or events waiting too long. */
  public Map<String, String> failing() {
    Map<String, String> out = new TreeMap<>();
    runners.forEach((id, runner) -> {
      String why = runner.failing();
      if (why != null) {
        out.put(id, why);
      }
    });
    return out;
  }

  /**
   * Per webhook, in seconds, how long the oldest event it wants and this node has not yet had acknowledged
   * has waited (0 when it is caught up): {@code livedesk_webhook_lag_seconds} (docs/protocol.md §REST).
   */
  public Map<String, Double> lagSeconds() {
    Map<String, Double> out = new TreeMap<>();
    runners.forEach((id, runner) -> out.put(id, runner.lagMillis() / 1000.0));
    return out;
  }

  public Future<Void> close() {
    if (scanTimer >= 0) {
      vertx.cancelTimer(scanTimer);
    }
    return Future.join(runners.values().stream().map(WebhookRunner::close).toList()).mapEmpty();
  }

  private WebhookRunner runner(String id) {
    WebhookRunner runner = id == null ? null : runners.get(id);
    if (runner == null) {
      throw ShowError.notFound("no webhook " + id);
    }
    return runner;
  }

  private static String newSecret() {
    return "whsec_" + random(24);
  }

  private static String random(int bytes) {
    byte[] value = new byte[bytes];
    RANDOM.nextBytes(value);
    return HexFormat.of().formatHex(value);
  }
}
