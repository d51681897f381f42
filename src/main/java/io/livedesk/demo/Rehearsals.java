package io.livedesk.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.livedesk.engine.Engine;
import io.livedesk.engine.LiveShow;
import io.livedesk.http.ApiServer;
import io.livedesk.show.Actor;
import io.livedesk.show.Command;
import io.livedesk.show.Request;
import io.livedesk.show.RunSheet;
import io.livedesk.show.ShowError;
import io.vertx.core.Future;
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
 */
public final class Rehearsals {

  public static final int MAX_VIEWERS = 5_000;

  private final Vertx vertx;
  private final Engine engine;
  private final ApiServer api;
  private final LongSupplier clock;
  private final Map<String, SimulatedAudience> audiences = new ConcurrentHashMap<>();

  public Rehearsals(Vertx vertx, Engine engine, ApiServer api, LongSupplier clock) {
    this.vertx = vertx;
    this.engine = engine;
    this.api = api;
    this.clock = clock;
  }

  public void routes(Router router) {
    router.post("/api/shows/:id/rehearse").handler(BodyHandler.create().setBodyLimit(ApiServer.BODY_LIMIT))
        .handler(api.controlEndpoint(ctx -> (source, actor) -> {
          JsonNode viewers = ApiServer.body(ctx).get("viewers");
          // canConvertToInt: asInt would wrap 4294967297 round to 1 and start a rehearsal nobody asked for
          if (viewers != null && (!viewers.isIntegralNumber() || !viewers.canConvertToInt())) {
            throw ShowError.invalid("viewers must be a whole number");
          }
          return rehearse(source, viewers == null ? 200 : viewers.asInt());
        }));
  }

  /** Starts a rehearsal copy of {@code source} with {@code viewers} simulated viewers. */
  public Future<ObjectNode> rehearse(LiveShow source, int viewers) {
    if (viewers < 1 || viewers > MAX_VIEWERS) {
      return Future.failedFuture(ShowError.invalid("viewers must be between 1 and " + MAX_VIEWERS));
    }
    return source.query((state, figures, now) -> {
      if (!state.hasSheet()) {
        throw ShowError.invalid("load a run-sheet before rehearsing the show");
      }
      return state.sheet();
    }).compose(sheet -> api.createShow(source.record().meta().title() + " · 彩排 (rehearsal)", null,
        source.record().meta().plannedMinutes(), true).compose(created -> engine.show(created.get("id").asText())
        .compose(copy -> start(copy, sheet, viewers)).map(v -> created)));
  }

  private Future<Void> start(LiveShow copy, RunSheet sheet, int viewers) {
    return copy.execute(Request.of(Actor.CONTROL, new Command.LoadRunSheet(sheet)))
        .compose(v -> copy.execute(Request.of(Actor.CONTROL, new Command.StartShow())))
        .map(v -> {
          SimulatedAudience audience = new SimulatedAudience(vertx, copy, viewers, clock.getAsLong(), clock);
          audiences.put(copy.record().id(), audience);
          audience.start();
          return null;
        });
  }
}
