package io.livedesk.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.livedesk.json.Json;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The studio's view across shows (docs/design.md §Show over show), read from reports built by
 * {@link ShowReport}: a show's line, its standing against the previous show and the studio's median, and
 * the history of each item over ended shows. Rehearsals are listed but never compared with nor counted.
 */
public final class ShowOverShow {

  /** The headline figures a show is compared on, all from the report's totals. */
  public static final List<String> HEADLINE = List.of("pv", "uv", "peakOnline", "avgWatchSeconds",
      "newSubscribers", "reservations", "orders", "units", "gmvCents", "paidGmvCents", "buyers",
      "orderConversion", "clickConversion", "uvValueCents", "gpmCents");
  /** Figures that are fractions (rates, seconds on average): their median is not rounded. */
  private static final List<String> FRACTIONS = List.of("avgWatchSeconds", "orderConversion", "clickConversion");

  private ShowOverShow() {
  }

  /** A show's line in the studio: who it is, when, and its report's totals. */
  public static ObjectNode line(JsonNode report) {
    JsonNode show = report.get("show");
    ObjectNode line = Json.object();
    for (String field : List.of("id", "title", "status", "rehearsal", "plannedStartAt", "plannedMinutes",
        "startedAt", "endedAt", "airedSeconds")) {
      line.set(field, show.get(field));
    }
    line.set("totals", report.get("totals"));
    return line;
  }

  /** Whether a report counts for the studio's comparisons: an ended show, not a rehearsal. */
  public static boolean compared(JsonNode report) {
    JsonNode show = report.get("show");
    return "ended".equals(show.path("status").asText()) && !show.path("rehearsal").asBoolean();
  }

  /**
   * Where {@code report} stands: {@code previous}, the line of the compared show that started last before it
   * (null when none), and {@code median}, each headline figure's median over the other compared shows.
   */
  public static ObjectNode standing(JsonNode report, List<? extends JsonNode> studio) {
    String id = report.at("/show/id").asText();
    JsonNode startedAt = report.at("/show/startedAt");
    long before = startedAt.isNumber() ? startedAt.asLong() : Long.MAX_VALUE;
    List<JsonNode> others = new ArrayList<>();
    JsonNode previous = null;
    for (JsonNode other : studio) {
      if (!compared(other) || other.at("/show/id").asText().equals(id)) {
        continue;
      }
      others.add(other);
      long started = other.at("/show/startedAt").asLong();
      if (started < before && (previous == null || started > previous.at("/show/startedAt").asLong())) {
        previous = other;
      }
    }
    ObjectNode standing = Json.object();
    standing.set("previous", previous == null ? null : line(previous));
    ObjectNode median = standing.putObject("median");
    for (String figure : HEADLINE) {
      median.set(figure, median(figure, others));
    }
    standing.put("shows", others.size());
    return standing;
  }

  /**
   * The median of a figure over the reports that have it (not null): the middle value, or between the two
   * middle ones the mean, rounded down to a whole number for counts and fen; null when no report has it.
   */
  static JsonNode median(String figure, List<? extends JsonNode> reports) {
    List<Double> values = new ArrayList<>();
    for (JsonNode report : reports) {
      JsonNode value = report.path("totals").path(figure);
      if (value.isNumber()) {
        values.add(value.asDouble());
      }
    }
    if (values.isEmpty()) {
      return Json.MAPPER.nullNode();
    }
    values.sort(Comparator.naturalOrder());
    int middle = values.size() / 2;
    double median = values.size() % 2 == 1 ? values.get(middle) : (values.get(middle - 1) + values.get(middle)) / 2;
    return FRACTIONS.contains(figure) ? Json.MAPPER.getNodeFactory().numberNode(median)
        : Json.MAPPER.getNodeFactory().numberNode((long) Math.floor(median));
  }

  /** One item over the compared shows, summed as it goes. */
  private static final class ItemHistory {
    final String id;
    String name;
    long shows;
    long airedSeconds;
    long units;
    long gmvCents;
    long paidGmvCents;
    long clickers;
    long clickersWhoOrdered;

    ItemHistory(String id) {
      this.id = id;
    }
  }

  /**
   * Each item id over the compared shows (reports newest first) in which it aired or sold, by paid GMV, largest first: how often,
   * how long, units, GMV and paid GMV summed, GMV per minute on air and click conversion over the sums.
   */
  public static ArrayNode items(List<? extends JsonNode> reports) {
    Map<String, ItemHistory> byId = new LinkedHashMap<>();
    for (JsonNode report : reports) {
      if (!compared(report)) {
        continue;
      }
      for (JsonNode item : report.path("items")) {
        long aired = item.path("airedSeconds").asLong();
        if (aired == 0 && item.path("orders").asLong() == 0) {
          continue;
        }
        ItemHistory history = byId.computeIfAbsent(item.path("id").asText(), ItemHistory::new);
        if (history.name == null) {
          // reports come newest first: the item is named as it was last sold
          history.name = item.path("name").asText();
        }
        history.shows++;
        history.airedSeconds += aired;
        history.units += item.path("units").asLong();
        history.gmvCents += item.path("gmvCents").asLong();
        history.paidGmvCents += item.path("paidGmvCents").asLong();
        long clickers = item.path("clickers").asLong();
        history.clickers += clickers;
        // the report's conversion is an exact fraction of two whole numbers: this gives its numerator back
        history.clickersWhoOrdered += Math.round(item.path("clickConversion").asDouble(0) * clickers);
      }
    }
    ArrayNode out = Json.array();
    byId.values().stream().sorted(Comparator.comparingLong((ItemHistory h) -> -h.paidGmvCents)
        .thenComparing(h -> h.id)).forEach(history -> {
          ObjectNode node = out.addObject();
          node.put("id", history.id);
          node.put("name", history.name);
          node.put("shows", history.shows);
          node.put("airedSeconds", history.airedSeconds);
          node.put("units", history.units);
          node.put("gmvCents", history.gmvCents);
          node.put("paidGmvCents", history.paidGmvCents);
          FigureViews.putFen(node, "gmvPerMinuteCents", history.gmvCents * 60, history.airedSeconds);
          FigureViews.putRatio(node, "clickConversion", history.clickersWhoOrdered, history.clickers);
        });
    return out;
  }
}
