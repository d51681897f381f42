package io.livedesk.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.livedesk.json.Json;
import io.livedesk.people.Member;
import io.livedesk.show.ErrorCode;
import io.livedesk.show.ShowError;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * Members and sign-in over REST (docs/protocol.md §People): the admin adds, lists and removes members and
 * resets their passwords; a member signs in for a session token, given in the answer and as an HttpOnly,
 * SameSite=Strict cookie, and signs out.
 */
final class StaffAccounts {

  private final Auth auth;

  StaffAccounts(Auth auth) {
    this.auth = auth;
  }

  void register(Router router, BodyHandler body) {
    router.post("/api/members").handler(body).handler(this::add);
    router.get("/api/members").handler(this::list);
    router.delete("/api/members/:login").handler(this::remove);
    router.put("/api/members/:login/password").handler(body).handler(this::resetPassword);
    router.post("/api/login").handler(body).handler(this::signIn);
    router.post("/api/logout").handler(this::signOut);
    router.get("/api/me").handler(this::me);
  }

  private void add(RoutingContext ctx) {
    ApiServer.respond(ctx, 201, admin(ctx).compose(admin -> {
      JsonNode body = ApiServer.jsonBody(ctx);
      return auth.people().add(text(body, "login"), text(body, "name"), text(body, "password"), text(body, "role"));
    }).map(member -> {
      ObjectNode answer = Json.object();
      answer.set("member", view(member));
      return answer;
    }));
  }

  private void list(RoutingContext ctx) {
    ApiServer.respond(ctx, 200, admin(ctx).compose(admin -> auth.people().members()).map(members -> {
      ObjectNode answer = Json.object();
      ArrayNode list = answer.putArray("members");
      members.forEach(member -> list.add(view(member)));
      return answer;
    }));
  }

  private void remove(RoutingContext ctx) {
    ApiServer.respond(ctx, 200, admin(ctx).compose(admin -> auth.people().remove(ctx.pathParam("login")))
        .map(v -> ok()));
  }

  private void resetPassword(RoutingContext ctx) {
    ApiServer.respond(ctx, 200, admin(ctx).compose(admin -> auth.people().resetPassword(ctx.pathParam("login"),
        text(ApiServer.jsonBody(ctx), "password"))).map(v -> ok()));
  }

  private void signIn(RoutingContext ctx) {
    ApiServer.respond(ctx, 200, Future.succeededFuture().compose(v -> {
      JsonNode body = ApiServer.jsonBody(ctx);
      String address = ctx.request().remoteAddress() == null ? "?" : ctx.request().remoteAddress().hostAddress();
      return auth.people().signIn(text(body, "login"), text(body, "password"), address);
    }).map(signIn -> {
      ctx.response().putHeader(HttpHeaders.SET_COOKIE, cookie(ctx, signIn.token(), false));
      ObjectNode answer = Json.object();
      answer.put("token", signIn.token());
      answer.set("member", view(signIn.member()));
      return answer;
    }));
  }

  private void signOut(RoutingContext ctx) {
    String token = Auth.bearer(ctx.request().getHeader(HttpHeaders.AUTHORIZATION));
    ApiServer.respond(ctx, 200, auth.people().signOut(token != null ? token : ApiServer.sessionCookie(ctx))
        .map(v -> {
          ctx.response().putHeader(HttpHeaders.SET_COOKIE, cookie(ctx, "", true));
          return ok();
        }));
  }

  private void me(RoutingContext ctx) {
    String token = Auth.bearer(ctx.request().getHeader(HttpHeaders.AUTHORIZATION));
    String session = token != null ? token : ApiServer.sessionCookie(ctx);
    ApiServer.respond(ctx, 200, auth.people().member(session).map(member -> {
      if (member == null) {
        throw new ShowError(ErrorCode.UNAUTHORIZED, "not signed in");
      }
      ObjectNode answer = Json.object();
      answer.set("member", view(member));
      return answer;
    }));
  }

  private Future<io.livedesk.show.Actor> admin(RoutingContext ctx) {
    return auth.admin(ctx.request().getHeader(HttpHeaders.AUTHORIZATION), ApiServer.sessionCookie(ctx));
  }

  /** The session cookie: the pages' way to the session, out of reach of scripts and of other sites' requests. */
  private static String cookie(RoutingContext ctx, String value, boolean clear) {
    boolean https = ctx.request().isSSL()
        || "https".equalsIgnoreCase(ctx.request().getHeader("X-Forwarded-Proto"));
    return Auth.SESSION_COOKIE + "=" + value + "; Path=/; HttpOnly; SameSite=Strict" + (https ? "; Secure" : "")
        + (clear ? "; Max-Age=0" : "");
  }

  private static ObjectNode view(Member member) {
    ObjectNode node = Json.object();
    node.put("login", member.login());
    node.put("name", member.name());
    node.put("role", member.role().wire());
    return node;
  }

  private static ObjectNode ok() {
    ObjectNode node = Json.object();
    node.put("ok", true);
    return node;
  }

  private static String text(JsonNode body, String field) {
    JsonNode value = body.get(field);
    if (value == null || !value.isTextual()) {
      throw ShowError.invalid(field + " is required, as text");
    }
    return value.asText();
  }
}
