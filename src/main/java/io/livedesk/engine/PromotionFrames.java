package io.livedesk.engine;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.livedesk.json.Json;
import io.livedesk.show.Coupon;
import io.livedesk.show.Event;
import io.livedesk.show.FlashSale;
import io.livedesk.show.ItemState;
import io.livedesk.show.ShowState;
import java.io.IOException;

/** Flash sales and coupons on the wire (docs/protocol.md §Promotions): snapshot lists and frame data. */
final class PromotionFrames {

  private PromotionFrames() {
  }

  /** The item a promotion event is about, or null. */
  static String itemOf(Event event, ShowState state) {
    if (event instanceof Event.FlashScheduled e) {
      return e.itemId();
    } else if (event instanceof Event.FlashStarted e) {
      return state.promotions().flash(e.flashId()).terms().itemId();
    } else if (event instanceof Event.FlashEnded e) {
      return state.promotions().flash(e.flashId()).terms().itemId();
    }
    return null;
  }

  /** A coupon's counts after an event that moved them (a claim, an order using it, its give-back), or null. */
  static ObjectNode couponCounts(Event event, ShowState state) {
    String couponId = null;
    if (event instanceof Event.CouponClaimed e) {
      couponId = e.couponId();
    } else if (event instanceof Event.OrderPlaced e) {
      couponId = e.couponId();
    } else if (event instanceof Event.OrderCancelled e) {
      couponId = state.order(e.orderId()).terms().couponId();
    } else if (event instanceof Event.OrderExpired e) {
      couponId = state.order(e.orderId()).terms().couponId();
    }
    Coupon coupon = state.promotions().coupon(couponId);
    if (coupon == null) {
      return null;
    }
    ObjectNode node = Json.object();
    node.put("couponId", coupon.id());
    node.put("claimed", coupon.claimed());
    node.put("used", coupon.usage().orders());
    return node;
  }

  /** The protocol names these fields even when they hold nothing: null, not absent. */
  static void nullsNamed(Event event, ObjectNode data) {
    if (event instanceof Event.FlashScheduled) {
      data.putIfAbsent("stock", Json.MAPPER.nullNode());
    } else if (event instanceof Event.CouponCreated) {
      data.putIfAbsent("itemIds", Json.MAPPER.nullNode());
      data.putIfAbsent("claimSeconds", Json.MAPPER.nullNode());
    } else if (event instanceof Event.CouponIssued) {
      data.putIfAbsent("itemIds", Json.MAPPER.nullNode());
      data.putIfAbsent("claimUntil", Json.MAPPER.nullNode());
    }
  }

  static boolean isPublic(Event event) {
    return event instanceof Event.FlashScheduled || event instanceof Event.FlashStarted
        || event instanceof Event.FlashEnded || event instanceof Event.CouponIssued
        || event instanceof Event.CouponStopped;
  }

  /** What viewers see of a scheduled sale: whether staff confirmed it past the guard is theirs alone. */
  static ObjectNode scheduled(ObjectNode data) {
    ObjectNode pub = data.deepCopy();
    pub.remove("confirmed");
    return pub;
  }

  /** What is left of a coupon after a claim: conflated like stock, never who claimed it. */
  static ObjectNode remaining(Coupon coupon) {
    ObjectNode node = Json.object();
    node.put("couponId", coupon.id());
    node.put("remaining", coupon.remaining());
    return node;
  }

  /** The live sale on an item as its stock figures carry it, or null when none is live. */
  static ObjectNode liveFlash(ShowState state, ItemState item) {
    FlashSale flash = state.promotions().liveFlashOn(item.id());
    if (flash == null) {
      return null;
    }
    ObjectNode node = Json.object();
    node.put("flashId", flash.id());
    node.put("priceCents", flash.terms().priceCents());
    node.put("sold", flash.sold());
    node.put("left", flash.left(item.stock()));
    node.put("endsAt", flash.terms().endsAt());
    return node;
  }

  /** {@link #liveFlash} written straight to a generator as the field {@code flash}, when there is a live sale. */
  static void writeLiveFlash(JsonGenerator json, ShowState state, ItemState item) throws IOException {
    FlashSale flash = state.promotions().liveFlashOn(item.id());
    if (flash == null) {
      return;
    }
    json.writeObjectFieldStart("flash");
    json.writeStringField("flashId", flash.id());
    json.writeNumberField("priceCents", flash.terms().priceCents());
    json.writeNumberField("sold", flash.sold());
    json.writeNumberField("left", flash.left(item.stock()));
    json.writeNumberField("endsAt", flash.terms().endsAt());
    json.writeEndObject();
  }

  static ArrayNode flashes(ShowState state) {
    ArrayNode out = Json.array();
    for (FlashSale flash : state.promotions().flashes()) {
      ObjectNode node = out.addObject();
      node.put("flashId", flash.id());
      node.put("itemId", flash.terms().itemId());
      node.put("priceCents", flash.terms().priceCents());
      node.put("startsAt", flash.terms().startsAt());
      node.put("endsAt", flash.terms().endsAt());
      node.put("status", flash.status().wire());
      node.put("stock", flash.terms().stock());
      node.put("sold", flash.sold());
      node.put("limitPerViewer", flash.terms().limitPerViewer());
      if (flash.ending() != null && flash.ending().reason() != null) {
        node.put("reason", flash.ending().reason());
      }
    }
    return out;
  }

  static ArrayNode coupons(ShowState state, boolean staff) {
    ArrayNode out = Json.array();
    for (Coupon coupon : state.promotions().coupons()) {
      if (staff || coupon.status() != Coupon.Status.CREATED) {
        out.add(coupon(coupon));
      }
    }
    return out;
  }

  /** The coupons a viewer has claimed, with how many of each are still theirs to use. */
  static ArrayNode myCoupons(ShowState state, String viewerId) {
    ArrayNode out = Json.array();
    for (Coupon coupon : state.promotions().coupons()) {
      if (coupon.claimsOf(viewerId) > 0) {
        ObjectNode node = coupon(coupon);
        node.put("mine", coupon.claimsOf(viewerId));
        node.put("unused", coupon.unusedOf(viewerId));
        out.add(node);
      }
    }
    return out;
  }

  private static ObjectNode coupon(Coupon coupon) {
    ObjectNode node = Json.object();
    node.put("couponId", coupon.id());
    node.put("name", coupon.terms().name());
    node.put("amountOffCents", coupon.terms().amountOffCents());
    node.put("minSpendCents", coupon.terms().minSpendCents());
    node.set("itemIds", coupon.terms().itemIds() == null ? null : Json.tree(coupon.terms().itemIds()));
    node.put("total", coupon.terms().total());
    node.put("claimed", coupon.claimed());
    node.put("used", coupon.usage().orders());
    node.put("perViewer", coupon.terms().perViewer());
    node.put("status", coupon.status().wire());
    node.put("claimUntil", coupon.claimUntil());
    node.put("issuedAt", coupon.issuedAt());
    return node;
  }
}
