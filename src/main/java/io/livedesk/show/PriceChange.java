package io.livedesk.show;

import java.io.Serializable;

/** One price change as the audit keeps it: when, from what, to what, and who. */
public record PriceChange(long seq, long ts, String itemId, long fromCents, long toCents, boolean revert,
    boolean confirmed, Actor by) implements Serializable {}
