package io.livedesk.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.livedesk.json.Json;
import io.livedesk.show.PriceChange;
import io.livedesk.show.ShowState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The review (复盘) of a show as docs/protocol.md §Report shapes it, with the cue changes added for the time
 * axis. It is built from {@link ReportFacts}, which the show's context copies from the state and the
 * figures as they stand: its cost follows the items, price changes, lotteries and minutes of the show,
 * never the number of its events, and it runs on whatever thread holds the facts. A time or text not
 * known yet is JSON null ({@code ObjectNode.put} writes null for a null {@code Long} or {@code String}).
 */
public final class ShowReport {

  private ShowReport() {
  }

  /** The report as of {@code now}, facts and build on the caller's thread (the show's context). */
  public static ObjectNode build(ShowState state, ShowFigures figures, long now) {
    return build(ReportFacts.of(state, figures, now));
  }

  /** The report of facts taken on the show's context; an ended show's is as of its end. */
  public static ObjectNode build(ReportFacts facts) {
    ObjectNode report = Json.object();
    report.set("show", show(facts.show()));
    report.set("totals", FigureViews.totals(facts.totals()));
    report.set("funnel", FigureViews.funnel(facts.totals()));
    report.set("items", items(facts));
    report.set("lotteries", lotteries(facts.lotteries()));
    report.set("timeline", timeline(facts.timeline()));
    report.set("cues", cues(facts));
    return report;
  }

  private static ObjectNode show(ReportFacts.Show show) {
    ObjectNode node = Json.object();
    node.put("id", show.id());
    node.put("title", show.title());
    node.put("status", show.status().wire());
    node.put("rehearsal", show.rehearsal());
    node.put("plannedStartAt", show.plannedStartAt());
    node.put("plannedMinutes", show.plannedMinutes());
    node.put("startedAt", show.startedAt());
    node.put("endedAt", show.endedAt());
    node.put("asOf", show.asOf());
    node.put("seq", show.seq());
    Long startedAt = show.startedAt();
    node.put("airedSeconds", startedAt == null ? 0 : Math.max(0, (show.asOf() - startedAt) / 1000));
    node.put("plannedSeconds", show.plannedSeconds());
    return node;
  }

  /** Every item of the running order, its figures and the price changes made to it. */
  private static ArrayNode items(ReportFacts facts) {
    Map<String, List<PriceChange>> changesByItem = new HashMap<>();
    for (PriceChange change : facts.priceChanges()) {
      changesByItem.computeIfAbsent(change.itemId(), id -> new ArrayList<>()).add(change);
    }
    ArrayNode out = Json.array();
    for (ReportFacts.Item item : facts.items()) {
      ObjectNode node = FigureViews.item(item.figures());
      node.put("listPriceCents", item.listPriceCents());
      node.put("priceCents", item.priceCents());
      ArrayNode changes = node.putArray("priceChanges");
      for (PriceChange change : changesByItem.getOrDefault(item.figures().id(), List.of())) {
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
  private static ArrayNode lotteries(List<ReportFacts.Lottery> lotteries) {
    ArrayNode out = Json.array();
    for (ReportFacts.Lottery lottery : lotteries) {
      ObjectNode node = out.addObject();
      node.put("lotteryId", lottery.lotteryId());
      node.put("itemId", lottery.itemId());
      node.put("phase", lottery.phase());
      node.put("entrants", lottery.entrants());
      if (lottery.winners() != null) {
        node.set("winners", Json.tree(lottery.winners()));
      } else {
        node.putNull("winners");
      }
      node.put("winnersCount", lottery.winnersCount());
      node.put("commitment", lottery.commitment());
      node.put("seed", lottery.seed());
      node.put("entrantsHash", lottery.entrantsHash());
      node.put("openedAt", lottery.openedAt());
      node.put("closedAt", lottery.closedAt());
      node.put("drawnAt", lottery.drawnAt());
    }
    return out;
  }

  /** One point per minute from the start to the end (or {@code asOf}), quiet minutes included. */
  private static ArrayNode timeline(List<ReportFacts.Point> points) {
    ArrayNode out = Json.array();
    for (ReportFacts.Point point : points) {
      ObjectNode node = out.addObject();
      node.put("minute", point.minute());
      node.put("online", point.online());
      node.put("peakOnline", point.peakOnline());
      node.put("pv", point.pv());
      node.put("orders", point.orders());
      node.put("gmvCents", point.gmvCents());
    }
    return out;
  }

  /** When the cue moved, and where to: the item changes the review marks on its time axis. */
  private static ArrayNode cues(ReportFacts facts) {
    ArrayNode out = Json.array();
    Long startedAt = facts.show().startedAt();
    for (ShowFigures.CueMark cue : facts.cues()) {
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
}
