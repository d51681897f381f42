package io.livedesk.engine;

import io.vertx.core.Context;

/** What a test's subscriber says about itself: its audience, its viewer (null for staff) and its event loop. */
public abstract class TestSubscriber implements Subscriber {

  private final Audience audience;
  private final String viewerId;
  private final Context context;

  protected TestSubscriber(Audience audience, String viewerId, Context context) {
    this.audience = audience;
    this.viewerId = viewerId;
    this.context = context;
  }

  @Override
  public final Audience audience() {
    return audience;
  }

  @Override
  public final String viewerId() {
    return viewerId;
  }

  @Override
  public final Context context() {
    return context;
  }
}
