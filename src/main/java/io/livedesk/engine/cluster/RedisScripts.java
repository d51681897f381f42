package io.livedesk.engine.cluster;

import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The Lua scripts under {@code redis/}, each run atomically by Redis. */
enum RedisScripts {
  LEASE_RENEW("lease-renew.lua"),
  LEASE_RELEASE("lease-release.lua"),
  STREAM_PUBLISH("stream-publish.lua");

  private final String source;

  RedisScripts(String file) {
    try (InputStream in = RedisScripts.class.getResourceAsStream("/redis/" + file)) {
      if (in == null) {
        throw new IllegalStateException("redis/" + file + " is missing from the classpath");
      }
      source = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** EVAL of the script with one key; arguments are added by the caller. */
  Request eval(String key) {
    return Request.cmd(Command.EVAL).arg(source).arg(1).arg(key);
  }
}
