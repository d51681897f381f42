package io.livedesk.bench;

import io.livedesk.json.Json;
import io.livedesk.testing.WholeMessages;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/** Console command → prompter receipt: notes sent over REST, timed to their arrival on a prompter socket. */
final class ControlPath {

  private final BenchShow show;
  private final Map<String, Long> sent = new ConcurrentHashMap<>();
  private Histogram histogram = Latency.histogram();
  private final WebSocket prompter;

  ControlPath(BenchShow show, int port) throws Exception {
    this.show = show;
    this.prompter = HttpClient.newHttpClient().newWebSocketBuilder()
        .buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws/shows/" + show.id), new WholeMessages(this::received, code -> { }))
        .get(10, TimeUnit.SECONDS);
    prompter.sendText("{\"type\":\"connect\",\"role\":\"prompter\",\"token\":\"" + show.prompterToken + "\"}", true);
    Thread.sleep(500);
  }

  /** {@code count} notes, one every {@code intervalMillis}. */
  void measure(int count, long intervalMillis) throws Exception {
    for (int i = 0; i < 50; i++) {
      sendOne(-i);
    }
    Thread.sleep(500);
    reset();
    for (int i = 0; i < count; i++) {
      sendOne(i);
      Thread.sleep(intervalMillis);
    }
    Thread.sleep(500);
  }

  void sendOne(int i) throws IOException {
    String text = "bench-note-" + System.nanoTime() + "-" + i;
    sent.put(text, Micros.now());
    show.command("cue.note", Json.object().put("text", text));
  }

  synchronized Histogram histogram() {
    return histogram.copy();
  }

  synchronized void reset() {
    histogram = Latency.histogram();
  }

  private synchronized void received(String text) {
    int at = text.indexOf("bench-note-");
    if (at < 0 || !text.contains("\"kind\":\"cue.note\"")) {
      return;
    }
    String note = text.substring(at, text.indexOf('"', at));
    Long when = sent.remove(note);
    if (when != null) {
      histogram.recordValue(Math.max(0, Micros.now() - when));
    }
  }
}
