package io.livedesk.webhooks;

import io.livedesk.engine.Audience;
import io.livedesk.engine.Frame;
import io.livedesk.engine.LiveShow;
import io.livedesk.engine.Subscriber;
import io.livedesk.show.Event;
import io.livedesk.show.Recorded;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * The delivery of one show to one webhook (docs/design.md §Webhooks): read the events after the cursor
 * from the show's history, send those the webhook wants in one batch, and only after its 2xx move the
 * cursor, durably, and read on. A failed batch is sent again after a growing wait, for ever; new events
 * wait meanwhile. It holds at most one batch, and runs on its webhook's context.
 */
final class DeliveryLoop {

  private static final Logger LOG = Logger.getLogger(DeliveryLoop.class.getName());

  private final WebhookRunner runner;
  private final String showId;
  private final LiveShow show;
  private final Context context;
  /** The seq of the last event acknowledged, or passed over because the webhook does not want it. */
  private long cursor;
  /** An ended show's delivery stops once it has caught up. */
  private boolean showEnded;
  private boolean busy;
  private boolean woken;
  private boolean stopped;
  private Long rewindTo;
  private long timer = -1;
  private final Subscriber wakeUp;
  /** Failures in a row of the current batch. */
  private volatile int failures;
  /** When the oldest event not yet acknowledged was recorded; 0 when everything is. */
  private volatile long waitingSince;

  DeliveryLoop(WebhookRunner runner, String showId, LiveShow show, long cursor, boolean showEnded) {
    this.runner = runner;
    this.showId = showId;
    this.show = show;
    this.context = runner.context();
    this.cursor = cursor;
    this.showEnded = showEnded;
    this.wakeUp = new Subscriber() {
      @Override
      public Audience audience() {
        return Audience.STAFF;
      }

      @Override
      public String viewerId() {
        return null;
      }

      @Override
      public Context context() {
        return context;
      }

      @Override
      public void deliver(List<Frame> frames) {
        if (frames.stream().anyMatch(frame -> !frame.droppable())) {
          wake();
        }
      }
    };
  }

  void start() {
    if (!showEnded) {
      // new events wake the loop at once; the welcome frame itself is the first wake-up
      here(show.query((state, figures, now) -> state.seq())).compose(seq -> show.subscribe(wakeUp, seq))
          .onFailure(e -> LOG.fine(() -> "webhook " + runner.id() + " follows show " + showId + " by polling: " + e));
    }
    wake();
  }

  /** Reads on at once if idle, else right after the batch in flight. */
  void wake() {
    if (stopped) {
      return;
    }
    if (busy) {
      woken = true;
      return;
    }
    read();
  }

  /** Delivers again from {@code seq + 1} once the batch in flight is done. */
  void rewind(long seq) {
    rewindTo = seq;
    showEnded = false;
    wake();
  }

  void stop() {
    stopped = true;
    if (timer >= 0) {
      runner.vertx().cancelTimer(timer);
    }
    show.unsubscribe(wakeUp);
  }

  String showId() {
    return showId;
  }

  int failures() {
    return failures;
  }

  /** How long the oldest event read and not yet acknowledged has waited at {@code now}; 0 when none waits. */
  long lagMillis(long now) {
    long since = waitingSince;
    return since > 0 ? Math.max(0, now - since) : 0;
  }

  private void read() {
    busy = true;
    woken = false;
    if (rewindTo != null) {
      cursor = rewindTo;
      rewindTo = null;
    }
    here(show.history(cursor, WebhookBatch.MAX_EVENTS)).onComplete(done -> {
      if (stopped) {
        return;
      }
      if (done.failed()) {
        LOG.fine(() -> "webhook " + runner.id() + ": show " + showId + " cannot be read now: " + done.cause());
        idle();
        return;
      }
      List<Recorded> events = done.result();
      if (events.isEmpty()) {
        waitingSince = 0;
        idle();
        return;
      }
      List<Recorded> wanted = new ArrayList<>(events.size());
      for (Recorded recorded : events) {
        showEnded |= recorded.event() instanceof Event.ShowEnded;
        if (WebhookBatch.wanted(runner.record().kinds(), recorded.kind())) {
          wanted.add(recorded);
        }
      }
      long last = events.get(events.size() - 1).seq();
      if (wanted.isEmpty()) {
        waitingSince = 0;
        acknowledged(last);
      } else {
        waitingSince = wanted.get(0).ts();
        send(wanted, last, WebhookBatch.body(showId, wanted), 1);
      }
    });
  }

  private void idle() {
    busy = false;
    if (woken) {
      read();
    } else if (showEnded && rewindTo == null) {
      runner.finished(this);
    }
  }

  private void send(List<Recorded> batch, long last, byte[] body, int attempt) {
    long fromSeq = batch.get(0).seq();
    long toSeq = batch.get(batch.size() - 1).seq();
    long started = System.nanoTime();
    attempt(body).onComplete(done -> {
      if (stopped) {
        runner.log().record(new DeliveryLog.Entry(showId, fromSeq, toSeq, "stopped", attempt,
            done.failed() ? done.cause().getMessage() : null, runner.now(), null));
        return;
      }
      long latency = (System.nanoTime() - started) / 1_000_000;
      if (done.succeeded()) {
        failures = 0;
        runner.log().record(new DeliveryLog.Entry(showId, fromSeq, toSeq, "delivered", attempt, null, runner.now(),
            latency));
        acknowledged(last);
        return;
      }
      failures = attempt;
      String error = done.cause().getMessage();
      runner.log().record(new DeliveryLog.Entry(showId, fromSeq, toSeq, "retrying", attempt, error, runner.now(),
          latency));
      timer = runner.vertx().setTimer(runner.settings().backoff(attempt), t -> {
        timer = -1;
        if (!stopped) {
          send(batch, last, body, attempt + 1);
        }
      });
    });
  }

  /** Moves the cursor past {@code last}, durably, then reads on; a cursor not stored only means a batch sent twice. */
  private void acknowledged(long last) {
    cursor = last;
    runner.saveCursor(showId, last).onComplete(saved -> {
      if (saved.failed()) {
        LOG.warning(() -> "webhook " + runner.id() + ": the cursor of show " + showId + " could not be stored: "
            + saved.cause().getMessage());
      }
      if (!stopped) {
        busy = false;
        read();
      }
    });
  }

  /** One POST, signed when sent; a 2xx succeeds, anything else or no answer in time fails. */
  private Future<Void> attempt(byte[] body) {
    Promise<Void> outcome = Promise.promise();
    long timeout = runner.settings().timeoutMillis();
    long deadline = runner.vertx().setTimer(timeout, t -> outcome.tryFail("no answer in " + timeout + " ms"));
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(runner.record().url())
        .setConnectTimeout(timeout)
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json; charset=utf-8")
        .putHeader(WebhookSignature.HEADER, WebhookSignature.header(runner.signingSecrets(), runner.now() / 1000, body));
    runner.client().request(options)
        .compose(request -> {
          outcome.future().onFailure(e -> request.reset());
          return request.send(Buffer.buffer(body));
        })
        .compose(response -> response.body().map(ignored -> response))
        .onComplete(done -> {
          runner.vertx().cancelTimer(deadline);
          if (done.failed()) {
            outcome.tryFail(String.valueOf(done.cause().getMessage()));
          } else if (isSuccess(done.result())) {
            outcome.tryComplete();
          } else {
            outcome.tryFail("HTTP " + done.result().statusCode());
          }
        });
    return here(outcome.future());
  }

  private static boolean isSuccess(HttpClientResponse response) {
    return response.statusCode() >= 200 && response.statusCode() < 300;
  }

  /** The future, completed on this loop's context whatever context completed it. */
  private <T> Future<T> here(Future<T> work) {
    Promise<T> promise = Promise.promise();
    work.onComplete(done -> context.runOnContext(v -> promise.handle(done)));
    return promise.future();
  }
}
