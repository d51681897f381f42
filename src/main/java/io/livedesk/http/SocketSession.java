package io.livedesk.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.livedesk.engine.Audience;
import io.livedesk.engine.Engine;
import io.livedesk.engine.FanoutMeters;
import io.livedesk.engine.Frame;
import io.livedesk.engine.LiveShow;
import io.livedesk.engine.Reply;
import io.livedesk.engine.Subscriber;
import io.livedesk.json.Json;
import io.livedesk.show.Actor;
import io.livedesk.show.Command;
import io.livedesk.show.ErrorCode;
import io.livedesk.show.Request;
import io.livedesk.show.ShowError;
import io.livedesk.vertx.FrameWriter;
import io.livedesk.vertx.IdleExemption;
import io.livedesk.vertx.SocketFootprint;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.ServerWebSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * One client's WebSocket to a show (docs/protocol.md §WebSocket): a {@code connect} within five seconds,
 * then events out, commands and pings in. A viewer's socket is its presence in the show.
 */
final class SocketSession implements Subscriber {

  static final long CONNECT_TIMEOUT_MILLIS = 5000;
  static final int MAX_FRAME_BYTES = 64 * 1024;
  /**
   * Bytes a socket may have waiting beyond its write buffer before it is told to resync instead: staff
   * take every event, so a burst (thousands of viewers joining at once) must fit; a viewer's waiting
   * frames are mostly dropped, so a backlog of the rest means it is not reading.
   */
  static final long MAX_STAFF_BACKLOG_BYTES = 32L * 1024 * 1024;
  static final long MAX_VIEWER_BACKLOG_BYTES = 1024L * 1024;

  /** What the session needs from the server, shared by every socket. */
  record Shared(Vertx vertx, Engine engine, Auth auth, CommandRouter router, String nodeId,
      int viewerCommandsPerSecond, int viewerCommandBurst, long idleMillis, LongSupplier clock, FanoutMeters meters,
      StaffPresence presence) {}

  private final Shared shared;
  private final ServerWebSocket ws;
  private final String showId;
  private final Context context;
  private LiveShow show;
  private Actor actor;
  private Audience audience;
  private RateLimiter limiter;
  private boolean connecting;
  private boolean present;
  private boolean subscribed;
  private boolean closed;
  private boolean resyncing;
  private final long connectTimer;
  /** Frames arrive encoded: they are written as they are, below Vert.x's frame encoding. */
  private final FrameWriter writer;

  SocketSession(Shared shared, ServerWebSocket ws, String showId) {
    this.shared = shared;
    this.ws = ws;
    this.showId = showId;
    this.context = Vertx.currentContext();
    this.writer = FrameWriter.of(ws);
    IdleExemption.exempt(shared.vertx(), ws, shared.idleMillis());
    SocketFootprint.trim(ws);
    this.connectTimer = shared.vertx().setTimer(CONNECT_TIMEOUT_MILLIS, id -> {
      if (actor == null && !closed) {
        fail(new ShowError(ErrorCode.UNAUTHORIZED, "no valid connect frame within 5 seconds"));
      }
    });
    ws.textMessageHandler(this::onText);
    ws.binaryMessageHandler(buffer -> refuse(ShowError.invalid("frames must be JSON text")));
    ws.closeHandler(v -> onClose());
    ws.exceptionHandler(e -> ws.close());
  }

  private void onText(String text) {
    // a char is at most three bytes of UTF-8: only a frame that could be too long is encoded to count them
    if (text.length() > MAX_FRAME_BYTES
        || text.length() > MAX_FRAME_BYTES / 3 && text.getBytes(StandardCharsets.UTF_8).length > MAX_FRAME_BYTES) {
      refuse(new ShowError(ErrorCode.PAYLOAD_TOO_LARGE, "a frame may hold at most 64 KiB"));
      return;
    }
    JsonNode message;
    try {
      message = Json.parse(text);
    } catch (Exception e) {
      refuse(ShowError.invalid(Json.overLimit(e) ? Json.overLimitMessage() : "a frame must be a JSON object"));
      return;
    }
    String type = message.path("type").asText("");
    if (actor == null) {
      if ("connect".equals(type) && !connecting) {
        connect(message);
      } else if (!connecting) {
        fail(new ShowError(ErrorCode.UNAUTHORIZED, "the first frame must be {\"type\":\"connect\", …}"));
      }
      return;
    }
    switch (type) {
      case "cmd" -> command(message);
      case "ping" -> pong(message);
      default -> sendError(message.path("id").asText(null), ShowError.invalid("unknown frame type " + type));
    }
  }

  private void connect(JsonNode message) {
    connecting = true;
    String role = message.path("role").asText("");
    Long after = message.hasNonNull("after") && message.get("after").canConvertToLong()
        ? message.get("after").asLong() : null;
    shared.engine().show(showId).onComplete(found -> {
      if (found.failed()) {
        fail(ErrorBody.of(found.cause()));
        return;
      }
      show = found.result();
      Future<Actor> identified;
      try {
        identified = identify(role, message);
      } catch (ShowError error) {
        fail(error);
        return;
      }
      identified.onComplete(who -> {
        if (who.failed()) {
          fail(ErrorBody.of(who.cause()));
        } else {
          connected(who.result(), after);
        }
      });
    });
  }

  private void connected(Actor identified, Long after) {
    actor = identified;
    audience = actor.role() == Actor.Role.VIEWER ? Audience.PUBLIC : Audience.STAFF;
    if (actor.role() == Actor.Role.VIEWER) {
      limiter = new RateLimiter(shared.viewerCommandsPerSecond(), shared.viewerCommandBurst(), shared.clock());
      show.execute(Request.of(actor, new Command.Join(shared.nodeId())))
          .onComplete(joined -> {
            present = joined.succeeded();
            subscribe(after);
          });
    } else {
      subscribe(after);
    }
  }

  /**
   * Staff by the connect frame's token (a show's, the admin's or a member's session) or else the session
   * cookie of the upgrade request; a prompter or a host may open only a prompter connection.
   */
  private Future<Actor> identify(String role, JsonNode message) {
    switch (role) {
      case "control", "prompter" -> {
        String token = message.path("token").asText(null);
        String session = token != null ? token : Auth.sessionCookie(ws.headers().get(HttpHeaders.COOKIE));
        return shared.auth().staffOrMember(show.record(), session).map(staff -> {
          if (staff == null) {
            throw new ShowError(ErrorCode.UNAUTHORIZED, "the token is not valid for show " + showId);
          }
          boolean allowed = "prompter".equals(role)
              || (staff.role() != Actor.Role.PROMPTER && staff.role() != Actor.Role.HOST);
          if (!allowed) {
            throw new ShowError(ErrorCode.FORBIDDEN, "a prompter token cannot open a control connection");
          }
          return staff;
        });
      }
      case "viewer" -> {
        String viewerId = shared.auth().viewer(message.path("viewer").asText(null),
            message.path("viewerToken").asText(null));
        return Future.succeededFuture(Actor.viewer(viewerId));
      }
      default -> throw ShowError.invalid("role must be control, prompter or viewer");
    }
  }

  private void subscribe(Long after) {
    if (closed) {
      leave();
      return;
    }
    shared.vertx().cancelTimer(connectTimer);
    show.subscribe(this, after).onComplete(done -> {
      if (done.failed()) {
        fail(ErrorBody.of(done.cause()));
        return;
      }
      subscribed = true;
      if (audience == Audience.PUBLIC) {
        shared.meters().viewers(1);
      }
      if (closed) {
        show.unsubscribe(this);
        if (audience == Audience.PUBLIC) {
          shared.meters().viewers(-1);
        }
      } else if (audience == Audience.STAFF) {
        shared.presence().join(showId, this, actor);
      }
    });
  }

  private void command(JsonNode message) {
    String id = message.path("id").asText(null);
    if (limiter != null && !limiter.tryAcquire()) {
      sendError(id, new ShowError(ErrorCode.RATE_LIMITED, "too many commands; slow down"));
      return;
    }
    String key = message.hasNonNull("key") ? message.get("key").asText() : null;
    shared.router().dispatch(show, actor, message.path("cmd").asText(null), message.get("args"), key)
        .onComplete(result -> {
          if (result.succeeded()) {
            sendReply(id, result.result());
          } else {
            sendError(id, ErrorBody.of(result.cause()));
          }
        });
  }

  private void pong(JsonNode message) {
    ObjectNode pong = Json.object();
    pong.put("type", "pong");
    pong.set("t", message.get("t"));
    pong.put("serverTime", shared.clock().getAsLong());
    write(Json.text(pong));
  }

  private void sendReply(String id, Reply reply) {
    if (writable()) {
      writer.send(Frame.of(Replies.socket(id, reply), false).wire());
    }
  }

  private void sendError(String id, ShowError error) {
    ObjectNode node = ErrorBody.json(error);
    if (id != null || actor != null) {
      node.put("type", "reply");
      node.put("id", id);
      node.put("ok", false);
    } else {
      node.put("type", "error");
    }
    write(Json.text(node));
  }

  /** A frame that cannot be read: before the connect it ends the connection, after it only the frame. */
  private void refuse(ShowError error) {
    if (actor == null && !connecting) {
      fail(error);
    } else {
      sendError(null, error);
    }
  }

  /** Sends an error frame and closes: the connection cannot go on. */
  private void fail(ShowError error) {
    ObjectNode node = ErrorBody.json(error);
    node.put("type", "error");
    write(Json.text(node));
    ws.close((short) (error.code() == ErrorCode.UNAUTHORIZED || error.code() == ErrorCode.FORBIDDEN ? 4401 : 4400),
        error.code().name());
  }

  /** Answers and errors go the way frames do, so a socket gets everything in the order it was written. */
  private void write(String text) {
    if (writable()) {
      writer.send(Frame.of(text, false).wire());
    }
  }

  /** A frame made on another socket's context (the staff list), written on this one's. */
  void sendFromElsewhere(String text) {
    context.runOnContext(v -> write(text));
  }

  /** Whether frames may still go out: not once a close is under way, from either side. */
  private boolean writable() {
    return !closed && !resyncing && !ws.isClosed();
  }

  @Override
  public void deliver(List<Frame> frames) {
    int written = 0;
    int skipped = 0;
    for (Frame frame : frames) {
      if (!writable()) {
        break;
      }
      if (!writer.writable()) {
        if (frame.droppable()) {
          skipped++;
          continue;
        }
        long backlog = writer.backlog();
        if (backlog > (audience == Audience.STAFF ? MAX_STAFF_BACKLOG_BYTES : MAX_VIEWER_BACKLOG_BYTES)) {
          // too far behind to catch up frame by frame: the client reconnects with its last seq
          writer.flush();
          write("{\"type\":\"resync\"}");
          resyncing = true;
          ws.close((short) 4408, "resync");
          shared.meters().resynced();
          count(written, skipped);
          return;
        }
      }
      // the frame is already a complete WebSocket frame: the same bytes for every socket, no encoding here
      writer.write(frame.forViewer(viewerId()).wire());
      written++;
    }
    if (written > 0) {
      writer.flush();
    }
    count(written, skipped);
  }

  private void count(int written, int skipped) {
    if (written > 0) {
      shared.meters().written(written);
    }
    if (skipped > 0) {
      shared.meters().skipped(skipped);
    }
  }

  private void onClose() {
    if (closed) {
      return;
    }
    closed = true;
    shared.vertx().cancelTimer(connectTimer);
    if (subscribed) {
      show.unsubscribe(this);
      if (audience == Audience.PUBLIC) {
        shared.meters().viewers(-1);
      }
      shared.presence().leave(showId, this);
    }
    leave();
  }

  private void leave() {
    if (present) {
      present = false;
      show.execute(Request.of(actor, new Command.Leave(shared.nodeId())));
    }
  }

  @Override
  public Audience audience() {
    return audience;
  }

  @Override
  public String viewerId() {
    return actor != null && actor.role() == Actor.Role.VIEWER ? actor.id() : null;
  }

  @Override
  public Context context() {
    return context;
  }
}
