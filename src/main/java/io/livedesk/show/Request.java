package io.livedesk.show;

/** A command from someone, optionally with an idempotency key. */
public record Request(Actor actor, Command command, String key) {

  public static Request of(Actor actor, Command command) {
    return new Request(actor, command, null);
  }
}
