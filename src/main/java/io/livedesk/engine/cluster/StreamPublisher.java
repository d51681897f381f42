package io.livedesk.engine.cluster;

import io.livedesk.show.Recorded;
import io.livedesk.store.EventCodec;
import io.livedesk.vertx.EventLoops;
import io.vertx.core.Context;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * The owner's side of a show's stream: durable events go out in seq order, and again after a failure,
 * for every node to follow. What cannot be published before the queue outgrows the stream is given up:
 * followers fill such a gap from the store. Runs on the show's context.
 */
final class StreamPublisher {

  private static final Logger LOG = Logger.getLogger(StreamPublisher.class.getName());
  static final int CHUNK = 500;

  private final Vertx vertx;
  private final Context context;
  private final RedisLink redis;
  private final String stream;
  private final int maxLen;
  private final ArrayDeque<Recorded> queue = new ArrayDeque<>();
  private final List<Promise<Void>> flushes = new ArrayList<>();
  private boolean sending;
  private boolean stopped;
  private long backoff = CommandRelay.RECONNECT_MIN_MILLIS;

  StreamPublisher(Vertx vertx, Context context, RedisLink redis, String stream, int maxLen) {
    this.vertx = vertx;
    this.context = context;
    this.redis = redis;
    this.stream = stream;
    this.maxLen = maxLen;
  }

  void publish(List<Recorded> events) {
    if (stopped) {
      return;
    }
    queue.addAll(events);
    while (queue.size() > maxLen) {
      queue.removeFirst();
    }
    send();
  }

  /** Completes once everything handed over so far is in the stream (or given up). */
  io.vertx.core.Future<Void> flushed() {
    if (queue.isEmpty() || stopped) {
      return io.vertx.core.Future.succeededFuture();
    }
    Promise<Void> flushed = Promise.promise();
    flushes.add(flushed);
    return flushed.future();
  }

  private void send() {
    if (queue.isEmpty() || stopped) {
      settleFlushes();
    }
    if (sending || stopped || queue.isEmpty()) {
      return;
    }
    List<Recorded> chunk = new ArrayList<>(Math.min(CHUNK, queue.size()));
    Request eval = RedisScripts.STREAM_PUBLISH.eval(stream).arg(maxLen);
    for (Recorded recorded : queue) {
      if (chunk.size() == CHUNK) {
        break;
      }
      chunk.add(recorded);
      eval.arg(recorded.seq()).arg(EventCodec.toBytes(recorded));
    }
    sending = true;
    Promise<Response> sent = EventLoops.promise(context);
    redis.send(eval).onComplete(sent);
    sent.future().onComplete(done -> {
      sending = false;
      if (done.succeeded()) {
        backoff = CommandRelay.RECONNECT_MIN_MILLIS;
        long last = chunk.get(chunk.size() - 1).seq();
        while (!queue.isEmpty() && queue.peekFirst().seq() <= last) {
          queue.removeFirst();
        }
        send();
      } else {
        LOG.warning(() -> "publishing to " + stream + " failed (" + done.cause().getMessage() + "); retrying in "
            + backoff + " ms");
        long wait = backoff;
        backoff = Math.min(CommandRelay.RECONNECT_MAX_MILLIS, backoff * 2);
        vertx.setTimer(wait, id -> context.runOnContext(v -> send()));
      }
    });
  }

  void stop() {
    stopped = true;
    queue.clear();
    settleFlushes();
  }

  private void settleFlushes() {
    List<Promise<Void>> waiting = List.copyOf(flushes);
    flushes.clear();
    waiting.forEach(Promise::tryComplete);
  }
}
