package io.livedesk.runsheet;

import io.livedesk.runsheet.ItemFields.TierFields;
import io.livedesk.show.Fen;
import io.livedesk.show.ItemRole;
import io.livedesk.show.ItemSpec;
import io.livedesk.show.ShowRules;
import io.livedesk.show.Tier;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** The rules every run-sheet item obeys whichever form it came in; each broken rule is one problem. */
final class ItemRules {

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]+");
  private static final Pattern WHOLE = Pattern.compile("-?[0-9]+");
  private static final Pattern WEB_ADDRESS = Pattern.compile("(?i)https?://\\S+");
  private static final long MAX_CENTS = ShowRules.MAX_PRICE_CENTS;
  private static final long MAX_UNITS = ShowRules.MAX_STOCK;
  private static final long MAX_SECONDS = 86_400;
  private static final int MAX_WINNERS = ShowRules.MAX_WINNERS;
  /** Longer than any number a rule allows: refused before a big number is ever made of it. */
  static final int MAX_DIGITS = 19;
  /** A problem quotes at most this much of what was written. */
  private static final int MAX_QUOTED = 40;

  private final ItemFields fields;
  private final SheetFormat format;
  private final Problems problems;
  private final Map<String, Integer> firstLineById;
  private final int line;

  private ItemRules(ItemFields fields, SheetFormat format, Problems problems, Map<String, Integer> firstLineById) {
    this.fields = fields;
    this.format = format;
    this.problems = problems;
    this.firstLineById = firstLineById;
    this.line = fields.line();
  }

  /**
   * The item, or null when it broke a rule (each reported to problems).
   *
   * @param firstLineById ids seen so far with where they were first used; this item's id is added
   */
  static ItemSpec check(ItemFields fields, SheetFormat format, Problems problems, Map<String, Integer> firstLineById) {
    return new ItemRules(fields, format, problems, firstLineById).check();
  }

  private ItemSpec check() {
    int before = problems.size();
    ItemRole role = role();
    boolean sold = role == ItemRole.MAIN || role == ItemRole.BACKUP;
    String id = id();
    String name = text("name", RunSheetImport.MAX_NAME_LENGTH, true);
    // prizes are given away, so a lottery item may leave prices and stock out
    Long list = whole("listPriceCents", sold ? null : 0L, sold ? 1 : 0, MAX_CENTS, true);
    Long live = whole("livePriceCents", sold ? null : 0L, sold ? 1 : 0, MAX_CENTS, true);
    Long floor = optionalWhole("floorPriceCents", 0, MAX_CENTS, true);
    if (list != null && live != null && live > list) {
      problems.add(line, "livePriceCents", "livePriceCents " + money(live) + " is above listPriceCents " + money(list));
    }
    if (floor != null && live != null && floor > live) {
      problems.add(line, "floorPriceCents",
          "floorPriceCents " + money(floor) + " is above livePriceCents " + money(live));
    }
    Long stock = whole("stock", sold ? null : 0L, 0, MAX_UNITS, false);
    Long limit = optionalWhole("limitPerViewer", 1, Integer.MAX_VALUE, false);
    long defaultSeconds = role == ItemRole.MAIN ? ItemSpec.DEFAULT_MAIN_SECONDS : 0;
    Long planned = whole("plannedSeconds", defaultSeconds, 0, MAX_SECONDS, false);
    List<String> sellingPoints = sellingPoints();
    String script = text("script", RunSheetImport.MAX_SCRIPT_LENGTH, false);
    List<Tier> tiers = tiers(live);
    int winners = winners(role);
    String link = webAddress("link");
    String imageUrl = webAddress("imageUrl");
    // a field the reader could not read was reported before these rules ran, and its value is missing
    if (problems.size() > before || !fields.unreadable().isEmpty()) {
      return null;
    }
    return new ItemSpec(id, role, name, list, live, floor, stock, limit == null ? null : limit.intValue(),
        planned, script, sellingPoints, link, imageUrl, tiers, winners);
  }

  private ItemRole role() {
    if (reported("role")) {
      return null;
    }
    String text = fields.text("role");
    if (text == null) {
      problems.add(line, "role", "role is required: " + format.roles());
      return null;
    }
    ItemRole role = ItemRole.fromWire(text.trim().toLowerCase(Locale.ROOT));
    if (role == null) {
      problems.add(line, "role", "role must be " + format.roles() + ", got " + quoted(text.trim()));
    }
    return role;
  }

  private String id() {
    if (reported("id")) {
      return null;
    }
    String id = fields.text("id");
    if (id == null) {
      problems.add(line, "id", "id is required");
      return null;
    }
    id = id.trim();
    if (id.length() > RunSheetImport.MAX_ID_LENGTH) {
      problems.add(line, "id", "id is longer than " + RunSheetImport.MAX_ID_LENGTH + " characters");
      return null;
    }
    if (!ID.matcher(id).matches()) {
      problems.add(line, "id", "id may hold only letters A-Z a-z, digits and . _ -, got \"" + id + "\"");
      return null;
    }
    Integer first = firstLineById.putIfAbsent(id, line);
    if (first != null) {
      problems.add(line, "id", "id " + id + " is already used on " + format.place(first));
    }
    return id;
  }

  /** Trimmed text, except a script which is kept exactly as the producer wrote it. */
  private String text(String field, int maxLength, boolean required) {
    if (reported(field)) {
      return null;
    }
    String text = fields.text(field);
    String value = text == null || field.equals("script") ? text : text.trim();
    // control characters are not blank to isBlank but trim leaves nothing of them: a name of "\u0000" is no name
    if (value == null || value.isEmpty()) {
      if (required) {
        problems.add(line, field, field + " is required");
      }
      return null;
    }
    if (value.codePointCount(0, value.length()) > maxLength) {
      problems.add(line, field, field + " is longer than " + maxLength + " characters");
    }
    return value;
  }

  private String webAddress(String field) {
    String address = text(field, RunSheetImport.MAX_ADDRESS_LENGTH, false);
    // the pages put these in href and src, where a javascript: address would run in the viewer's browser
    if (address != null && !WEB_ADDRESS.matcher(address).matches()) {
      problems.add(line, field, field + " must be an http:// or https:// address");
    }
    return address;
  }

  /** The number, the fallback when blank (a null fallback makes the field required), or null after a problem. */
  private Long whole(String field, Long fallback, long min, long max, boolean fen) {
    if (reported(field)) {
      return null;
    }
    String text = fields.text(field);
    if (text == null) {
      if (fallback == null) {
        problems.add(line, field, field + " is required");
      }
      return fallback;
    }
    return parseWhole(field, field, text.trim(), min, max, fen);
  }

  private Long optionalWhole(String field, long min, long max, boolean fen) {
    if (reported(field) || fields.text(field) == null) {
      return null;
    }
    return parseWhole(field, field, fields.text(field).trim(), min, max, fen);
  }

  /** Digits only: "12.5", "1e3" and "¥49" are refused rather than rounded, since money is whole fen. */
  private Long parseWhole(String field, String label, String text, long min, long max, boolean fen) {
    int digits = text.startsWith("-") ? text.length() - 1 : text.length();
    if (digits > MAX_DIGITS) {
      problems.add(line, field, label + " has " + digits + " characters; a number here has at most "
          + String.valueOf(max).length() + " digits (at most " + max + ")");
      return null;
    }
    if (!WHOLE.matcher(text).matches()) {
      problems.add(line, field, label + " must be a whole number" + (fen ? " of fen" : "") + ", got " + quoted(text));
      return null;
    }
    BigInteger value = new BigInteger(text);
    if (value.signum() < 0) {
      problems.add(line, field, label + " must not be negative, got " + text);
      return null;
    }
    if (value.compareTo(BigInteger.valueOf(min)) < 0) {
      problems.add(line, field, label + " must be at least " + min + ", got " + text);
      return null;
    }
    if (value.compareTo(BigInteger.valueOf(max)) > 0) {
      problems.add(line, field, label + " must be at most " + max + ", got " + text);
      return null;
    }
    return value.longValueExact();
  }

  private List<String> sellingPoints() {
    List<String> points = fields.sellingPoints();
    if (points.size() > RunSheetImport.MAX_SELLING_POINTS) {
      problems.add(line, "sellingPoints", "sellingPoints has " + points.size() + " entries, at most "
          + RunSheetImport.MAX_SELLING_POINTS + " are shown");
    }
    for (int i = 0; i < points.size(); i++) {
      String point = points.get(i);
      if (point.codePointCount(0, point.length()) > RunSheetImport.MAX_NAME_LENGTH) {
        problems.add(line, "sellingPoints", "sellingPoints entry " + (i + 1) + " is longer than "
            + RunSheetImport.MAX_NAME_LENGTH + " characters");
      }
    }
    return points;
  }

  /** The steps, or null when one of them is broken; reports every broken step. */
  private List<Tier> tiers(Long live) {
    if (reported("tiers")) {
      return null;
    }
    List<TierFields> raw = fields.tiers();
    if (raw.size() > RunSheetImport.MAX_TIERS) {
      problems.add(line, "tiers", "tiers has " + raw.size() + " steps, at most " + RunSheetImport.MAX_TIERS);
      return null;
    }
    List<Tier> tiers = new ArrayList<>();
    boolean broken = false;
    for (int i = 0; i < raw.size(); i++) {
      String step = "tiers step " + (i + 1) + " ";
      Long minUnits = tierNumber(raw.get(i).minUnits(), step + "minUnits", 1, MAX_UNITS, false);
      Long price = tierNumber(raw.get(i).priceCents(), step + "priceCents", 0, MAX_CENTS, true);
      if (minUnits == null || price == null) {
        broken = true;
        continue;
      }
      if (live != null && price > live) {
        problems.add(line, "tiers", step + "price " + money(price) + " is above livePriceCents " + money(live));
        broken = true;
      }
      if (!tiers.isEmpty()) {
        Tier previous = tiers.get(tiers.size() - 1);
        if (minUnits <= previous.minUnits()) {
          problems.add(line, "tiers", step + "minUnits " + minUnits + " must be more than the "
              + previous.minUnits() + " of the step before");
          broken = true;
        }
        if (price >= previous.priceCents()) {
          problems.add(line, "tiers", step + "price " + money(price) + " must be below the "
              + money(previous.priceCents()) + " of the step before");
          broken = true;
        }
      }
      tiers.add(new Tier(minUnits, price));
    }
    return broken ? null : tiers;
  }

  private Long tierNumber(String text, String label, long min, long max, boolean fen) {
    if (text == null || text.isBlank()) {
      problems.add(line, "tiers", label + " is required");
      return null;
    }
    return parseWhole("tiers", label, text.trim(), min, max, fen);
  }

  private int winners(ItemRole role) {
    if (role == ItemRole.LOTTERY) {
      if (fields.text("winners") == null && !reported("winners")) {
        problems.add(line, "winners", "winners is required for a lottery item: how many prizes it gives");
        return 0;
      }
      Long winners = optionalWhole("winners", 1, MAX_WINNERS, false);
      return winners == null ? 0 : winners.intValue();
    }
    Long winners = optionalWhole("winners", 0, MAX_WINNERS, false);
    if (role != null && winners != null && winners > 0) {
      problems.add(line, "winners", "winners is only for lottery items");
    }
    return 0;
  }

  /** The reader could not read this field and has said so already. */
  private boolean reported(String field) {
    return fields.unreadable().contains(field);
  }

  /** What was written, in quotes, cut short so that one huge cell cannot make a huge answer. */
  static String quoted(String text) {
    return "\"" + (text.length() > MAX_QUOTED ? text.substring(0, MAX_QUOTED) + "…" : text) + "\"";
  }

  private static String money(long cents) {
    return cents + " (" + Fen.yuan(cents) + ")";
  }
}
