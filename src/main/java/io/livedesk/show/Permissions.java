package io.livedesk.show;

import java.util.Set;

/** Which role may send which command, by the command's protocol name. */
public final class Permissions {

  private static final Set<String> CONTROL = Set.of("show.start", "show.end", "runsheet.load", "cue.go",
      "cue.next", "cue.prev", "runsheet.swap", "item.list", "item.delist", "item.set_price",
      "item.revert_price", "item.set_stock", "item.add_stock", "announce.publish", "announce.retract",
      "cue.note", "cue.ack", "lottery.open", "lottery.close", "lottery.draw",
      "flash.schedule", "flash.cancel", "coupon.create", "coupon.issue", "coupon.stop");
  private static final Set<String> PROMPTER = Set.of("cue.ack");
  private static final Set<String> HOST_CUES = Set.of("cue.next", "cue.prev");
  private static final Set<String> VIEWER = Set.of("viewer.join", "viewer.leave", "viewer.click",
      "viewer.subscribe", "order.place", "order.cancel", "lottery.enter",
      "coupon.claim");
  private static final Set<String> PAYMENT = Set.of("payment.record");
  private static final Set<String> SYSTEM = Set.of("show.expire", "presence.drop_node");

  private Permissions() {
  }

  /** Throws FORBIDDEN unless {@code role} may send {@code command}. */
  public static void check(Actor.Role role, String command, boolean hostCanCue) {
    boolean allowed = switch (role) {
      case ADMIN, CONTROL -> CONTROL.contains(command);
      case PROMPTER -> PROMPTER.contains(command) || (hostCanCue && HOST_CUES.contains(command));
      case VIEWER -> VIEWER.contains(command);
      case PAYMENT -> PAYMENT.contains(command);
      case SYSTEM -> SYSTEM.contains(command);
    };
    if (!allowed) {
      String why = role == Actor.Role.PROMPTER && HOST_CUES.contains(command) ? " (host cueing is off)" : "";
      throw new ShowError(ErrorCode.FORBIDDEN, role.wire() + " may not send " + command + why);
    }
  }
}
