package io.livedesk.engine.cluster;

import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.UUID;

/**
 * Show ownership: the node holding a show's lease key is its single writer. The key holds
 * {@code <node>|<token>} and expires {@code millis} after it was taken or renewed unless its holder renews
 * it, which only the same token may do.
 */
record Lease(RedisLink redis, ClusterKeys keys, String nodeId, long millis) {

  /** Who holds a show's lease. */
  record Holder(String node, String token) {

    static Holder parse(String value) {
      int bar = value.indexOf('|');
      return bar < 0 ? new Holder(value, "") : new Holder(value.substring(0, bar), value.substring(bar + 1));
    }

    String value() {
      return node + "|" + token;
    }
  }

  /** The outcome of trying to take a lease: who holds it, and whether that is the caller now. */
  record Claim(Holder holder, boolean taken) {}

  /** Takes the lease when nobody holds it; either way answers who holds it now. */
  Future<Claim> acquire(String showId) {
    Holder mine = new Holder(nodeId, UUID.randomUUID().toString());
    return redis.send(Request.cmd(Command.SET).arg(keys.lease(showId)).arg(mine.value()).arg("NX").arg("PX").arg(millis))
        .compose(set -> set != null ? Future.succeededFuture(new Claim(mine, true)) : holder(showId).compose(holder ->
            // the holder's lease ran out between the two calls: try once more
            holder == null ? acquire(showId) : Future.succeededFuture(new Claim(holder, false))));
  }

  private Future<Holder> holder(String showId) {
    return redis.send(Request.cmd(Command.GET).arg(keys.lease(showId)))
        .map(value -> value == null ? null : Holder.parse(value.toString()));
  }

  /** Extends the lease; false when it is no longer held by {@code token}. */
  Future<Boolean> renew(String showId, String token) {
    return redis.send(RedisScripts.LEASE_RENEW.eval(keys.lease(showId)).arg(new Holder(nodeId, token).value()).arg(millis))
        .map(Lease::isOne);
  }

  Future<Void> release(String showId, String token) {
    return redis.send(RedisScripts.LEASE_RELEASE.eval(keys.lease(showId)).arg(new Holder(nodeId, token).value())).mapEmpty();
  }

  private static boolean isOne(Response response) {
    return response != null && response.toLong() == 1L;
  }
}
