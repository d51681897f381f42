package io.livedesk.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.livedesk.engine.Engine;
import io.livedesk.engine.LiveShow;
import io.livedesk.json.Json;
import io.livedesk.report.ShowOverShow;
import io.livedesk.show.ShowError;
import io.livedesk.store.ShowListing;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The studio (docs/protocol.md §Studio): every show with its totals, chosen shows side by side, the item
 * history, and a show's standing against the others. Reports come from {@link ReportDesk}, each show read on its
 * own context and built in one back-office job; an ended show's report is the one kept until its history grows.
 */
final class Studio {

  /** The most recent shows the studio reads: beyond them a request would build reports without bound. */
  static final int MAX_SHOWS = 200;
  /** The most shows one comparison puts side by side. */
  static final int MAX_COMPARED = 10;

  /** What the studio needs of the server: who is asking, and how a JSON answer is sent. */
  interface Answers {
    /** The admin, or any signed-in member: the studio is for the staff (docs/protocol.md §People). */
    Future<io.livedesk.show.Actor> requireStaff(RoutingContext ctx);

    <T> void respond(RoutingContext ctx, Future<T> body);

    /** The show of {@code ctx}'s path, for its control staff or the admin. */
    Future<LiveShow> controlledShow(RoutingContext ctx);
  }

  private final Engine engine;
  private final ReportDesk reports;
  private final Answers answers;

  Studio(Engine engine, ReportDesk reports, Answers answers) {
    this.engine = engine;
    this.reports = reports;
    this.answers = answers;
  }

  void register(Router router) {
    router.get("/api/studio/shows").handler(ctx -> staff(ctx, () -> studioReports().map(Studio::lines)));
    router.get("/api/studio/compare").handler(ctx -> staff(ctx, () -> compare(ctx)));
    router.get("/api/studio/items").handler(ctx -> staff(ctx, () -> studioReports().map(all -> {
      ObjectNode body = Json.object();
      body.set("items", ShowOverShow.items(all));
      return body;
    })));
    router.get("/api/shows/:id/standing").handler(ctx -> answers.respond(ctx, answers.controlledShow(ctx)
        .compose(show -> reports.reports(List.of(show::query)))
        .compose(own -> studioReports().map(all -> ShowOverShow.standing(own.get(0), all)))));
  }

  private <T> void staff(RoutingContext ctx, Supplier<Future<T>> work) {
    answers.respond(ctx, Future.<Void>succeededFuture().compose(v -> answers.requireStaff(ctx))
        .compose(who -> work.get()));
  }

  /**
   * The reports of the {@link #MAX_SHOWS} most recent shows, newest first: by start, or planned start, shows with
   * neither (drafts not yet planned) first. A show out of service is left out, the others still answered.
   */
  private Future<List<ObjectNode>> studioReports() {
    return engine.listShows().compose(listing -> {
      List<ShowListing> recent = listing.stream().sorted(Comparator.comparingLong(Studio::when).reversed()
          .thenComparing(ShowListing::id)).limit(MAX_SHOWS).toList();
      List<Future<LiveShow>> shows = recent.stream()
          .map(show -> engine.show(show.id()).otherwise((LiveShow) null)).toList();
      return Future.all(shows).compose(done -> reports.reports(shows.stream().map(Future::result)
          .filter(Objects::nonNull).<ReportDesk.ShowReader>map(show -> show::query).toList()));
    });
  }

  private static long when(ShowListing show) {
    if (show.startedAt() != null) {
      return show.startedAt();
    }
    return show.plannedStartAt() != null ? show.plannedStartAt() : Long.MAX_VALUE;
  }

  private Future<ObjectNode> compare(RoutingContext ctx) {
    String asked = ctx.request().getParam("shows");
    if (asked == null || asked.isBlank()) {
      throw ShowError.invalid("shows is required: ?shows=A,B");
    }
    Set<String> ids = new LinkedHashSet<>();
    for (String id : asked.split(",", -1)) {
      if (!ids.add(id.strip())) {
        throw ShowError.invalid("show " + id.strip() + " is named twice");
      }
      if (ids.size() > MAX_COMPARED) {
        throw ShowError.invalid("at most " + MAX_COMPARED + " shows can be compared at once");
      }
    }
    List<Future<LiveShow>> shows = new ArrayList<>();
    for (String id : ids) {
      shows.add(engine.show(ApiServer.validShowId(id)));
    }
    return Future.all(shows).compose(found -> reports.reports(shows.stream()
        .<ReportDesk.ShowReader>map(show -> show.result()::query).toList())).map(Studio::lines);
  }

  /** {@code {"shows": [line, …]}} in the order of the reports. */
  private static ObjectNode lines(List<ObjectNode> reports) {
    ObjectNode body = Json.object();
    ArrayNode shows = body.putArray("shows");
    reports.forEach(report -> shows.add(ShowOverShow.line(report)));
    return body;
  }
}
