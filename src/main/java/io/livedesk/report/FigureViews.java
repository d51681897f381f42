package io.livedesk.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.livedesk.json.Json;
import io.livedesk.show.Cue;
import io.livedesk.show.ItemState;
import io.livedesk.show.ShowState;

/** The figures as JSON, named as PROTOCOL.md §Report names them: the same names in ticks and in the report. */
public final class FigureViews {

  private FigureViews() {
  }

  /** The show's totals up to {@code now}. */
  public static ObjectNode totals(ShowState state, ShowFigures figures, long now) {
    ShowFigures.Counters c = figures.totals();
    long paidGmv = 0;
    long refund = 0;
    for (ItemState item : state.running()) {
      ShowFigures.Counters itemCounters = figures.itemCounters(item.id());
      paidGmv += ShowFigures.paidGmv(itemCounters, item);
      refund += item.refundCents();
    }
    long uv = figures.uv();
    long pv = figures.pv();
    ObjectNode node = Json.object();
    node.put("pv", pv);
    node.put("uv", uv);
    node.put("online", state.presence().online());
    node.put("peakOnline", state.presence().peak());
    if (state.presence().peak() > 0) {
      node.put("peakAt", state.presence().peakAt());
    } else {
      node.putNull("peakAt");
    }
    long until = state.endedAt() == null ? now : state.endedAt();
    if (uv == 0) {
      node.putNull("avgWatchSeconds");
    } else {
      node.put("avgWatchSeconds", figures.connectedMillis(until) / 1000.0 / uv);
    }
    node.put("newSubscribers", figures.newSubscribers());
    node.put("clicks", c.clicks());
    node.put("clickers", c.clickers());
    node.put("orders", c.orders());
    node.put("units", c.units());
    node.put("gmvCents", c.gmvCents());
    node.put("paidOrders", c.paidOrders());
    node.put("paidGmvCents", paidGmv);
    node.put("refundCents", refund);
    node.put("orderers", c.orderers());
    node.put("buyers", c.buyers());
    putRatio(node, "clickRate", c.clickers(), uv);
    putRatio(node, "orderConversion", c.orderers(), uv);
    putRatio(node, "clickConversion", c.clickersWhoOrdered(), c.clickers());
    putFen(node, "uvValueCents", paidGmv, uv);
    putFen(node, "gpmCents", paidGmv * 1000, pv);
    return node;
  }

  /** One item's figures; {@code airedSeconds} counts the running slot when the item is on air. */
  public static ObjectNode item(ShowState state, ShowFigures figures, ItemState item, long now) {
    ShowFigures.Counters c = figures.itemCounters(item.id());
    ObjectNode node = Json.object();
    node.put("id", item.id());
    node.put("name", item.spec().name());
    node.put("role", item.role().wire());
    node.put("plannedSeconds", item.spec().plannedSeconds());
    node.put("airedSeconds", airedSeconds(state, item, now));
    node.put("clicks", c.clicks());
    node.put("clickers", c.clickers());
    node.put("orders", c.orders());
    node.put("units", c.units());
    node.put("gmvCents", c.gmvCents());
    node.put("paidOrders", c.paidOrders());
    node.put("paidGmvCents", ShowFigures.paidGmv(c, item));
    node.put("refundCents", item.refundCents());
    node.put("orderers", c.orderers());
    node.put("buyers", c.buyers());
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
      node = item(state, figures, state.item(cue.itemId()), now);
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
