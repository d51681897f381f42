package io.livedesk.engine.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.livedesk.engine.Reply;
import io.livedesk.json.Json;
import io.livedesk.show.ErrorCode;
import io.livedesk.show.Request;
import io.livedesk.show.ShowError;
import io.livedesk.vertx.EventLoops;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Response;
import io.vertx.redis.client.ResponseType;
import java.util.HashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Commands for a show owned by another node travel to that node and their answers come back, through
 * Redis pub/sub: each node subscribes to its own inbox. One connection publishes everything this node
 * sends, so requests from here reach the owner in the order they were made. An answer that does not come
 * within the timeout is UNAVAILABLE; a request nobody is subscribed to fails at once.
 */
final class CommandRelay {

  private static final Logger LOG = Logger.getLogger(CommandRelay.class.getName());
  static final long RECONNECT_MIN_MILLIS = 100;
  static final long RECONNECT_MAX_MILLIS = 2000;

  /** Runs a forwarded request on the show's writer here, or fails with {@link NotOwner}. */
  interface Receiver {
    Future<Reply> execute(String showId, Request request);
  }

  /** The node asked is not (or no longer) the show's writer: the sender looks the owner up again. */
  static final class NotOwner extends RuntimeException {
    NotOwner(String message) {
      super(message, null, false, false);
    }
  }

  /** A request waiting for its answer. */
  private record Pending(Promise<Reply> promise, long timer) {}

  private final Vertx vertx;
  private final Context context;
  private final RedisLink redis;
  private final ClusterKeys keys;
  private final String nodeId;
  private final long timeoutMillis;
  private final Receiver receiver;
  private final Map<String, Pending> pending = new HashMap<>();
  private long nextId;
  private RedisConnection subscription;
  private Future<RedisConnection> publisher;
  private long backoff = RECONNECT_MIN_MILLIS;
  private boolean closed;

  CommandRelay(Vertx vertx, RedisLink redis, ClusterKeys keys, String nodeId, long timeoutMillis, Receiver receiver) {
    this.vertx = vertx;
    this.context = EventLoops.newContext(vertx);
    this.redis = redis;
    this.keys = keys;
    this.nodeId = nodeId;
    this.timeoutMillis = timeoutMillis;
    this.receiver = receiver;
  }

  /** Subscribes to this node's inbox, and keeps doing so across Redis restarts. */
  Future<Void> start() {
    Promise<Void> subscribed = Promise.promise();
    context.runOnContext(v -> subscribe(subscribed));
    return subscribed.future();
  }

  boolean subscribed() {
    return subscription != null;
  }

  private void subscribe(Promise<Void> first) {
    if (closed) {
      return;
    }
    Promise<RedisConnection> ready = EventLoops.promise(context);
    redis.connect().compose(conn -> {
      conn.handler(this::onMessage);
      conn.exceptionHandler(e -> context.runOnContext(v -> lost(conn, e)));
      conn.endHandler(v -> context.runOnContext(w -> lost(conn, null)));
      return redis.bounded(conn.send(io.vertx.redis.client.Request.cmd(Command.SUBSCRIBE).arg(keys.inbox(nodeId))))
          .map(ok -> conn)
          .onFailure(e -> conn.close());
    }).onComplete(ready);
    ready.future().onComplete(done -> {
      if (done.succeeded()) {
        subscription = done.result();
        backoff = RECONNECT_MIN_MILLIS;
        if (first != null) {
          first.tryComplete();
        }
      } else {
        if (first != null) {
          first.tryFail(done.cause());
        }
        retry();
      }
    });
  }

  private void lost(RedisConnection conn, Throwable cause) {
    if (subscription != conn) {
      return;
    }
    subscription = null;
    LOG.warning(() -> "the inbox subscription of node " + nodeId + " was lost"
        + (cause == null ? "" : ": " + cause.getMessage()) + "; subscribing again");
    conn.close();
    retry();
  }

  private void retry() {
    if (closed) {
      return;
    }
    long wait = backoff;
    backoff = Math.min(RECONNECT_MAX_MILLIS, backoff * 2);
    vertx.setTimer(wait, id -> context.runOnContext(v -> subscribe(null)));
  }

  /** Sends the request to {@code owner} and answers with its reply. */
  Future<Reply> forward(String owner, String showId, Request request) {
    Promise<Reply> answer = Promise.promise();
    context.runOnContext(v -> {
      String id = nodeId + "-" + (++nextId);
      ObjectNode message = Json.object();
      message.put("kind", "request");
      message.put("id", id);
      message.put("from", nodeId);
      message.put("show", showId);
      message.put("deadline", System.currentTimeMillis() + timeoutMillis);
      message.set("request", RequestCodec.request(request));
      long timer = vertx.setTimer(timeoutMillis, t -> context.runOnContext(w -> {
        Pending late = pending.remove(id);
        if (late != null) {
          late.promise().tryFail(new ShowError(ErrorCode.UNAVAILABLE, "node " + owner + ", the writer of show "
              + showId + ", did not answer within " + timeoutMillis + " ms"));
        }
      }));
      pending.put(id, new Pending(answer, timer));
      Promise<Long> published = EventLoops.promise(context);
      publish(keys.inbox(owner), message).onComplete(published);
      published.future().onComplete(sent -> {
        if (sent.succeeded() && sent.result() > 0) {
          return;
        }
        Pending unsent = pending.remove(id);
        if (unsent == null) {
          return;
        }
        vertx.cancelTimer(unsent.timer());
        unsent.promise().tryFail(sent.failed() ? sent.cause()
            : new NotOwner("node " + owner + " is not listening"));
      });
    });
    return answer.future();
  }

  /** PUBLISH on this node's one publishing connection; answers how many subscribers got it. */
  private Future<Long> publish(String channel, ObjectNode message) {
    if (publisher == null) {
      Promise<RedisConnection> connected = EventLoops.promise(context);
      redis.connect().onComplete(connected);
      publisher = connected.future().onSuccess(conn -> {
        conn.exceptionHandler(e -> dropPublisher(conn));
        conn.endHandler(v -> dropPublisher(conn));
      });
      Future<RedisConnection> connecting = publisher;
      connecting.onFailure(e -> {
        if (publisher == connecting) {
          publisher = null;
        }
      });
    }
    return publisher.compose(conn -> redis.bounded(conn.send(io.vertx.redis.client.Request.cmd(Command.PUBLISH)
        .arg(channel).arg(Json.text(message))))
        // a connection that failed a publish may be half dead: the next publish opens a fresh one
        .onFailure(e -> dropPublisher(conn)))
        .map(Response::toLong);
  }

  private void dropPublisher(RedisConnection conn) {
    context.runOnContext(v -> {
      if (publisher != null && publisher.succeeded() && publisher.result() == conn) {
        publisher = null;
        conn.close();
      }
    });
  }

  private void onMessage(Response message) {
    if (message.type() != ResponseType.PUSH && message.type() != ResponseType.MULTI) {
      return;
    }
    if (message.size() < 3 || !"message".equals(message.get(0).toString())) {
      return;
    }
    JsonNode body;
    try {
      body = Json.parse(message.get(2).toBytes());
    } catch (Exception e) {
      LOG.warning(() -> "an unreadable message in the inbox of node " + nodeId + " was ignored");
      return;
    }
    context.runOnContext(v -> {
      if ("reply".equals(body.path("kind").asText())) {
        onReply(body);
      } else if ("request".equals(body.path("kind").asText())) {
        onRequest(body);
      }
    });
  }

  private void onReply(JsonNode body) {
    Pending waiting = pending.remove(body.path("id").asText());
    if (waiting == null) {
      return;
    }
    vertx.cancelTimer(waiting.timer());
    if (body.has("reply")) {
      waiting.promise().tryComplete(RequestCodec.reply(body.get("reply")));
    } else if (body.path("notOwner").asBoolean()) {
      waiting.promise().tryFail(new NotOwner(body.path("error").path("message").asText()));
    } else {
      waiting.promise().tryFail(RequestCodec.error(body.path("error")));
    }
  }

  private void onRequest(JsonNode body) {
    String id = body.path("id").asText();
    String from = body.path("from").asText();
    if (System.currentTimeMillis() > body.path("deadline").asLong()) {
      // its sender has answered UNAVAILABLE already; running it now would act on a command reported as failed
      return;
    }
    Future<Reply> done;
    try {
      done = receiver.execute(body.path("show").asText(), RequestCodec.request(body.path("request")));
    } catch (Exception e) {
      done = Future.failedFuture(ShowError.invalid("the forwarded request is unreadable: " + e.getMessage()));
    }
    done.onComplete(result -> context.runOnContext(v -> {
      ObjectNode answer = Json.object();
      answer.put("kind", "reply");
      answer.put("id", id);
      if (result.succeeded()) {
        answer.set("reply", RequestCodec.reply(result.result()));
      } else if (result.cause() instanceof NotOwner notOwner) {
        answer.put("notOwner", true);
        answer.set("error", RequestCodec.error(new ShowError(ErrorCode.UNAVAILABLE, notOwner.getMessage())));
      } else {
        Throwable cause = result.cause();
        if (!(cause instanceof ShowError)) {
          LOG.log(Level.WARNING, "a forwarded command failed", cause);
        }
        answer.set("error", RequestCodec.error(cause instanceof ShowError error ? error
            : new ShowError(ErrorCode.UNAVAILABLE, String.valueOf(cause.getMessage()))));
      }
      publish(keys.inbox(from), answer);
    }));
  }

  Future<Void> close() {
    Promise<Void> done = Promise.promise();
    context.runOnContext(v -> {
      closed = true;
      pending.values().forEach(p -> {
        vertx.cancelTimer(p.timer());
        p.promise().tryFail(new ShowError(ErrorCode.UNAVAILABLE, "the server is shutting down"));
      });
      pending.clear();
      if (subscription != null) {
        subscription.close();
        subscription = null;
      }
      if (publisher != null) {
        publisher.onSuccess(RedisConnection::close);
        publisher = null;
      }
      done.complete();
    });
    return done.future();
  }
}
