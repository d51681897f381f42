package io.livedesk.show;

import java.io.Serializable;

/** A group-deal step (阶梯团): once {@code minUnits} are sold the price falls to {@code priceCents}. */
public record Tier(long minUnits, long priceCents) implements Serializable {}
