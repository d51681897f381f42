package io.livedesk.engine;

/** Who a frame is for: staff (control, prompter) see everything; the public sees what viewers may. */
public enum Audience {
  STAFF, PUBLIC
}
