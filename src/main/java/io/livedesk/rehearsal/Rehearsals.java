package io.livedesk.rehearsal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.livedesk.demo.SimulatedAudience;
import io.livedesk.engine.Engine;
import io.livedesk.engine.LiveShow;
import io.livedesk.http.ApiServer;
import io.livedesk.show.Actor;
import io.livedesk.show.Command;
import io.livedesk.show.Request;
import io.livedesk.show.RunSheet;
import io.livedesk.show.ShowError;
import io.livedesk.show.ShowStatus;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * "Rehearse with N simulated viewers": a rehearsal copy of a show — same run-sheet, marked rehearsal,
 * live at once, with a simulated audience — so a host can practise the rhythm without touching the
 * real show's figures. {@code POST /api/shows/{id}/rehearse {"viewers": N}} with the show's control token.
 * A show has at most one rehearsal running: asking again answers the running one, and a rehearsal is
 * forgotten when it ends (docs/protocol.md §Limits that protect the show).
 */
public final class Rehearsals {

  static final int DEFAULT_VIEWERS = 200;

  /** A running rehearsal: the copy's ids and tokens as first answered, and its audience. */
  private record Rehearsal(ObjectNode created, LiveShow copy, SimulatedAudience audience) {}

  private final Vertx vertx;
  private final Engine engine;
  private final ApiServer api;
  private final LongSupplier clock;
  private final int maxViewers;
  /** By the id of the show rehearsed; a pending entry keeps a second request from starting another copy. */
  private final Map<String, Future<Rehearsal>> running = new ConcurrentHashMap<>();

  public Rehearsals(Vertx vertx, Engine engine, ApiServer api, LongSupplier clock, int maxViewers) {
    this.vertx = vertx;
    this.engine = engine;
    this.api = api;
    this.clock = clock;
    this.maxViewers = maxViewers;
  }

  public void routes(Router router) {
    router.post("/api/shows/:id/rehearse").handler(BodyHandler.create().setBodyLimit(ApiServer.BODY_LIMIT))
        .handler(api.controlEndpoint(ctx -> (source, actor) -> {
          JsonNode viewers = ApiServer.body(ctx).get("viewers");
          // canConvertToInt: asInt would wrap 4294967297 round to 1 and start a rehearsal nobody asked for
          if (viewers != null && !(viewers.isIntegralNumber() && viewers.canConvertToInt())) {
            throw ShowError.invalid("viewers must be a whole number between 1 and " + maxViewers);
          }
          return rehearse(source, viewers == null ? Math.min(DEFAULT_VIEWERS, maxViewers) : viewers.asInt());
        }));
  }

  /** Starts a rehearsal copy of {@code source} with {@code viewers} simulated viewers, or answers the running one. */
  public Future<ObjectNode> rehearse(LiveShow source, int viewers) {
    if (viewers < 1 || viewers > maxViewers) {
      return Future.failedFuture(ShowError.invalid("viewers must be between 1 and " + maxViewers));
    }
    if (source.record().meta().rehearsal()) {
      // a rehearsal of a rehearsal would get round the one-per-show bound, copy after copy
      return Future.failedFuture(ShowError.invalid("show " + source.record().id()
          + " is a rehearsal already; rehearse the show it copies"));
    }
    String sourceId = source.record().id();
    Promise<Rehearsal> starting = Promise.promise();
    Future<Rehearsal> existing = running.putIfAbsent(sourceId, starting.future());
    if (existing != null) {
      return existing.compose(rehearsal -> stillLive(rehearsal).compose(live -> {
        if (live) {
          return Future.succeededFuture(rehearsal.created());
        }
        running.remove(sourceId, existing);
        return rehearse(source, viewers);
      }));
    }
    copyOf(source, viewers).onComplete(started -> {
      if (started.failed()) {
        running.remove(sourceId, starting.future());
      } else {
        started.result().audience().showEnded().onComplete(ended -> running.remove(sourceId, starting.future()));
      }
      starting.handle(started);
    });
    return starting.future().map(Rehearsal::created);
  }

  private static Future<Boolean> stillLive(Rehearsal rehearsal) {
    return rehearsal.copy().query((state, figures, now) -> state.status() != ShowStatus.ENDED);
  }

  private Future<Rehearsal> copyOf(LiveShow source, int viewers) {
    return source.query((state, figures, now) -> {
      if (!state.hasSheet()) {
        throw ShowError.invalid("load a run-sheet before rehearsing the show");
      }
      return state.sheet();
    }).compose(sheet -> api.createShow(source.record().meta().title() + " · 彩排 (rehearsal)", null,
        source.record().meta().plannedMinutes(), true, source.record().meta().approval()).compose(created -> engine.show(created.get("id").asText())
        .compose(copy -> start(copy, sheet, viewers).map(audience -> new Rehearsal(created, copy, audience)))));
  }

  private Future<SimulatedAudience> start(LiveShow copy, RunSheet sheet, int viewers) {
    return copy.execute(Request.of(Actor.CONTROL, new Command.LoadRunSheet(sheet)))
        .compose(v -> copy.execute(Request.of(Actor.CONTROL, new Command.StartShow())))
        .map(v -> {
          SimulatedAudience audience = new SimulatedAudience(vertx, copy, viewers, clock.getAsLong(), clock);
          audience.start();
          return audience;
        });
  }
}
