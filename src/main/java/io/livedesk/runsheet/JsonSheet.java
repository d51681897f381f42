package io.livedesk.runsheet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.core.JsonParser;
import io.livedesk.json.Json;
import io.livedesk.runsheet.ItemFields.TierFields;
import io.livedesk.show.Faq;
import io.livedesk.show.RunSheet;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The JSON form of a run-sheet: {"opening", "closing", "items": [ITEM, …]} as docs/protocol.md §Run-sheet. */
final class JsonSheet {

  private static final JsonMapper MAPPER = JsonMapper.builder(Json.boundedFactory())
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      // keeps "1e3" as written in the problem message instead of 1000.0
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .build();
  private static final Set<String> TOP_FIELDS = Set.of("opening", "closing", "items", "faq");
  private static final Set<String> TEXT_FIELDS = Set.of("role", "id", "name", "script", "link", "imageUrl");
  private static final Set<String> NUMBER_FIELDS = Set.of("listPriceCents", "livePriceCents", "floorPriceCents",
      "stock", "limitPerViewer", "plannedSeconds", "winners");

  private final Problems problems = new Problems();
  private final Set<String> ignored = new LinkedHashSet<>();

  private JsonSheet() {
  }

  static ImportResult read(String text) {
    return new JsonSheet().parse(text);
  }

  private ImportResult parse(String text) {
    JsonNode root = tree(text);
    if (root == null || !root.isObject()) {
      throw Problems.single(null, null, "a run-sheet is a JSON object with opening, closing and items");
    }
    SheetAssembly sheet = new SheetAssembly(SheetFormat.JSON, problems);
    segment(sheet, root, "opening");
    segment(sheet, root, "closing");
    if (root.has("faq")) {
      sheet.faq(faq(root.get("faq"), null));
    }
    root.fieldNames().forEachRemaining(name -> {
      if (!TOP_FIELDS.contains(name)) {
        ignored.add(name);
      }
    });
    JsonNode items = root.path("items");
    if (!items.isMissingNode() && !items.isNull() && !items.isArray()) {
      problems.add(null, "items", "items must be a list of items");
    } else {
      for (int i = 0; i < items.size(); i++) {
        JsonNode item = items.get(i);
        if (item.isObject()) {
          sheet.item(item(item, i + 1), item.has("faq") ? faq(item.get("faq"), i + 1) : null);
        } else {
          problems.add(i + 1, null, "an item must be a JSON object");
        }
      }
    }
    RunSheet runSheet = sheet.finish();
    List<String> warnings = ignored.isEmpty()
        ? List.of()
        : List.of("unknown fields were ignored: " + String.join(", ", ignored));
    return new ImportResult(runSheet, warnings);
  }

  /** The parsed sheet; a number too long is refused while its digits are counted, before it becomes a number. */
  private static JsonNode tree(String text) {
    try (JsonParser parser = MAPPER.createParser(text)) {
      try {
        return MAPPER.readTree(parser);
      } catch (StreamConstraintsException e) {
        throw Problems.single(parser.currentLocation().getLineNr(), parser.currentName(),
            Json.overLimitMessage() + "; no number on a run-sheet has more than " + ItemRules.MAX_DIGITS + " digits");
      }
    } catch (JsonProcessingException e) {
      throw Problems.single(e.getLocation() == null ? null : e.getLocation().getLineNr(), null,
          "malformed JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw Problems.single(null, null, "malformed JSON: " + e.getMessage());
    }
  }

  private void segment(SheetAssembly sheet, JsonNode root, String name) {
    JsonNode node = root.path(name);
    if (node.isTextual()) {
      sheet.segment(name, null, name, node.textValue());
    } else if (!node.isMissingNode() && !node.isNull()) {
      problems.add(null, name, name + " must be a string");
    }
  }

  private ItemFields item(JsonNode item, int line) {
    Map<String, String> values = new HashMap<>();
    Set<String> unreadable = new LinkedHashSet<>();
    List<String> sellingPoints = List.of();
    List<TierFields> tiers = List.of();
    for (Iterator<Map.Entry<String, JsonNode>> it = item.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      String name = entry.getKey();
      JsonNode value = entry.getValue();
      if (value.isNull()) {
        continue;
      }
      if (TEXT_FIELDS.contains(name)) {
        if (value.isTextual()) {
          values.put(name, value.textValue());
        } else {
          problems.add(line, name, name + " must be a string");
          unreadable.add(name);
        }
      } else if (NUMBER_FIELDS.contains(name)) {
        String number = number(value);
        if (number == null) {
          problems.add(line, name, name + " must be a number");
          unreadable.add(name);
        } else {
          values.put(name, number);
        }
      } else if (name.equals("sellingPoints")) {
        sellingPoints = sellingPoints(value, line, unreadable);
      } else if (name.equals("tiers")) {
        tiers = tiers(value, line, unreadable);
      } else if (!name.equals("faq")) {
        ignored.add(name);
      }
    }
    return new ItemFields(line, values, unreadable, sellingPoints, tiers);
  }

  /** Ready answers ({@link FaqEntries}); null when there are none or they have problems (reported). */
  private List<Faq> faq(JsonNode value, Integer line) {
    if (value.isNull()) {
      return null;
    }
    if (!value.isArray() || value.size() > Faq.MAX_ENTRIES) {
      problems.add(line, "faq", FaqEntries.JSON_SHAPE);
      return null;
    }
    List<Faq> entries = new ArrayList<>();
    for (JsonNode entry : value) {
      List<String> words = new ArrayList<>();
      boolean readable = entry.path("keywords").isArray() && entry.path("answer").isTextual();
      for (JsonNode keyword : entry.path("keywords")) {
        readable &= keyword.isTextual();
        words.add(keyword.asText());
      }
      Faq faq = readable ? FaqEntries.entry(words, entry.path("answer").textValue()) : null;
      if (faq == null) {
        problems.add(line, "faq", FaqEntries.JSON_SHAPE);
        return null;
      }
      entries.add(faq);
    }
    return entries;
  }

  /** The number as written; digits in a string are taken too, the rules decide what is a whole number. */
  private static String number(JsonNode value) {
    if (value.isNumber()) {
      return value.asText();
    }
    return value.isTextual() ? value.textValue() : null;
  }

  private List<String> sellingPoints(JsonNode value, int line, Set<String> unreadable) {
    boolean readable = value.isArray();
    List<String> points = new ArrayList<>();
    for (JsonNode point : value) {
      readable &= point.isTextual();
      if (readable && !point.textValue().isBlank()) {
        points.add(point.textValue().trim());
      }
    }
    if (!readable) {
      problems.add(line, "sellingPoints", "sellingPoints must be a list of strings");
      unreadable.add("sellingPoints");
      return List.of();
    }
    return points;
  }

  private List<TierFields> tiers(JsonNode value, int line, Set<String> unreadable) {
    List<TierFields> tiers = new ArrayList<>();
    boolean readable = value.isArray();
    for (JsonNode step : value) {
      readable &= step.isObject();
      if (!readable) {
        break;
      }
      tiers.add(new TierFields(tierNumber(step, "minUnits"), tierNumber(step, "priceCents")));
    }
    if (!readable) {
      problems.add(line, "tiers", "tiers must be a list of {\"minUnits\": 100, \"priceCents\": 44900}");
      unreadable.add("tiers");
      return List.of();
    }
    return tiers;
  }

  /** The text of a step's number, or null when missing; anything else becomes text the rules will refuse. */
  private static String tierNumber(JsonNode step, String name) {
    JsonNode value = step.path(name);
    if (value.isMissingNode() || value.isNull()) {
      return null;
    }
    String number = number(value);
    return number == null ? value.toString() : number;
  }
}
