package io.livedesk.engine;

import io.vertx.core.Context;

/** A client connection that receives a show's frames: a WebSocket, or a test's recorder. */
public interface Subscriber {

  Audience audience();

  /** The viewer behind a public subscriber, for personal frames; null for staff. */
  String viewerId();

  /** The context the subscriber lives on; frames are handed over on it. */
  Context context();

  /** Takes a batch of frames, on {@link #context()}. Must not block. */
  void deliver(java.util.List<Frame> frames);
}
