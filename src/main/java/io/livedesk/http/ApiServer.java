package io.livedesk.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.livedesk.engine.Audience;
import io.livedesk.engine.Engine;
import io.livedesk.engine.FanoutMeters;
import io.livedesk.engine.LiveShow;
import io.livedesk.engine.WireFrames;
import io.livedesk.json.Json;
import io.livedesk.report.ReportCsv;
import io.livedesk.report.ReportXlsx;
import io.livedesk.report.CommentsCsv;
import io.livedesk.report.ReservationsCsv;
import io.livedesk.report.ShowReports;
import io.livedesk.runsheet.ImportResult;
import io.livedesk.runsheet.RunSheetImport;
import io.livedesk.runsheet.RunSheetSummary;
import io.livedesk.runsheet.RunSheetXlsx;
import io.livedesk.show.Actor;
import io.livedesk.show.Command;
import io.livedesk.show.ErrorCode;
import io.livedesk.show.Event;
import io.livedesk.show.LotteryState;
import io.livedesk.show.Recorded;
import io.livedesk.show.Refunds;
import io.livedesk.show.Request;
import io.livedesk.show.ShowError;
import io.livedesk.show.ApprovalRule;
import io.livedesk.show.ShowMeta;
import io.livedesk.show.ShowRules;
import io.livedesk.store.EventCodec;
import io.livedesk.store.ShowRecord;
import io.livedesk.webhooks.Webhooks;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.ServerWebSocketHandshake;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;

/** REST, WebSocket and pages on one HTTP server (docs/protocol.md §REST, §WebSocket). */
public final class ApiServer {

  public static final int RUNSHEET_BODY_LIMIT = 1024 * 1024;
  public static final int BODY_LIMIT = 64 * 1024;
  public static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  private static final String WS_PREFIX = "/ws/shows/";
  private static final String NO_CACHE = "no-cache";
  /**
   * An API JSON answer smaller than this goes out as it is over HTTP/1.1, even to a client that asks for gzip
   * (docs/protocol.md §Conventions); over HTTP/2 it is gzipped, see {@link #send}.
   */
  static final int COMPRESS_FROM_BYTES = 1024;
  private static final Pattern SHOW_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  private static final Set<Actor.Role> STAFF = Set.of(Actor.Role.CONTROL, Actor.Role.PROMPTER);
  private static final Set<Actor.Role> CONTROL = Set.of(Actor.Role.CONTROL);
  private static final Set<Actor.Role> ANYONE = Set.of(Actor.Role.CONTROL, Actor.Role.PROMPTER, Actor.Role.VIEWER);
  /** The shop's token sends stock commands and nothing else: it reads nothing of the show. */
  private static final Set<Actor.Role> COMMANDERS = Set.of(Actor.Role.CONTROL, Actor.Role.PROMPTER, Actor.Role.VIEWER,
      Actor.Role.SHOP);
  /** Who may read a show's snapshot: anyone, and an analyst (docs/protocol.md §People). */
  private static final Set<Actor.Role> READERS = Set.of(Actor.Role.CONTROL, Actor.Role.PROMPTER, Actor.Role.VIEWER,
      Actor.Role.ANALYST);
  /** Who may read a show's report: control, and an analyst. */
  private static final Set<Actor.Role> REPORT = Set.of(Actor.Role.CONTROL, Actor.Role.ANALYST);
  /** Headers of every JSON answer, encoded once rather than per answer. */
  static final CharSequence NOSNIFF_NAME = HttpHeaders.createOptimized("X-Content-Type-Options");
  static final CharSequence NOSNIFF = HttpHeaders.createOptimized("nosniff");
  private static final CharSequence JSON_TYPE = HttpHeaders.createOptimized("application/json; charset=utf-8");
  private static final CharSequence NO_STORE = HttpHeaders.createOptimized("no-store");
  private static final String PAGE_POLICY = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
      + "img-src 'self' data: https:; connect-src 'self' ws: wss:; frame-ancestors 'none'";

  /**
   * Everything the server needs, wired by {@code Main}.
   *
   * @param idleSeconds an HTTP connection idle, or still sending its request head, this long is closed
   * @param dataDir where drawn lotteries' proofs are kept
   * @param tls the certificate and key files of HTTPS and WSS; null: plain HTTP
   * @param trustedProxies addresses whose X-Forwarded-* headers are believed
   */
  public record Settings(String host, int port, List<String> allowedOrigins, String paymentSecret,
      int viewerCommandsPerSecond, int viewerCommandBurst, String nodeId, int idleSeconds, Path dataDir,
      Tls tls, List<String> trustedProxies, FanoutMeters meters) {}

  /** @param checkSeconds how often the files are looked at for a renewed pair */
  public record Tls(Path cert, Path key, int checkSeconds) {}

  private final Vertx vertx;
  private final Engine engine;
  private final Auth auth;
  private final CommandRouter router;
  private final Settings settings;
  private final LongSupplier clock;
  private final SocketSession.Shared sessions;
  private final ViewerRateLimits viewerLimits;
  private final List<Consumer<Router>> extraRoutes;
  private final BackOffice backOffice;
  private final ReportDesk reports;
  private final ProofArchive proofs;
  private final Studio studio;
  private final ForwardedHeaders forwarded;
  private final Webhooks webhooks;
  private final WebhookEndpoints webhookEndpoints;
  private final StaffAccounts accounts;
  private HttpServer server;
  private CertificateWatch certificates;

  public ApiServer(Vertx vertx, Engine engine, Auth auth, CommandRouter router, Settings settings,
      LongSupplier clock, List<Consumer<Router>> extraRoutes, Webhooks webhooks) {
    this.vertx = vertx;
    this.webhooks = webhooks;
    this.engine = engine;
    this.auth = auth;
    this.router = router;
    this.settings = settings;
    this.clock = clock;
    this.extraRoutes = extraRoutes;
    this.sessions = new SocketSession.Shared(vertx, engine, auth, router, settings.nodeId(),
        settings.viewerCommandsPerSecond(), settings.viewerCommandBurst(), settings.idleSeconds() * 1000L, clock, settings.meters(),
        new StaffPresence());
    this.viewerLimits = new ViewerRateLimits(settings.viewerCommandsPerSecond(), settings.viewerCommandBurst(), clock);
    this.backOffice = new BackOffice(vertx);
    this.reports = new ReportDesk(backOffice, new ShowReports());
    this.proofs = new ProofArchive(vertx, backOffice, settings.dataDir());
    this.forwarded = new ForwardedHeaders(settings.trustedProxies());
    this.accounts = new StaffAccounts(auth);
    this.studio = new Studio(engine, reports, new Studio.Answers() {
      @Override
      public Future<Actor> requireStaff(RoutingContext ctx) {
        return auth.staffMember(ctx.request().getHeader(HttpHeaders.AUTHORIZATION), sessionCookie(ctx),
            "an admin bearer token or a member's session is required");
      }

      @Override
      public <T> void respond(RoutingContext ctx, Future<T> body) {
        ApiServer.respond(ctx, 200, body);
      }

      @Override
      public Future<LiveShow> controlledShow(RoutingContext ctx) {
        return show(ctx, REPORT, (show, actor) -> Future.succeededFuture(show));
      }
    });
    this.webhookEndpoints = new WebhookEndpoints(webhooks);
  }

  /** Starts listening; the future holds the actual port (when 0 was asked for, the one the system chose). */
  public Future<Integer> start() {
    HttpServerOptions options = new HttpServerOptions()
        .setHost(settings.host())
        .setPort(settings.port())
        .setMaxWebSocketFrameSize(2 * SocketSession.MAX_FRAME_BYTES)
        .setMaxWebSocketMessageSize(2 * SocketSession.MAX_FRAME_BYTES)
        // every socket gets the same bytes; compressing per socket would cost what encoding once saves
        .setPerMessageWebSocketCompressionSupported(false)
        .setPerFrameWebSocketCompressionSupported(false)
        .setCompressionSupported(true)
        .setTcpNoDelay(true)
        // a WebSocket takes itself out of this once upgraded (vertx.IdleExemption): a quiet viewer is not idle
        .setIdleTimeout(settings.idleSeconds())
        .setIdleTimeoutUnit(TimeUnit.SECONDS);
    Tls tls = settings.tls();
    if (tls == null) {
      return listen(options);
    }
    return CertificateWatch.open(vertx, tls.cert(), tls.key(), tls.checkSeconds()).compose(watch -> {
      certificates = watch;
      options.setSsl(true).setKeyCertOptions(watch.serving().options());
      return listen(options).onSuccess(port -> watch.watch(server));
    });
  }

  private Future<Integer> listen(HttpServerOptions options) {
    Router routes = routes();
    CommandEndpoint commands = new CommandEndpoint(this::command);
    server = vertx.createHttpServer(options)
        .webSocketHandshakeHandler(this::webSocketHandshake)
        .webSocketHandler(ws -> new SocketSession(sessions, ws, ws.path().substring(WS_PREFIX.length())))
        .requestHandler(request -> {
          if (!commands.take(request)) {
            routes.handle(request);
          }
        });
    return server.listen().map(HttpServer::actualPort);
  }

  /** Whether the server speaks HTTPS and WSS. */
  public boolean secure() {
    return settings.tls() != null;
  }

  /** The certificate in service; null without TLS. */
  public TlsCertificate certificate() {
    return certificates == null ? null : certificates.serving();
  }

  /**
   * The client of a request: its address, whether its own connection is secure, the host it asked for,
   * through the trusted proxies only (for per-address limits and cookies' Secure flag).
   */
  public ForwardedHeaders.Client client(RoutingContext ctx) {
    return forwarded.client(ctx.request().remoteAddress(), ctx.request().headers(), ctx.request().isSSL());
  }

  /** Stops accepting connections and closes the open ones. */
  public Future<Void> close() {
    if (certificates != null) {
      certificates.close();
    }
    return (server == null ? Future.<Void>succeededFuture() : server.close()).eventually(backOffice::close);
  }

  private Router routes() {
    Router r = Router.router(vertx);
    r.route().handler(ctx -> {
      ctx.response().putHeader(NOSNIFF_NAME, NOSNIFF);
      ctx.next();
    });
    r.route("/api/*").handler(ApiServer::refuseForms);
    BodyHandler small = BodyHandler.create().setBodyLimit(BODY_LIMIT).setHandleFileUploads(false);
    BodyHandler runsheet = BodyHandler.create().setBodyLimit(RUNSHEET_BODY_LIMIT).setHandleFileUploads(false);

    r.post("/api/shows").handler(small).handler(this::createShow);
    r.get("/api/shows").handler(this::listShows);
    r.put("/api/shows/:id/runsheet").handler(runsheet).handler(this::putRunSheet);
    r.get("/api/shows/:id").handler(this::snapshot);
    r.post("/api/shows/:id/commands").handler(small).handler(this::command);
    r.get("/api/shows/:id/events").handler(this::events);
    r.post("/api/shows/:id/payments").handler(small).handler(this::payment);
    r.get("/api/shows/:id/refunds").handler(this::refunds);
    r.get("/api/shows/:id/lotteries/:lotteryId/proof").handler(this::proof);
    r.get("/api/shows/:id/report").handler(this::report);
    r.get("/api/shows/:id/report.csv").handler(this::reportCsv);
    r.get("/api/shows/:id/report.xlsx").handler(this::reportXlsx);
    r.get("/api/shows/:id/reservations.csv").handler(this::reservationsCsv);
    r.get("/api/shows/:id/comments.csv").handler(this::commentsCsv);
    studio.register(r);
    webhookEndpoints.register(r, small, this);
    accounts.register(r, small);
    r.get("/api/shows/:id/runsheet.xlsx").handler(this::runSheetXlsx);
    r.get("/api/openapi.yaml").handler(this::openApi);
    r.get("/api/vocabulary").handler(ServedVocabulary::serve);
    r.get("/health").handler(this::health);
    extraRoutes.forEach(extra -> extra.accept(r));
    r.route("/api/*").handler(ctx -> fail(ctx, ShowError.notFound("no such endpoint: " + ctx.request().method()
        + " " + ctx.request().path())));
    r.route().handler(ctx -> {
      ctx.response().putHeader("Content-Security-Policy", PAGE_POLICY);
      // a browser keeps the pages with their Last-Modified and asks each time whether they changed: a
      // returning viewer gets 304s, and a page changed by an upgrade is never served stale. StaticHandler
      // keeps a Cache-Control already there; an error answer (send) replaces it with no-store
      ctx.response().putHeader(HttpHeaders.CACHE_CONTROL, NO_CACHE);
      ctx.next();
    });
    // files read again when they change on disk (a page edited or rolled back under a running server)
    r.route().handler(StaticHandler.create("web").setFilesReadOnly(false).setIndexPage("index.html"));
    r.route().failureHandler(this::failure);
    return r;
  }

  /**
   * The API takes JSON (and CSV for a run-sheet), never a form: a BodyHandler decodes a form before any
   * handler runs, and Netty's form decoder fails on long or many fields with exceptions of its own.
   */
  private static void refuseForms(RoutingContext ctx) {
    String type = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
    String lower = type == null ? "" : type.toLowerCase(java.util.Locale.ROOT);
    if (lower.startsWith("multipart/") || lower.startsWith("application/x-www-form-urlencoded")) {
      fail(ctx, ShowError.invalid("the body must be JSON (or CSV for a run-sheet), not a form"));
      return;
    }
    ctx.next();
  }

  // ---- shows ----

  private void createShow(RoutingContext ctx) {
    respond(ctx, 201, requireAdmin(ctx).compose(admin -> {
      JsonNode body = jsonBody(ctx);
      String title = body.path("title").asText("").strip();
      if (title.isEmpty() || title.length() > 200) {
        throw ShowError.invalid("title is required (at most 200 characters)");
      }
      int plannedMinutes = body.hasNonNull("plannedMinutes") ? wholeNumber(body, "plannedMinutes")
          : ShowMeta.DEFAULT_PLANNED_MINUTES;
      if (plannedMinutes < 1 || plannedMinutes > 24 * 60) {
        throw ShowError.invalid("plannedMinutes must be between 1 and 1440");
      }
      Long plannedStartAt = null;
      JsonNode start = body.get("plannedStartAt");
      if (start != null && !start.isNull()) {
        if (!start.isIntegralNumber() || !start.canConvertToLong()) {
          throw ShowError.invalid("plannedStartAt must be epoch milliseconds");
        }
        plannedStartAt = start.asLong();
      }
      JsonNode rehearsal = body.get("rehearsal");
      if (rehearsal != null && !rehearsal.isNull() && !rehearsal.isBoolean()) {
        throw ShowError.invalid("rehearsal must be true or false");
      }
      return createShow(title, plannedStartAt, plannedMinutes, rehearsal != null && rehearsal.asBoolean(),
          approvalRule(body.get("approval")));
    }));
  }

  /** The show's two-person rule, or null without one (docs/protocol.md §Two-person rule). */
  private static ApprovalRule approvalRule(JsonNode approval) {
    if (approval == null || approval.isNull()) {
      return null;
    }
    if (!approval.isObject()) {
      throw ShowError.invalid("approval must be an object {cutFraction, expireSeconds?}");
    }
    JsonNode fraction = approval.get("cutFraction");
    if (fraction == null || !fraction.isNumber()) {
      throw ShowError.invalid("approval.cutFraction is required: a number more than 0 and at most 1");
    }
    int expireSeconds = approval.hasNonNull("expireSeconds") ? wholeNumber(approval, "expireSeconds")
        : ApprovalRule.DEFAULT_EXPIRE_SECONDS;
    return new ApprovalRule(fraction.asDouble(), expireSeconds);
  }

  /** Creates a show with fresh tokens; the tokens leave the server only in this answer. */
  public Future<ObjectNode> createShow(String title, Long plannedStartAt, int plannedMinutes, boolean rehearsal) {
    return createShow(title, plannedStartAt, plannedMinutes, rehearsal, null);
  }

  /** As above, with the show's two-person rule, or null for none. */
  public Future<ObjectNode> createShow(String title, Long plannedStartAt, int plannedMinutes, boolean rehearsal,
      ApprovalRule approval) {
    String controlToken = Tokens.newToken();
    String prompterToken = Tokens.newToken();
    String shopToken = Tokens.newToken();
    ShowMeta meta = new ShowMeta(Tokens.newShowId(), title, plannedStartAt, plannedMinutes, rehearsal, clock.getAsLong(),
        approval);
    ShowRecord record = new ShowRecord(meta, Tokens.hash(controlToken), Tokens.hash(prompterToken),
        Tokens.hash(shopToken));
    return engine.createShow(record).map(v -> {
      ObjectNode created = Json.object();
      created.put("id", meta.id());
      created.put("controlToken", controlToken);
      created.put("prompterToken", prompterToken);
      created.put("shopToken", shopToken);
      return created;
    });
  }

  private Future<Actor> requireAdmin(RoutingContext ctx) {
    return auth.admin(ctx.request().getHeader(HttpHeaders.AUTHORIZATION), sessionCookie(ctx));
  }

  /** The member's session token in the request's cookie, or null. */
  static String sessionCookie(RoutingContext ctx) {
    return Auth.sessionCookie(ctx.request().getHeader(HttpHeaders.COOKIE));
  }

  private void listShows(RoutingContext ctx) {
    respond(ctx, 200, requireAdmin(ctx).compose(admin -> engine.listShows()).map(listing -> {
      ObjectNode body = Json.object();
      body.set("shows", Json.tree(listing));
      return body;
    }));
  }

  private void putRunSheet(RoutingContext ctx) {
    respond(ctx, 200, show(ctx, CONTROL, (show, actor) -> {
      byte[] bytes = ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
      String type = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
      return backOffice.run(() -> importSheet(type, bytes))
          .compose(imported -> {
            RunSheetSummary summary = RunSheetSummary.of(imported, show.record().meta().plannedMinutes());
            return show.execute(new Request(actor, new Command.LoadRunSheet(imported.sheet()), null))
                .map(reply -> {
                  ObjectNode body = (ObjectNode) Json.tree(summary);
                  body.put("seq", reply.seq());
                  return body;
                });
          });
    }));
  }

  /** CSV by {@code text/csv}, .xlsx by its media type, JSON otherwise (docs/protocol.md §REST). */
  private static ImportResult importSheet(String type, byte[] bytes) {
    String lower = type == null ? "" : type.toLowerCase(java.util.Locale.ROOT);
    if (lower.startsWith("text/csv")) {
      return RunSheetImport.fromCsv(bytes);
    }
    return lower.startsWith(XLSX) ? RunSheetImport.fromXlsx(bytes) : RunSheetImport.fromJson(bytes);
  }

  /** The run-sheet as the show now runs it, swaps included; written out in the back office. */
  private void runSheetXlsx(RoutingContext ctx) {
    download(ctx, XLSX, show(ctx, CONTROL, (show, actor) -> show.query((state, figures, now) -> {
      if (!state.hasSheet()) {
        throw ShowError.notFound("the show has no run-sheet yet");
      }
      String disposition = Attachment.disposition("livedesk-runsheet-" + state.id() + ".xlsx",
          "排期表-" + state.meta().title() + "-" + state.id() + ".xlsx");
      return Map.entry(disposition, RunSheetXlsx.running(state));
    }).compose(sheet -> backOffice.run(() -> Map.entry(sheet.getKey(), Buffer.buffer(RunSheetXlsx.of(sheet.getValue())))))));
  }

  private void snapshot(RoutingContext ctx) {
    respond(ctx, 200, show(ctx, READERS, (show, actor) -> show.query((state, figures, now) ->
        actor.role() == Actor.Role.VIEWER ? WireFrames.snapshot(state, figures, Audience.PUBLIC, actor.id(), now)
            : WireFrames.snapshot(state, figures, Audience.STAFF, now))));
  }

  /** A command that came through the Router: one the {@link CommandEndpoint} left to it. */
  private void command(RoutingContext ctx) {
    command(ctx.request(), ctx.pathParam("id"), ctx.body().buffer());
  }

  private void command(HttpServerRequest request, String showId, Buffer buffer) {
    respond(request, 200, show(request, showId, COMMANDERS, (show, actor) -> {
      JsonNode body = jsonBody(buffer);
      if (actor.role() == Actor.Role.VIEWER && !viewerLimits.tryAcquire(show.record().id(), actor.id())) {
        throw new ShowError(ErrorCode.RATE_LIMITED, "too many commands from viewer " + actor.id() + "; slow down");
      }
      String key = request.getHeader("Idempotency-Key");
      if (key == null && body.hasNonNull("key")) {
        key = body.get("key").asText();
      }
      return router.dispatch(show, actor, body.path("cmd").asText(null), body.get("args"), key).map(Replies::rest);
    }));
  }

  private void events(RoutingContext ctx) {
    respond(ctx, 200, show(ctx, CONTROL, (show, actor) -> {
      long after = queryNumber(ctx, "after", 0);
      int limit = (int) Math.min(10_000, Math.max(1, queryNumber(ctx, "limit", 1000)));
      return show.history(after, limit).map(events -> {
        ObjectNode body = Json.object();
        ArrayNode out = body.putArray("events");
        long next = after;
        for (Recorded recorded : events) {
          out.add(auditEvent(recorded));
          next = recorded.seq();
        }
        body.put("next", next);
        return body;
      });
    }));
  }

  /** An event as the audit shows it: as stored, but a lottery's secret seed stays secret until its draw. */
  static ObjectNode auditEvent(Recorded recorded) {
    ObjectNode node = EventCodec.toJson(recorded);
    if (recorded.event() instanceof Event.LotteryOpened) {
      ((ObjectNode) node.get("data")).remove("seed");
    }
    return node;
  }

  private void payment(RoutingContext ctx) {
    String showId = ctx.pathParam("id");
    Future<ObjectNode> answer = Future.succeededFuture().compose(v -> {
      if (settings.paymentSecret() == null) {
        throw new ShowError(ErrorCode.UNAUTHORIZED, "payment notifications are not configured on this server");
      }
      byte[] raw = ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
      String hex = Signatures.paymentSignatureHex(ctx.request().getHeader("X-Signature"));
      if (!Signatures.verify(settings.paymentSecret(), raw, hex)) {
        throw new ShowError(ErrorCode.UNAUTHORIZED, "the X-Signature does not match the body");
      }
      PaymentNotice notice = PaymentNotice.parse(jsonBody(ctx), showId);
      return engine.show(validShowId(showId)).compose(show -> show.execute(
          Request.of(Actor.PAYMENT, notice.command())));
    }).map(reply -> {
      Object conflict = reply.result().get("conflict");
      if (conflict != null) {
        throw new ShowError(ErrorCode.CONFLICT, conflict.toString());
      }
      ObjectNode body = Json.object();
      body.put("ok", true);
      body.put("seq", reply.seq());
      body.put("status", String.valueOf(reply.result().get("status")));
      return body;
    });
    respond(ctx, 200, answer);
  }

  /** Paid orders that a group-deal tier left owing money back (docs/protocol.md §Group-buy tiers). */
  private void refunds(RoutingContext ctx) {
    respond(ctx, 200, show(ctx, CONTROL, (show, actor) -> show.query((state, figures, now) -> {
      ObjectNode body = Json.object();
      body.set("refunds", Json.tree(Refunds.owed(state)));
      return body;
    })));
  }

  /** A drawn lottery's proof comes from the archive without touching the show; the show is asked only before. */
  private void proof(RoutingContext ctx) {
    String showId = validShowId(ctx.pathParam("id"));
    String lotteryId = ctx.pathParam("lotteryId");
    if (!SHOW_ID.matcher(lotteryId).matches()) {
      throw ShowError.notFound("no lottery " + lotteryId);
    }
    proofs.proof(showId, lotteryId, () -> engine.show(showId).compose(show -> show.query((state, figures, now) -> {
      LotteryState lottery = state.lottery(lotteryId);
      if (lottery == null) {
        throw ShowError.notFound("no lottery " + lotteryId);
      }
      return lottery.phase() == LotteryState.Phase.DRAWN ? drawn(lottery) : proofSoFar(lottery);
    }))).onComplete(done -> {
      if (done.failed()) {
        fail(ctx, ErrorBody.of(done.cause()));
      } else if (done.result() instanceof ProofArchive.Stored stored) {
        ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json; charset=utf-8")
            .putHeader(HttpHeaders.CACHE_CONTROL, "public, max-age=31536000, immutable")
            .sendFile(stored.file().toString());
      } else {
        send(ctx.request(), 200, ((ProofArchive.SoFar) done.result()).body());
      }
    });
  }

  /** Only references: the entrant and winner lists are immutable once drawn. */
  private static ProofArchive.Drawn drawn(LotteryState lottery) {
    Event.LotteryOpened terms = lottery.terms();
    return new ProofArchive.Drawn(lottery.id(), terms.itemId(), terms.commitment(), terms.winners(),
        terms.seed(), lottery.entrantsHash(), lottery.sortedEntrants(), lottery.winners());
  }

  private static ObjectNode proofSoFar(LotteryState lottery) {
    Event.LotteryOpened terms = lottery.terms();
    ObjectNode proof = Json.object();
    proof.put("lotteryId", lottery.id());
    proof.put("itemId", terms.itemId());
    proof.put("commitment", terms.commitment());
    proof.put("winnersCount", terms.winners());
    proof.put("phase", lottery.phase().name().toLowerCase(java.util.Locale.ROOT));
    if (lottery.entrantsHash() != null) {
      proof.put("entrantsHash", lottery.entrantsHash());
      proof.put("entrantCount", lottery.sortedEntrants().size());
    }
    return proof;
  }

  // ---- review ----

  /**
   * The show's context copies what the report reads, one pass over items, minutes and price changes that
   * the figures keep up to date event by event; building and encoding the report is done in the back office.
   */
  private void report(RoutingContext ctx) {
    show(ctx, REPORT, (show, actor) -> reports.report(show::query, report -> Buffer.buffer(Json.bytes(report))))
        .onComplete(done -> {
          if (done.failed()) {
            fail(ctx, ErrorBody.of(done.cause()));
          } else if (!ctx.response().ended() && !ctx.response().closed()) {
            ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json; charset=utf-8")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                .end(done.result());
          }
        });
  }

  private void reportCsv(RoutingContext ctx) {
    download(ctx, "text/csv; charset=utf-8", reportFile(ctx, "csv", ReportCsv::of));
  }

  private void reportXlsx(RoutingContext ctx) {
    download(ctx, XLSX, reportFile(ctx, "xlsx", ReportXlsx::of));
  }

  /** The report encoded in the back office, with the name the browser saves it under. */
  private Future<Map.Entry<String, Buffer>> reportFile(RoutingContext ctx, String extension,
      Function<JsonNode, byte[]> encoding) {
    return show(ctx, REPORT, (show, actor) -> reports.report(show::query, report -> {
      String id = report.path("show").path("id").asText();
      String disposition = Attachment.disposition("livedesk-report-" + id + "." + extension,
          "复盘-" + report.path("show").path("title").asText() + "-" + id + "." + extension);
      return Map.entry(disposition, Buffer.buffer(encoding.apply(report)));
    }));
  }

  /** Who reserved the show, to be reminded: copied on the show's context, written in the back office. */
  private void reservationsCsv(RoutingContext ctx) {
    download(ctx, "text/csv; charset=utf-8", show(ctx, CONTROL, (show, actor) -> show.query((state, figures, now) -> {
      String disposition = Attachment.disposition("livedesk-reservations-" + state.id() + ".csv",
          "预约-" + state.meta().title() + "-" + state.id() + ".csv");
      return Map.entry(disposition, new LinkedHashMap<>(state.reservations().byViewer()));
    }).compose(copy -> backOffice.run(() -> Map.entry(copy.getKey(), Buffer.buffer(ReservationsCsv.of(copy.getValue())))))));
  }

  private void commentsCsv(RoutingContext ctx) {
    download(ctx, "text/csv; charset=utf-8", show(ctx, CONTROL, (show, actor) -> show.query((state, figures, now) -> {
      String disposition = Attachment.disposition("livedesk-comments-" + state.id() + ".csv",
          "评论-" + state.meta().title() + "-" + state.id() + ".csv");
      return Map.entry(disposition, state.comments().latest(ShowRules.KEPT_COMMENTS));
    }).compose(copy -> backOffice.run(() -> Map.entry(copy.getKey(), Buffer.buffer(CommentsCsv.of(copy.getValue())))))));
  }

  /** Sends a file made for the request: its bytes under the Content-Disposition given with them. */
  private static void download(RoutingContext ctx, String contentType, Future<Map.Entry<String, Buffer>> file) {
    file.onComplete(done -> {
      if (done.failed()) {
        fail(ctx, ErrorBody.of(done.cause()));
        return;
      }
      ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, contentType)
          .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
          .putHeader(HttpHeaders.CONTENT_DISPOSITION, done.result().getKey())
          .end(done.result().getValue());
    });
  }

  private void openApi(RoutingContext ctx) {
    vertx.executeBlocking(() -> {
      try (InputStream in = ApiServer.class.getResourceAsStream("/openapi.yaml")) {
        if (in == null) {
          throw ShowError.notFound("openapi.yaml is not packaged");
        }
        return Buffer.buffer(in.readAllBytes());
      }
    }, false).onComplete(result -> {
      if (result.failed()) {
        fail(ctx, ErrorBody.of(result.cause()));
      } else {
        ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/yaml; charset=utf-8").end(result.result());
      }
    });
  }

  /**
   * UP, or DEGRADED (still 200: the other shows are served) with {@code checks.shows} listing the shows
   * out of service and {@code checks.webhooks} the failing webhooks with why, STARTING (503) while shows
   * loaded at start are still being rebuilt, or DOWN (503) when the store or Redis is; see docs/protocol.md
   * §Limits that protect the show.
   */
  private void health(RoutingContext ctx) {
    engine.health().onComplete(result -> {
      ObjectNode body = Json.object();
      int rebuilding = engine.rebuilding();
      if (result.succeeded() && rebuilding > 0) {
        body.put("status", "STARTING");
        body.set("checks", ((ObjectNode) Json.tree(result.result())).put("rebuilding", rebuilding));
        send(ctx.request(), 503, body);
      } else if (result.succeeded()) {
        Set<String> outOfService = new TreeSet<>(engine.showsOutOfService().keySet());
        Map<String, String> failingWebhooks = webhooks.failing();
        body.put("status", outOfService.isEmpty() && failingWebhooks.isEmpty() ? "UP" : "DEGRADED");
        ObjectNode checks = (ObjectNode) Json.tree(result.result());
        if (!outOfService.isEmpty()) {
          ArrayNode shows = checks.putArray("shows");
          outOfService.forEach(shows::add);
        }
        if (!failingWebhooks.isEmpty()) {
          checks.set("webhooks", Json.tree(failingWebhooks));
        }
        body.set("checks", checks);
        send(ctx.request(), 200, body);
      } else {
        body.put("status", "DOWN");
        body.putObject("checks").put("error", String.valueOf(result.cause().getMessage()));
        send(ctx.request(), 503, body);
      }
    });
  }

  // ---- WebSocket ----

  /** WebSocket upgrades are taken by the server itself, so sessions get the socket and not a wrapper of it. */
  private void webSocketHandshake(ServerWebSocketHandshake handshake) {
    String path = handshake.path();
    if (path == null || !path.startsWith(WS_PREFIX) || !SHOW_ID.matcher(path.substring(WS_PREFIX.length())).matches()) {
      handshake.reject(404);
      return;
    }
    ForwardedHeaders.Client client =
        forwarded.client(handshake.remoteAddress(), handshake.headers(), handshake.isSsl());
    if (!originAllowed(handshake.headers().get(HttpHeaders.ORIGIN), client.host())) {
      handshake.reject(403);
      return;
    }
    handshake.accept();
  }

  /**
   * Browsers send Origin: it must be this server itself (the host the browser addressed, which behind a
   * trusted proxy is its X-Forwarded-Host) or one of the configured origins.
   */
  private boolean originAllowed(String origin, String host) {
    if (origin == null || settings.allowedOrigins().contains("*") || settings.allowedOrigins().contains(origin)) {
      return true;
    }
    try {
      URI uri = URI.create(origin);
      String originHost = uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
      return host != null && host.equalsIgnoreCase(originHost);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  // ---- plumbing ----

  /** A handler's work on a show, given the show and the authenticated actor. */
  public interface ShowWork<T> {
    Future<T> apply(LiveShow show, Actor actor) throws IOException;
  }

  /** A JSON endpoint of a show for the control role, for routes registered beside these. */
  public <T> Handler<RoutingContext> controlEndpoint(java.util.function.Function<RoutingContext, ShowWork<T>> work) {
    return ctx -> respond(ctx, 200, show(ctx, CONTROL, work.apply(ctx)));
  }

  /** A JSON endpoint for the admin, for routes registered beside these: the work runs once the token checks out. */
  public <T> Handler<RoutingContext> adminEndpoint(java.util.function.Function<RoutingContext, Future<T>> work) {
    return ctx -> respond(ctx, 200, Future.succeededFuture().compose(v -> requireAdmin(ctx))
        .compose(admin -> work.apply(ctx)));
  }

  /** The JSON body of a request, or INVALID_ARGUMENT. */
  public static JsonNode body(RoutingContext ctx) {
    return jsonBody(ctx);
  }

  private <T> Future<T> show(RoutingContext ctx, Set<Actor.Role> allowed, ShowWork<T> work) {
    return show(ctx.request(), ctx.pathParam("id"), allowed, work);
  }

  private <T> Future<T> show(HttpServerRequest request, String showId, Set<Actor.Role> allowed, ShowWork<T> work) {
    return engine.show(validShowId(showId)).compose(show -> auth.resolve(show.record(),
        request.getHeader(HttpHeaders.AUTHORIZATION), Auth.sessionCookie(request.getHeader(HttpHeaders.COOKIE)),
        request.getHeader("X-Viewer"), request.getHeader("X-Viewer-Token"), allowed).compose(actor -> {
          try {
            return work.apply(show, actor);
          } catch (IOException e) {
            return Future.failedFuture(ShowError.invalid(e.getMessage()));
          }
        }));
  }

  static String validShowId(String showId) {
    if (showId == null || !SHOW_ID.matcher(showId).matches()) {
      throw ShowError.notFound("no show " + showId);
    }
    return showId;
  }

  static JsonNode jsonBody(RoutingContext ctx) {
    return jsonBody(ctx.body().buffer());
  }

  private static JsonNode jsonBody(Buffer buffer) {
    if (buffer == null || buffer.length() == 0) {
      throw ShowError.invalid("a JSON body is required");
    }
    JsonNode node;
    try {
      node = Json.parse(buffer.getBytes());
    } catch (IOException e) {
      throw ShowError.invalid(Json.overLimit(e) ? Json.overLimitMessage() : "the body is not valid JSON");
    }
    if (!node.isObject()) {
      throw ShowError.invalid("the body must be a JSON object");
    }
    return node;
  }

  private static int wholeNumber(JsonNode body, String field) {
    JsonNode node = body.get(field);
    if (!node.isIntegralNumber() || !node.canConvertToInt()) {
      throw ShowError.invalid(field + " must be a whole number");
    }
    return node.asInt();
  }

  private static long queryNumber(RoutingContext ctx, String name, long fallback) {
    String value = ctx.request().getParam(name);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw ShowError.invalid(name + " must be a whole number");
    }
  }

  static <T> void respond(RoutingContext ctx, int status, Future<T> result) {
    respond(ctx.request(), status, result);
  }

  private static <T> void respond(HttpServerRequest request, int status, Future<T> result) {
    result.onComplete(done -> {
      if (done.succeeded()) {
        send(request, status, done.result());
      } else {
        fail(request, ErrorBody.of(done.cause()));
      }
    });
  }

  private static void send(HttpServerRequest request, int status, Object body) {
    HttpServerResponse response = request.response();
    if (response.ended() || response.closed()) {
      return;
    }
    byte[] json = body instanceof Replies.Encoded encoded ? encoded.json() : Json.bytes(body);
    if (json.length < COMPRESS_FROM_BYTES && request.version() == HttpVersion.HTTP_1_1
        && request.headers().contains(HttpHeaders.ACCEPT_ENCODING)) {
      // an order's answer (about 150 bytes) gzipped is no smaller and costs a fresh compressor, about 20 µs;
      // identity tells Vert.x's HTTP/1.1 compressor to leave this one answer alone and is taken off before it
      // is sent (a server-wide threshold would also stop the compression of files sent from disk). Not on
      // HTTP/2, whose compressor in this Vert.x stops compressing a connection for good after one such
      // answer and goes on labelling answers gzip; nor for a client that asked for no compression or speaks
      // HTTP/1.0, where nothing would take the label off
      response.putHeader(HttpHeaders.CONTENT_ENCODING, HttpHeaders.IDENTITY);
    }
    response.setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, JSON_TYPE)
        .putHeader(HttpHeaders.CACHE_CONTROL, NO_STORE)
        .end(Buffer.buffer(json));
  }

  static void fail(RoutingContext ctx, ShowError error) {
    fail(ctx.request(), error);
  }

  static void fail(HttpServerRequest request, ShowError error) {
    send(request, error.code().httpStatus(), ErrorBody.json(error));
  }

  private void failure(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    if (failure instanceof ShowError error) {
      fail(ctx, error);
    } else if (ctx.statusCode() == 413) {
      fail(ctx, new ShowError(ErrorCode.PAYLOAD_TOO_LARGE, "the body is larger than this endpoint takes"));
    } else if (ctx.statusCode() == 404 && failure == null) {
      fail(ctx, ShowError.notFound("nothing at " + ctx.request().path()));
    } else if (failure == null && ctx.statusCode() >= 400 && ctx.statusCode() < 500) {
      fail(ctx, ShowError.invalid("the request was not understood (" + ctx.statusCode() + ")"));
    } else {
      fail(ctx, ErrorBody.of(failure == null ? new IllegalStateException("status " + ctx.statusCode()) : failure));
    }
  }
}
