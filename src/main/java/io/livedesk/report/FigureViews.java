package io.livedesk.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.livedesk.json.Json;
import io.livedesk.show.Cue;
import io.livedesk.show.ItemState;
import io.livedesk.show.ShowState;

/** The figures as JSON, named as docs/protocol.md §Report names them: the same names in ticks and in the report. */
public final class FigureViews {

  private FigureViews() {
  }

  /** The show's totals up to {@code now}. */
  public static ObjectNode totals(ShowState state, ShowFigures figures, long now) {
    return totals(Totals.of(state, figures, now));
  }

  /** Totals read earlier on the show's context, rendered on any thread. */
  public static ObjectNode totals(Totals totals) {
    Tally c = totals.tally();
    long uv = totals.uv();
    long pv = totals.pv();
    ObjectNode node = Json.object();
    node.put("pv", pv);
    node.put("uv", uv);
    node.put("online", totals.online());
    node.put("peakOnline", totals.peakOnline());
    if (totals.peakOnline() > 0) {
      node.put("peakAt", totals.peakAt());
    } else {
      node.putNull("peakAt");
    }
    if (uv == 0) {
      node.putNull("avgWatchSeconds");
    } else {
      node.put("avgWatchSeconds", totals.connectedMillis() / 1000.0 / uv);
    }
    node.put("newSubscribers", totals.newSubscribers());
    putTally(node, c);
    putRatio(node, "clickRate", c.clickers(), uv);
    putRatio(node, "orderConversion", c.orderers(), uv);
    putRatio(node, "clickConversion", c.clickersWhoOrdered(), c.clickers());
    putFen(node, "uvValueCents", c.paidGmvCents(), uv);
    putFen(node, "gpmCents", c.paidGmvCents() * 1000, pv);
    node.put("reservations", totals.reservations().reserved());
    node.put("reservedAttended", totals.reservations().attended());
    return node;
  }

  /** The reserved viewers' funnel: reserved → attended → clicked → ordered → paid, each a count of viewers. */
  public static ObjectNode funnel(Totals totals) {
    ObjectNode node = Json.object();
    node.put("reserved", totals.reservations().reserved());
    node.put("attended", totals.reservations().attended());
    node.put("clicked", totals.reservations().clicked());
    node.put("ordered", totals.reservations().ordered());
    node.put("paid", totals.reservations().paid());
    return node;
  }

  /** One item's figures, read earlier on the show's context, rendered on any thread. */
  public static ObjectNode item(ItemFigures item) {
    Tally c = item.tally();
    ObjectNode node = Json.object();
    node.put("id", item.id());
    node.put("name", item.name());
    node.put("role", item.role());
    node.put("plannedSeconds", item.plannedSeconds());
    node.put("airedSeconds", item.airedSeconds());
    putTally(node, c);
    putRatio(node, "clickConversion", c.clickersWhoOrdered(), c.clickers());
    return node;
  }

  /** The on-air item's figures and how long it has been on air, or null when no item is cued. */
  public static ObjectNode current(ShowState state, ShowFigures figures, long now) {
    Cue cue = state.cue();
    if (cue == null) {
      return null;
    }
    ObjectNode node;
    if (cue.isItem()) {
      node = item(ItemFigures.of(state, figures, state.item(cue.itemId()), now));
    } else {
      node = Json.object();
      node.put("segment", cue.segment());
    }
    node.put("since", cue.since());
    node.put("onAirSeconds", Math.max(0, (now - cue.since()) / 1000));
    return node;
  }

  /** Whole seconds an item has been on air, its running slot included. */
  public static long airedSeconds(ShowState state, ItemState item, long now) {
    long millis = item.airedMillis();
    Cue cue = state.cue();
    if (cue != null && item.id().equals(cue.itemId())) {
      millis += Math.max(0, now - cue.since());
    }
    return millis / 1000;
  }

  /** Figures for a tick or a snapshot: the totals, the current item, and the show's time on air vs planned. */
  public static ObjectNode live(ShowState state, ShowFigures figures, long now) {
    ObjectNode node = totals(state, figures, now);
    node.set("current", current(state, figures, now));
    Long startedAt = state.startedAt();
    long until = state.endedAt() == null ? now : state.endedAt();
    node.put("showSeconds", startedAt == null ? 0 : Math.max(0, (until - startedAt) / 1000));
    node.put("plannedShowSeconds", state.meta().plannedMinutes() * 60L);
    return node;
  }

  /** The counts a tally keeps, the same names for the show and for an item. */
  private static void putTally(ObjectNode node, Tally c) {
    node.put("clicks", c.clicks());
    node.put("clickers", c.clickers());
    node.put("orders", c.orders());
    node.put("units", c.units());
    node.put("gmvCents", c.gmvCents());
    node.put("paidOrders", c.paidOrders());
    node.put("paidGmvCents", c.paidGmvCents());
    node.put("refundCents", c.refundCents());
    node.put("orderers", c.orderers());
    node.put("buyers", c.buyers());
  }

  /** Money per viewer in whole fen, rounded down (floor): money is never a fraction; null when nobody watched. */
  static void putFen(ObjectNode node, String field, long cents, long denominator) {
    if (denominator == 0) {
      node.putNull(field);
    } else {
      node.put(field, Math.floorDiv(cents, denominator));
    }
  }

  static void putRatio(ObjectNode node, String field, long numerator, long denominator) {
    if (denominator == 0) {
      node.putNull(field);
    } else {
      node.put(field, (double) numerator / denominator);
    }
  }
}
