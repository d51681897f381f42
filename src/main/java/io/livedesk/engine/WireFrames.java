package io.livedesk.engine;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.livedesk.json.Json;
import io.livedesk.report.FigureViews;
import io.livedesk.report.ShowFigures;
import io.livedesk.show.Announcement;
import io.livedesk.show.Approvals;
import io.livedesk.show.Cue;
import io.livedesk.show.Event;
import io.livedesk.show.ItemSpec;
import io.livedesk.show.ItemState;
import io.livedesk.show.LotteryState;
import io.livedesk.show.Note;
import io.livedesk.show.OrderState;
import io.livedesk.show.PriceChange;
import io.livedesk.show.Recorded;
import io.livedesk.show.ShowState;
import io.livedesk.show.Tier;
import io.livedesk.show.Vocabulary;
import io.livedesk.store.EventCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What goes over the wire: event frames for each audience, snapshots, ticks. Viewers never see scripts,
 * notes, floor prices, lottery seeds before the draw, other viewers' ids, or staff figures.
 */
public final class WireFrames {

  /** How many recent price changes a snapshot carries for the prompter's flash and the console. */
  private static final int SNAPSHOT_PRICE_CHANGES = 50;
  /** A viewer's own orders a snapshot carries: enough for any shopper, bounded for a runaway client. */
  static final int SNAPSHOT_OWN_ORDERS = 100;
  /** What viewers get in place of each lottery entry: the entrants counted so far. */
  private static final String ENTRANTS_KIND = "lottery.entrants";
  /** What viewers get in place of each coupon claim: the coupons left to claim. */
  private static final String COUPON_REMAINING_KIND = "coupon.remaining";
  /** What viewers get in place of a reservation: how many viewers have reserved, never who. */
  private static final String RESERVATIONS_KIND = "show.reservations";
  /** Kinds of frame only viewers get, in place of events they do not see (docs/protocol.md §Vocabulary). */
  public static final List<String> VIEWER_KINDS = List.of(ENTRANTS_KIND, COUPON_REMAINING_KIND, RESERVATIONS_KIND);
  /** What viewers get in place of an order: the item's stock and sales as they are now. */
  private static final String STOCK_KIND = Vocabulary.EVENTS.nameOf(Event.StockChanged.class);
  /** The pieces an order's frames are joined with (see {@link #order}). */
  private static final byte[] ACTOR = ascii(",\"actor\":");
  private static final byte[] DATA = ascii(",\"data\":");
  private static final byte[] ITEM = ascii(",\"item\":");
  private static final byte[] COUPON = ascii(",\"coupon\":");
  private static final byte[] END = ascii("}");
  private static final byte[] EMPTY = new byte[0];
  /** Each kind as a JSON string, encoded once: the kinds are the vocabulary's, a few dozen. */
  private static final Map<String, byte[]> QUOTED_KINDS = new ConcurrentHashMap<>();

  /**
   * An event encoded for both audiences. A null public frame means viewers do not see it; an owner
   * frame goes to the one viewer the event is about (their own order).
   */
  public record Encoded(long seq, Frame staff, Frame pub, String conflationKey, String ownerId, Frame owner) {

    Encoded(long seq, Frame staff, Frame pub, String conflationKey) {
      this(seq, staff, pub, conflationKey, null, null);
    }

    Encoded withOwner(String viewerId, Frame frame) {
      return new Encoded(seq, staff, pub, conflationKey, viewerId, frame);
    }
  }

  private WireFrames() {
  }

  /** Encodes an event right after {@code state} evolved with it, so derived figures are exact for its seq. */
  public static Encoded encode(Recorded recorded, ShowState state) {
    Event event = recorded.event();
    if (event instanceof Event.OrderPlaced || event instanceof Event.OrderPaid || event instanceof Event.OrderCancelled
        || event instanceof Event.OrderExpired) {
      String itemId = itemOf(event, state);
      ItemState item = itemId == null ? null : state.item(itemId);
      if (item != null) {
        return order(recorded, state, item);
      }
    }
    return throughTree(recorded, state);
  }

  /**
   * An order's frames, joined from pieces each encoded once: the event's data goes into the staff frame
   * and the buyer's own, the item's figures into the staff frame and the viewers' stock frame. Every
   * order, payment, cancellation and expiry is encoded here; the bytes are those of {@link #throughTree}.
   */
  private static Encoded order(Recorded recorded, ShowState state, ItemState item) {
    Event event = recorded.event();
    byte[] data = Json.bytes(event);
    byte[] figures = written(json -> writeItemFigures(json, state, item));
    // the staff frame's item is the same figures, and what refunds the item owes
    byte[] staffItem = join(Arrays.copyOf(figures, figures.length - 1),
        ascii(",\"refundCents\":" + item.refundCents() + "}"));
    ObjectNode coupon = PromotionFrames.couponCounts(event, state);
    byte[] head = head(recorded, recorded.kind());
    byte[] actor = written(json -> EventCodec.writeActor(json, recorded.actor()));
    Frame staff = Frame.of(join(head, ACTOR, actor, DATA, data, ITEM,
        staffItem, coupon == null ? EMPTY : join(COUPON, Json.bytes(coupon)), END), false);
    Frame own = Frame.of(join(head, DATA, data, END), false);
    String owner = orderOwner(event, state);
    if (event instanceof Event.OrderPaid) {
      return new Encoded(recorded.seq(), staff, null, null, owner, own);
    }
    // viewers see what an order did to the item, never whose order it was; a rush is conflated
    Frame stock = Frame.of(join(head(recorded, STOCK_KIND), DATA, figures, END), true);
    return new Encoded(recorded.seq(), staff, stock, "stock:" + item.id(), owner, own);
  }

  /** What {@link #eventFrame} writes, up to the end of its kind: {@code {"type":"event","seq":…,"ts":…,"kind":…}. */
  private static byte[] head(Recorded recorded, String kind) {
    return join(ascii("{\"type\":\"event\",\"seq\":" + recorded.seq() + ",\"ts\":" + recorded.ts() + ",\"kind\":"),
        QUOTED_KINDS.computeIfAbsent(kind, Json::bytes));
  }

  /** A piece of a frame written by a generator. */
  private static byte[] written(Json.Writing writing) {
    try {
      return Json.written(writing);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode a frame", e);
    }
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] join(byte[]... parts) {
    int length = 0;
    for (byte[] part : parts) {
      length += part.length;
    }
    byte[] out = new byte[length];
    int at = 0;
    for (byte[] part : parts) {
      System.arraycopy(part, 0, out, at, part.length);
      at += part.length;
    }
    return out;
  }

  /** Encodes any event through JSON trees: every kind but those {@link #order} takes. */
  static Encoded throughTree(Recorded recorded, ShowState state) {
    ObjectNode staff = eventFrame(recorded);
    staff.set("actor", EventCodec.actor(recorded.actor()));
    ObjectNode data = Json.MAPPER.valueToTree(recorded.event());
    if (recorded.event() instanceof Event.LotteryOpened) {
      data.remove("seed");
    }
    PromotionFrames.nullsNamed(recorded.event(), data);
    staff.set("data", data);
    String itemId = itemOf(recorded.event(), state);
    if (itemId != null && state.item(itemId) != null) {
      ObjectNode figures = itemFigures(state, state.item(itemId));
      figures.put("refundCents", state.item(itemId).refundCents());
      staff.set("item", figures);
    }
    ObjectNode coupon = PromotionFrames.couponCounts(recorded.event(), state);
    if (coupon != null) {
      staff.set("coupon", coupon);
    }
    Frame staffFrame = Frame.of(Json.bytes(staff), false);
    Encoded encoded = publicView(recorded, state, staffFrame, data);
    String owner = orderOwner(recorded.event(), state);
    if (owner == null) {
      return encoded;
    }
    ObjectNode own = eventFrame(recorded);
    own.set("data", data);
    return encoded.withOwner(owner, Frame.of(Json.bytes(own), false));
  }

  /** The viewer whose order (or shadowed comment) an event is about: they see it as staff do. */
  private static String orderOwner(Event event, ShowState state) {
    if (event instanceof Event.OrderPlaced e) {
      return e.viewerId();
    } else if (event instanceof Event.OrderPaid e) {
      return state.order(e.orderId()).terms().viewerId();
    } else if (event instanceof Event.OrderCancelled e) {
      return state.order(e.orderId()).terms().viewerId();
    } else if (event instanceof Event.OrderExpired e) {
      return state.order(e.orderId()).terms().viewerId();
    } else if (event instanceof Event.PaymentConflict e) {
      return state.order(e.orderId()).terms().viewerId();
    } else if (event instanceof Event.CouponClaimed e) {
      return e.viewerId();
    }
    return CommentFrames.shadowAuthor(event);
  }

  private static Encoded publicView(Recorded recorded, ShowState state, Frame staffFrame, ObjectNode data) {
    Event event = recorded.event();
    ObjectNode pub = eventFrame(recorded);
    if (event instanceof Event.OrderPlaced || event instanceof Event.OrderCancelled
        || event instanceof Event.OrderExpired) {
      // viewers see what an order did to the item, never whose order it was; a rush is conflated
      String itemId = itemOf(event, state);
      pub.put("kind", STOCK_KIND);
      pub.set("data", itemFigures(state, state.item(itemId)));
      return new Encoded(recorded.seq(), staffFrame, Frame.of(Json.bytes(pub), true), "stock:" + itemId);
    }
    if (event instanceof Event.LotteryEntered e) {
      pub.put("kind", ENTRANTS_KIND);
      ObjectNode count = Json.object();
      count.put("lotteryId", e.lotteryId());
      count.put("entrants", state.lottery(e.lotteryId()).entrantCount());
      pub.set("data", count);
      return new Encoded(recorded.seq(), staffFrame, Frame.of(Json.bytes(pub), true), "entrants:" + e.lotteryId());
    }
    if (event instanceof Event.CouponClaimed e) {
      pub.put("kind", COUPON_REMAINING_KIND);
      pub.set("data", PromotionFrames.remaining(state.promotions().coupon(e.couponId())));
      return new Encoded(recorded.seq(), staffFrame, Frame.of(Json.bytes(pub), true), "coupon:" + e.couponId());
    }
    if (event instanceof Event.ViewerReserved) {
      pub.put("kind", RESERVATIONS_KIND);
      ObjectNode count = Json.object();
      count.put("reservations", state.reservations().count());
      pub.set("data", count);
      return new Encoded(recorded.seq(), staffFrame, Frame.of(Json.bytes(pub), true), RESERVATIONS_KIND);
    }
    if (!isPublic(event) && !PromotionFrames.isPublic(event) && !CommentFrames.isPublic(event)) {
      return new Encoded(recorded.seq(), staffFrame, null, null);
    }
    if (event instanceof Event.RunSheetLoaded) {
      ObjectNode sheet = Json.object();
      sheet.set("items", publicItems(state));
      pub.set("data", sheet);
    } else if (event instanceof Event.PriceChanged e) {
      ObjectNode change = Json.object();
      change.put("itemId", e.itemId());
      change.put("fromCents", e.fromCents());
      change.put("toCents", e.toCents());
      change.put("priceCents", state.item(e.itemId()).currentPriceCents());
      if (e.reason() != null) {
        change.put("reason", e.reason());
      }
      pub.set("data", change);
    } else if (event instanceof Event.StockChanged e) {
      pub.set("data", itemFigures(state.item(e.itemId())));
    } else if (event instanceof Event.LotteryDrawn e) {
      return drawn(recorded, e, staffFrame, pub, data);
    } else if (event instanceof Event.FlashScheduled) {
      pub.set("data", PromotionFrames.scheduled(data));
    } else if (CommentFrames.isPublic(event)) {
      pub.set("data", CommentFrames.publicData(event, data));
    } else {
      pub.set("data", data);
    }
    return new Encoded(recorded.seq(), staffFrame, Frame.of(Json.bytes(pub), false), null);
  }

  /** Winners go to every viewer masked; each winner's own sockets get the frame with their id in clear. */
  private static Encoded drawn(Recorded recorded, Event.LotteryDrawn e, Frame staffFrame, ObjectNode pub,
      ObjectNode data) {
    ObjectNode masked = data.deepCopy();
    masked.set("winners", maskedWinners(e.winners(), null));
    pub.set("data", masked);
    byte[] shared = Json.bytes(pub);
    Map<String, Frame> personal = new HashMap<>();
    for (String winner : e.winners()) {
      ObjectNode own = pub.deepCopy();
      ObjectNode ownData = data.deepCopy();
      ownData.set("winners", maskedWinners(e.winners(), winner));
      ownData.put("youWon", true);
      own.set("data", ownData);
      personal.put(winner, Frame.of(Json.bytes(own), false));
    }
    return new Encoded(recorded.seq(), staffFrame, Frame.of(shared, false).withPersonal(personal), null);
  }

  private static ArrayNode maskedWinners(List<String> winners, String unmasked) {
    ArrayNode out = Json.array();
    for (String winner : winners) {
      out.add(winner.equals(unmasked) ? winner : mask(winner));
    }
    return out;
  }

  /** "viewer-1234" → "v*******34": enough to recognise oneself, not enough to name someone else. */
  public static String mask(String viewerId) {
    int length = viewerId.codePointCount(0, viewerId.length());
    if (length <= 2) {
      return "*".repeat(length);
    }
    int[] points = viewerId.codePoints().toArray();
    StringBuilder out = new StringBuilder().appendCodePoint(points[0]);
    out.append("*".repeat(Math.max(1, length - 3)));
    int tail = length >= 5 ? 2 : 1;
    for (int i = length - tail; i < length; i++) {
      out.appendCodePoint(points[i]);
    }
    return out.toString();
  }

  private static boolean isPublic(Event event) {
    return event instanceof Event.ShowStarted || event instanceof Event.ShowEnded
        || event instanceof Event.RunSheetLoaded || event instanceof Event.CueChanged
        || event instanceof Event.ItemsSwapped || event instanceof Event.ItemListed
        || event instanceof Event.ItemDelisted || event instanceof Event.PriceChanged
        || event instanceof Event.StockChanged || event instanceof Event.SoldOut
        || event instanceof Event.TierReached || event instanceof Event.AnnouncementPublished
        || event instanceof Event.AnnouncementRetracted || event instanceof Event.LotteryOpened
        || event instanceof Event.LotteryClosed || event instanceof Event.LotteryDrawn;
  }

  private static ObjectNode eventFrame(Recorded recorded) {
    ObjectNode node = Json.object();
    node.put("type", "event");
    node.put("seq", recorded.seq());
    node.put("ts", recorded.ts());
    node.put("kind", recorded.kind());
    return node;
  }

  /** The item an event changes the price, stock or shelf of, if any. */
  private static String itemOf(Event event, ShowState state) {
    if (event instanceof Event.OrderPlaced e) {
      return e.itemId();
    } else if (event instanceof Event.OrderCancelled e) {
      return state.order(e.orderId()).terms().itemId();
    } else if (event instanceof Event.OrderExpired e) {
      return state.order(e.orderId()).terms().itemId();
    } else if (event instanceof Event.PriceChanged e) {
      return e.itemId();
    } else if (event instanceof Event.StockChanged e) {
      return e.itemId();
    } else if (event instanceof Event.ItemListed e) {
      return e.itemId();
    } else if (event instanceof Event.ItemDelisted e) {
      return e.itemId();
    } else if (event instanceof Event.SoldOut e) {
      return e.itemId();
    } else if (event instanceof Event.TierReached e) {
      return e.itemId();
    } else if (event instanceof Event.TierSettled e) {
      return e.itemId();
    } else if (event instanceof Event.OrderPaid e) {
      return state.order(e.orderId()).terms().itemId();
    }
    return PromotionFrames.itemOf(event, state);
  }

  /** An item's live selling figures: what stock frames carry and what tables update from. */
  public static ObjectNode itemFigures(ItemState item) {
    ObjectNode node = Json.object();
    node.put("itemId", item.id());
    node.put("priceCents", item.currentPriceCents());
    node.put("stock", item.stock());
    node.put("sold", item.sold());
    node.put("status", item.status());
    node.set("tier", tier(item));
    return node;
  }

  /** {@link #itemFigures} with the item's live flash sale, if any: what a sale's stock bar follows. */
  private static ObjectNode itemFigures(ShowState state, ItemState item) {
    ObjectNode node = itemFigures(item);
    ObjectNode flash = PromotionFrames.liveFlash(state, item);
    if (flash != null) {
      node.set("flash", flash);
    }
    return node;
  }

  /**
   * {@link #itemFigures(ShowState, ItemState)} written straight to a generator, field for field: every
   * order's stock frame and staff item carry it, and a tree of it cost more than the writing.
   */
  private static void writeItemFigures(JsonGenerator json, ShowState state, ItemState item) throws IOException {
    json.writeStartObject();
    json.writeStringField("itemId", item.id());
    json.writeNumberField("priceCents", item.currentPriceCents());
    json.writeNumberField("stock", item.stock());
    json.writeNumberField("sold", item.sold());
    json.writeStringField("status", item.status());
    json.writeFieldName("tier");
    if (item.spec().tiers().isEmpty()) {
      json.writeNull();
    } else {
      json.writeStartObject();
      json.writeNumberField("reached", item.tierReached());
      if (item.tierReached() >= 0) {
        json.writeFieldName("priceCents");
        writeNumberOrNull(json, item.tierPriceCents());
      }
      json.writeNumberField("paidUnits", item.paidUnits());
      Tier next = item.nextTier();
      if (next != null) {
        json.writeNumberField("nextMinUnits", next.minUnits());
        json.writeNumberField("nextPriceCents", next.priceCents());
        json.writeNumberField("unitsToNext", Math.max(0, next.minUnits() - item.paidUnits()));
      }
      json.writeEndObject();
    }
    PromotionFrames.writeLiveFlash(json, state, item);
    json.writeEndObject();
  }

  private static void writeNumberOrNull(JsonGenerator json, Long number) throws IOException {
    if (number == null) {
      json.writeNull();
    } else {
      json.writeNumber(number.longValue());
    }
  }

  private static JsonNode tier(ItemState item) {
    if (item.spec().tiers().isEmpty()) {
      return null;
    }
    ObjectNode node = Json.object();
    node.put("reached", item.tierReached());
    if (item.tierReached() >= 0) {
      node.put("priceCents", item.tierPriceCents());
    }
    node.put("paidUnits", item.paidUnits());
    Tier next = item.nextTier();
    if (next != null) {
      node.put("nextMinUnits", next.minUnits());
      node.put("nextPriceCents", next.priceCents());
      // tiers are reached by paid units only (docs/protocol.md §Group-buy tiers)
      node.put("unitsToNext", Math.max(0, next.minUnits() - item.paidUnits()));
    }
    return node;
  }

  // ---- snapshots ----

  public static ObjectNode snapshot(ShowState state, ShowFigures figures, Audience audience, long now) {
    return snapshot(state, figures, audience, null, now);
  }

  /** A viewer's snapshot also carries their own orders, so a page reloaded mid-show still shows them. */
  public static ObjectNode snapshot(ShowState state, ShowFigures figures, Audience audience, String viewerId,
      long now) {
    boolean staff = audience == Audience.STAFF;
    ObjectNode node = Json.object();
    node.put("id", state.id());
    node.put("title", state.meta().title());
    node.put("status", state.status().wire());
    node.put("rehearsal", state.meta().rehearsal());
    node.put("seq", state.seq());
    node.put("plannedStartAt", state.meta().plannedStartAt());
    node.put("plannedMinutes", state.meta().plannedMinutes());
    node.put("startedAt", state.startedAt());
    node.put("endedAt", state.endedAt());
    node.put("reservations", state.reservations().count());
    node.set("cue", cue(state));
    ItemState next = state.nextItem();
    if (next != null) {
      node.put("nextItemId", next.id());
    } else {
      node.putNull("nextItemId");
    }
    if (staff && state.hasSheet()) {
      node.put("opening", state.sheet().opening());
      node.put("closing", state.sheet().closing());
    }
    ArrayNode items = Json.array();
    for (ItemState item : state.running()) {
      items.add(item(state, item, staff, now));
    }
    node.set("items", items);
    node.set("announcements", announcements(state));
    node.set("lotteries", lotteries(state, staff));
    node.set("flashes", PromotionFrames.flashes(state));
    node.set("coupons", PromotionFrames.coupons(state, staff));
    CommentFrames.snapshot(node, state, staff, viewerId);
    if (staff) {
      node.set("notes", notes(state));
      node.set("priceChanges", priceChanges(state));
      node.put("priceAckedThrough", state.priceAckedThrough());
      node.set("approvals", approvals(state));
      node.set("figures", FigureViews.live(state, figures, now));
    } else {
      ObjectNode online = Json.object();
      online.put("online", state.presence().online());
      node.set("figures", online);
      if (viewerId != null) {
        node.set("myOrders", ordersOf(state, viewerId));
        node.set("myCoupons", PromotionFrames.myCoupons(state, viewerId));
        node.put("reserved", state.reservations().has(viewerId));
      }
    }
    return node;
  }

  /** A viewer's most recent orders, at most {@link #SNAPSHOT_OWN_ORDERS}, oldest first. */
  private static ArrayNode ordersOf(ShowState state, String viewerId) {
    ArrayNode out = Json.array();
    List<OrderState> own = state.ordersOf(viewerId);
    for (OrderState order : own.subList(Math.max(0, own.size() - SNAPSHOT_OWN_ORDERS), own.size())) {
      ObjectNode node = out.addObject();
      Event.OrderPlaced placed = order.terms();
      node.put("orderId", order.id());
      node.put("itemId", placed.itemId());
      node.put("qty", placed.qty());
      node.put("priceCents", placed.priceCents());
      node.put("amountCents", placed.amountCents());
      node.put("placedAt", order.placedAt());
      node.put("expiresAt", placed.expiresAt());
      node.put("status", order.status().lower());
      if (placed.couponId() != null) {
        node.put("couponId", placed.couponId());
        node.put("discountCents", order.discountCents());
      }
      if (placed.flashId() != null) {
        node.put("flashId", placed.flashId());
      }
      if (order.status() == OrderState.Status.PAID) {
        long due = order.dueCents(state.item(placed.itemId()));
        node.put("dueCents", due);
        node.put("refundCents", placed.amountCents() - due);
      }
    }
    return out;
  }

  private static JsonNode cue(ShowState state) {
    Cue cue = state.cue();
    if (cue == null) {
      return null;
    }
    ObjectNode node = Json.object();
    if (cue.isItem()) {
      node.put("itemId", cue.itemId());
    } else {
      node.put("segment", cue.segment());
    }
    node.put("since", cue.since());
    return node;
  }

  private static ObjectNode item(ShowState state, ItemState item, boolean staff, long now) {
    ItemSpec spec = item.spec();
    ObjectNode node = Json.object();
    node.put("id", spec.id());
    node.put("role", spec.role().wire());
    node.put("name", spec.name());
    node.put("listPriceCents", spec.listPriceCents());
    node.put("priceCents", item.currentPriceCents());
    node.put("livePriceCents", item.livePriceCents());
    if (staff) {
      node.put("floorPriceCents", spec.floorPriceCents());
      node.put("refundCents", item.refundCents());
      if (item.hasPriceHistory()) {
        node.put("previousPriceCents", item.previousPriceCents());
      }
      // the console follows reverts exactly, not only the first step back
      node.set("priceHistory", Json.tree(item.priceHistory()));
    }
    node.put("stock", item.stock());
    node.put("sold", item.sold());
    node.put("status", item.status());
    node.put("limitPerViewer", spec.limitPerViewer());
    node.put("plannedSeconds", spec.plannedSeconds());
    node.put("airedSeconds", FigureViews.airedSeconds(state, item, now));
    if (staff) {
      node.put("script", spec.script());
    }
    node.set("sellingPoints", Json.tree(spec.sellingPoints()));
    node.set("tiers", Json.tree(spec.tiers()));
    node.set("tier", tier(item));
    if (spec.link() != null) {
      node.put("link", spec.link());
    }
    if (spec.imageUrl() != null) {
      node.put("imageUrl", spec.imageUrl());
    }
    if (spec.role() == io.livedesk.show.ItemRole.LOTTERY) {
      node.put("winners", spec.winners());
      node.put("prizesLeft", item.prizesLeft());
    }
    return node;
  }

  private static ArrayNode publicItems(ShowState state) {
    ArrayNode items = Json.array();
    for (ItemState item : state.running()) {
      items.add(item(state, item, false, state.lastTs()));
    }
    return items;
  }

  private static ArrayNode announcements(ShowState state) {
    ArrayNode out = Json.array();
    for (Announcement a : state.announcements()) {
      if (a.live()) {
        ObjectNode node = Json.object();
        node.put("announcementId", a.id());
        node.put("text", a.text());
        node.put("pinned", a.pinned());
        node.put("publishedAt", a.publishedAt());
        out.add(node);
      }
    }
    return out;
  }

  private static ArrayNode lotteries(ShowState state, boolean staff) {
    ArrayNode out = Json.array();
    for (LotteryState lottery : state.lotteries()) {
      ObjectNode node = Json.object();
      Event.LotteryOpened terms = lottery.terms();
      node.put("lotteryId", lottery.id());
      node.put("itemId", terms.itemId());
      node.put("winnersCount", terms.winners());
      ObjectNode rule = Json.object();
      rule.put("type", terms.rule().type().wire());
      if (terms.rule().keyword() != null) {
        rule.put("keyword", terms.rule().keyword());
      }
      node.set("rule", rule);
      node.put("phase", lottery.phase().name().toLowerCase(java.util.Locale.ROOT));
      node.put("commitment", terms.commitment());
      node.put("closesAt", terms.closesAt());
      node.put("openedAt", lottery.openedAt());
      node.put("entrants", lottery.entrantCount());
      if (lottery.entrantsHash() != null) {
        node.put("entrantsHash", lottery.entrantsHash());
      }
      if (lottery.winners() != null) {
        node.set("winners", staff ? Json.tree(lottery.winners()) : maskedWinners(lottery.winners(), null));
        node.put("seed", terms.seed());
      }
      out.add(node);
    }
    return out;
  }

  private static ArrayNode notes(ShowState state) {
    ArrayNode out = Json.array();
    for (Note note : state.notes()) {
      ObjectNode node = Json.object();
      node.put("noteId", note.id());
      node.put("text", note.text());
      node.put("sentAt", note.sentAt());
      node.put("ackedAt", note.ackedAt());
      out.add(node);
    }
    return out;
  }

  /** Cuts waiting for a second staff member, oldest first: a console that reconnects shows them again. */
  private static ArrayNode approvals(ShowState state) {
    ArrayNode out = Json.array();
    for (Approvals.Pending waiting : state.approvals().pending()) {
      ObjectNode node = (ObjectNode) Json.tree(waiting.request());
      node.put("requestedAt", waiting.requestedAt());
      out.add(node);
    }
    return out;
  }

  private static ArrayNode priceChanges(ShowState state) {
    List<PriceChange> all = state.priceChanges();
    ArrayNode out = Json.array();
    for (PriceChange change : all.subList(Math.max(0, all.size() - SNAPSHOT_PRICE_CHANGES), all.size())) {
      ObjectNode node = Json.object();
      node.put("seq", change.seq());
      node.put("ts", change.ts());
      node.put("itemId", change.itemId());
      node.put("from", change.fromCents());
      node.put("to", change.toCents());
      node.put("revert", change.revert());
      node.put("by", change.by().role().wire());
      node.put("byName", change.by().displayName());
      out.add(node);
    }
    return out;
  }

  /** A tick: staff get every live figure, viewers only how many are watching. */
  public static Frame tick(ObjectNode figures, long now) {
    ObjectNode node = Json.object();
    node.put("type", "tick");
    node.put("ts", now);
    node.set("figures", figures);
    return Frame.of(Json.bytes(node), true);
  }
}
