package io.livedesk.engine.cluster;

import io.livedesk.show.Recorded;
import io.livedesk.store.EventCodec;
import io.livedesk.vertx.EventLoops;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * Follows the event streams of every show this node serves, with one blocking XREAD on a connection of its
 * own, and hands each show's new events to it. Entry ids are {@code 0-<seq>}, so a show is followed from
 * the seq its replica has reached. A lost connection is opened again with backoff.
 */
final class StreamTail {

  private static final Logger LOG = Logger.getLogger(StreamTail.class.getName());
  static final long BLOCK_MILLIS = 2000;
  static final int COUNT = 1000;

  /** One followed show: where its stream is read from, and who takes its events. */
  private static final class Follow {
    final String showId;
    final Consumer<List<Recorded>> sink;
    long afterSeq;

    Follow(String showId, long afterSeq, Consumer<List<Recorded>> sink) {
      this.showId = showId;
      this.afterSeq = afterSeq;
      this.sink = sink;
    }
  }

  /** The reading connection and its client id, which another connection uses to cut a blocking read short. */
  private record Reader(RedisConnection connection, long clientId) {}

  private final Vertx vertx;
  private final Context context;
  private final RedisLink redis;
  private final ClusterKeys keys;
  private final Map<String, Follow> follows = new LinkedHashMap<>();
  private RedisConnection connection;
  private long clientId = -1;
  private boolean reading;
  private boolean closed;
  private long backoff = CommandRelay.RECONNECT_MIN_MILLIS;

  StreamTail(Vertx vertx, RedisLink redis, ClusterKeys keys) {
    this.vertx = vertx;
    this.context = EventLoops.newContext(vertx);
    this.redis = redis;
    this.keys = keys;
  }

  boolean connected() {
    return connection != null;
  }

  /** Starts following the show's stream after {@code afterSeq}; its events go to {@code sink}, in order. */
  void follow(String showId, long afterSeq, Consumer<List<Recorded>> sink) {
    context.runOnContext(v -> {
      follows.put(keys.events(showId), new Follow(showId, afterSeq, sink));
      if (reading && clientId >= 0) {
        // the read in progress does not know the new stream yet: cut its wait short
        redis.send(Request.cmd(Command.CLIENT).arg("UNBLOCK").arg(clientId));
      } else {
        read();
      }
    });
  }

  void unfollow(String showId) {
    context.runOnContext(v -> follows.remove(keys.events(showId)));
  }

  private void read() {
    if (closed || reading || follows.isEmpty()) {
      return;
    }
    reading = true;
    connection().compose(conn -> {
      Request xread = Request.cmd(Command.XREAD).arg("COUNT").arg(COUNT).arg("BLOCK").arg(BLOCK_MILLIS).arg("STREAMS");
      List<Follow> asked = new ArrayList<>(follows.values());
      asked.forEach(follow -> xread.arg(keys.events(follow.showId)));
      asked.forEach(follow -> xread.arg("0-" + follow.afterSeq));
      return redis.bounded(conn.send(xread), BLOCK_MILLIS);
    }).onComplete(done -> context.runOnContext(v -> {
      reading = false;
      if (done.succeeded()) {
        backoff = CommandRelay.RECONNECT_MIN_MILLIS;
        deliver(done.result());
        read();
      } else {
        lost(done.cause());
      }
    }));
  }

  private Future<RedisConnection> connection() {
    if (connection != null) {
      return Future.succeededFuture(connection);
    }
    Promise<Reader> ready = EventLoops.promise(context);
    redis.connect().compose(conn -> redis.bounded(conn.send(Request.cmd(Command.CLIENT).arg("ID")))
        .onFailure(e -> conn.close())
        .map(id -> new Reader(conn, id.toLong())))
        .onComplete(ready);
    return ready.future().map(reader -> {
      RedisConnection conn = reader.connection();
      connection = conn;
      clientId = reader.clientId();
      conn.exceptionHandler(e -> context.runOnContext(w -> drop(conn)));
      conn.endHandler(e -> context.runOnContext(w -> drop(conn)));
      return conn;
    });
  }

  private void drop(RedisConnection conn) {
    if (connection == conn) {
      connection = null;
      clientId = -1;
    }
    conn.close();
  }

  private void lost(Throwable cause) {
    if (connection != null) {
      drop(connection);
    }
    if (closed) {
      return;
    }
    LOG.warning(() -> "reading show streams failed (" + cause.getMessage() + "); reading again in " + backoff + " ms");
    long wait = backoff;
    backoff = Math.min(CommandRelay.RECONNECT_MAX_MILLIS, backoff * 2);
    vertx.setTimer(wait, id -> context.runOnContext(v -> read()));
  }

  /** XREAD answers a map of stream to entries (RESP3) or a list of [stream, entries] (RESP2); null when nothing came. */
  private void deliver(Response response) {
    if (response == null) {
      return;
    }
    if (response.isMap()) {
      for (String stream : response.getKeys()) {
        deliver(stream, response.get(stream));
      }
    } else {
      for (Response streamEntries : response) {
        deliver(streamEntries.get(0).toString(), streamEntries.get(1));
      }
    }
  }

  private void deliver(String stream, Response entries) {
    Follow follow = follows.get(stream);
    if (follow == null || entries == null) {
      return;
    }
    List<Recorded> events = new ArrayList<>(entries.size());
    for (Response entry : entries) {
      String id = entry.get(0).toString();
      long seq = Long.parseLong(id.substring(id.indexOf('-') + 1));
      Response fields = entry.get(1);
      try {
        byte[] json = fields.isMap() ? fields.get("e").toBytes() : fields.get(1).toBytes();
        events.add(EventCodec.fromBytes(json, 0, json.length));
      } catch (Exception e) {
        LOG.warning(() -> "an unreadable entry " + id + " in " + stream + " was skipped; the show catches up from the store");
      }
      follow.afterSeq = Math.max(follow.afterSeq, seq);
    }
    if (!events.isEmpty()) {
      follow.sink.accept(events);
    }
  }

  Future<Void> close() {
    Promise<Void> done = Promise.promise();
    context.runOnContext(v -> {
      closed = true;
      follows.clear();
      if (connection != null) {
        drop(connection);
      }
      done.complete();
    });
    return done.future();
  }
}
