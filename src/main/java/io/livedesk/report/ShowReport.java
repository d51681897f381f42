package io.livedesk.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.livedesk.json.Json;
import io.livedesk.show.ItemState;
import io.livedesk.show.LotteryState;
import io.livedesk.show.PriceChange;
import io.livedesk.show.ShowState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The review (复盘) of a show as PROTOCOL.md §Report shapes it, with the cue changes added for the time
 * axis. It reads the state and the figures as they stand: its cost follows the items, price changes,
 * lotteries and minutes of the show, never the number of its events.
 */
public final class ShowReport {

  private ShowReport() {
  }

  /** The report as of {@code now}; an ended show's report is as of its end, whatever {@code now} is. */
  public static ObjectNode build(ShowState state, ShowFigures figures, long now) {
    long asOf = state.endedAt() != null ? state.endedAt() : now;
    ObjectNode report = Json.object();
    report.set("show", show(state, asOf));
    report.set("totals", FigureViews.totals(state, figures, asOf));
    report.set("items", items(state, figures, asOf));
    report.set("lotteries", lotteries(state));
    report.set("timeline", timeline(state, figures, asOf));
    report.set("cues", cues(state, figures));
    return report;
  }

  private static ObjectNode show(ShowState state, long asOf) {
    ObjectNode node = Json.object();
    node.put("id", state.id());
    node.put("title", state.meta().title());
    node.put("status", state.status().wire());
    node.put("rehearsal", state.meta().rehearsal());
    putNullable(node, "plannedStartAt", state.meta().plannedStartAt());
    node.put("plannedMinutes", state.meta().plannedMinutes());
    putNullable(node, "startedAt", state.startedAt());
    putNullable(node, "endedAt", state.endedAt());
    node.put("asOf", asOf);
    node.put("seq", state.seq());
    Long startedAt = state.startedAt();
    node.put("airedSeconds", startedAt == null ? 0 : Math.max(0, (asOf - startedAt) / 1000));
    long planned = 0;
    for (ItemState item : state.running()) {
      planned += item.spec().plannedSeconds();
    }
    node.put("plannedSeconds", planned);
    return node;
  }

  /** Every item of the running order, its figures and the price changes made to it. */
  private static ArrayNode items(ShowState state, ShowFigures figures, long asOf) {
    Map<String, List<PriceChange>> changesByItem = new HashMap<>();
    for (PriceChange change : state.priceChanges()) {
      changesByItem.computeIfAbsent(change.itemId(), id -> new ArrayList<>()).add(change);
    }
    ArrayNode out = Json.array();
    for (ItemState item : state.running()) {
      ObjectNode node = FigureViews.item(state, figures, item, asOf);
      node.put("listPriceCents", item.spec().listPriceCents());
      node.put("priceCents", item.currentPriceCents());
      ArrayNode changes = node.putArray("priceChanges");
      for (PriceChange change : changesByItem.getOrDefault(item.id(), List.of())) {
        ObjectNode c = changes.addObject();
        c.put("ts", change.ts());
        c.put("from", change.fromCents());
        c.put("to", change.toCents());
        c.put("by", change.by().role().wire());
        c.put("seq", change.seq());
        c.put("revert", change.revert());
        c.put("confirmed", change.confirmed());
      }
      out.add(node);
    }
    return out;
  }

  /** Lotteries with what their proof holds so far: the seed only once drawn, the hash once closed. */
  private static ArrayNode lotteries(ShowState state) {
    ArrayNode out = Json.array();
    for (LotteryState lottery : state.lotteries()) {
      boolean drawn = lottery.phase() == LotteryState.Phase.DRAWN;
      ObjectNode node = out.addObject();
      node.put("lotteryId", lottery.id());
      node.put("itemId", lottery.itemId());
      node.put("phase", lottery.phase().name().toLowerCase(Locale.ROOT));
      node.put("entrants", lottery.entrantCount());
      if (drawn) {
        node.set("winners", Json.tree(lottery.winners()));
      } else {
        node.putNull("winners");
      }
      node.put("winnersCount", lottery.winnersWanted());
      node.put("commitment", lottery.commitment());
      if (drawn) {
        node.put("seed", lottery.seed());
      } else {
        node.putNull("seed");
      }
      if (lottery.entrantsHash() != null) {
        node.put("entrantsHash", lottery.entrantsHash());
      } else {
        node.putNull("entrantsHash");
      }
      node.put("openedAt", lottery.openedAt());
      putNullable(node, "closedAt", lottery.closedAt());
      putNullable(node, "drawnAt", lottery.drawnAt());
    }
    return out;
  }

  /** One point per minute from the start to the end (or {@code asOf}), quiet minutes included. */
  private static ArrayNode timeline(ShowState state, ShowFigures figures, long asOf) {
    ArrayNode out = Json.array();
    if (state.startedAt() == null) {
      return out;
    }
    long until = state.endedAt() == null ? asOf : ShowFigures.lastInstant(state.startedAt(), state.endedAt());
    for (ShowFigures.Minute minute : figures.minutesUntil(state.startedAt(), until)) {
      ObjectNode node = out.addObject();
      node.put("minute", minute.index());
      node.put("online", minute.online());
      node.put("peakOnline", minute.peakOnline());
      node.put("pv", minute.pv());
      node.put("orders", minute.orders());
      node.put("gmvCents", minute.gmvCents());
    }
    return out;
  }

  /** When the cue moved, and where to: the item changes the review marks on its time axis. */
  private static ArrayNode cues(ShowState state, ShowFigures figures) {
    ArrayNode out = Json.array();
    Long startedAt = state.startedAt();
    for (ShowFigures.CueMark cue : figures.cues()) {
      ObjectNode node = out.addObject();
      node.put("ts", cue.ts());
      if (startedAt != null) {
        node.put("minute", Math.max(0, (cue.ts() - startedAt) / 60_000));
      }
      if (cue.itemId() != null) {
        node.put("itemId", cue.itemId());
      } else {
        node.put("segment", cue.segment());
      }
    }
    return out;
  }

  private static void putNullable(ObjectNode node, String field, Long value) {
    if (value == null) {
      node.putNull(field);
    } else {
      node.put(field, value);
    }
  }
}
