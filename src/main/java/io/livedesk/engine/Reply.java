package io.livedesk.engine;

import java.util.Map;

/** The answer to an accepted command: the show's seq once its events are durable, and the result. */
public record Reply(long seq, Map<String, Object> result) {}
