package io.livedesk.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.livedesk.json.Json;
import io.livedesk.show.PriceChange;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The review (复盘) of a show as docs/protocol.md §Report shapes it, with the cue changes added for the time
 * axis. It is built from {@link ReportFacts}, which the show's context copies from the state and the
 * figures as they stand: its cost follows the items, price changes, lotteries and minutes of the show,
 * never the number of its events, and it runs on whatever thread holds the facts. The show, its lotteries
 * and its timeline are the facts' records as they stand, component by component in their order; a time or
 * text not known yet is JSON null ({@code ObjectNode.put} writes null for a null {@code Long} or
 * {@code String}, and those records are written with their nulls).
 */
public final class ShowReport {

  private ShowReport() {
  }

  /**
   * The report of facts taken on the show's context ({@link ReportFacts#of}); an ended show's is as of its end.
   */
  public static ObjectNode build(ReportFacts facts) {
    ObjectNode report = Json.object();
    report.set("show", Json.MAPPER.valueToTree(facts.show()));
    ObjectNode totals = FigureViews.totals(facts.totals());
    totals.put("discountCents", facts.promotions().discountCents());
    totals.put("comments", facts.comments().comments());
    totals.put("commenters", facts.comments().commenters());
    FigureViews.putRatio(totals, "interactionRate", facts.comments().commenters(), facts.totals().uv());
    report.set("totals", totals);
    report.set("funnel", FigureViews.funnel(facts.totals()));
    report.set("items", items(facts));
    report.set("lotteries", Json.MAPPER.valueToTree(facts.lotteries()));
    report.set("timeline", Json.MAPPER.valueToTree(facts.timeline()));
    report.set("cues", cues(facts));
    report.set("flashes", facts.promotions().flashesJson());
    report.set("coupons", facts.promotions().couponsJson());
    report.set("topQuestions", Json.MAPPER.valueToTree(facts.comments().topQuestions()));
    return report;
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
        c.put("byName", change.by().displayName());
        c.put("seq", change.seq());
        c.put("revert", change.revert());
        c.put("confirmed", change.confirmed());
      }
      out.add(node);
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
