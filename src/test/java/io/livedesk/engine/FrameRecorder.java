package io.livedesk.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.livedesk.json.Json;
import io.vertx.core.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A subscriber that keeps every frame it is handed, parsed, for a test to wait on. */
public final class FrameRecorder extends TestSubscriber {

  private final BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
  private final List<JsonNode> seen = new ArrayList<>();

  public FrameRecorder(Audience audience, String viewerId, Context context) {
    super(audience, viewerId, context);
  }

  @Override
  public void deliver(List<Frame> batch) {
    for (Frame frame : batch) {
      try {
        frames.add(Json.parse(frame.forViewer(viewerId()).json()));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /** The next frame that matches, within ten seconds; others are kept in {@link #seen()}. */
  JsonNode await(Predicate<JsonNode> matching) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 10_000;
    while (true) {
      JsonNode frame = frames.poll(Math.max(1, deadline - System.currentTimeMillis()), TimeUnit.MILLISECONDS);
      if (frame == null) {
        throw new AssertionError("no matching frame within 10 s; seen " + seen);
      }
      seen.add(frame);
      if (matching.test(frame)) {
        return frame;
      }
    }
  }

  public JsonNode awaitType(String type) throws InterruptedException {
    return await(frame -> type.equals(frame.path("type").asText()));
  }

  public JsonNode awaitEvent(String kind) throws InterruptedException {
    return await(frame -> "event".equals(frame.path("type").asText()) && kind.equals(frame.path("kind").asText()));
  }

  List<JsonNode> seen() {
    return seen;
  }
}
