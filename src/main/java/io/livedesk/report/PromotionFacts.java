package io.livedesk.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.livedesk.json.Json;
import io.livedesk.show.Coupon;
import io.livedesk.show.Event;
import io.livedesk.show.FlashSale;
import io.livedesk.show.OrderState;
import io.livedesk.show.ShowState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How the show's flash sales and coupons did (docs/protocol.md §Promotions), copied on the show's context
 * with the rest of {@link ReportFacts}. Orders cancelled or expired count for neither.
 */
public record PromotionFacts(List<Flash> flashes, List<CouponResult> coupons, long discountCents) {

  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record Flash(String flashId, String itemId, long priceCents, Long stock, long sold, long orderers,
      long gmvCents, long paidGmvCents, Long soldOutSeconds, String status, Long startedAt) {}

  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record CouponResult(String couponId, String name, long total, long claimed, long used, long discountCents,
      long gmvCents, Long issuedAt) {}

  /** One pass over the orders when the show has a flash sale; none at all otherwise. */
  static PromotionFacts of(ShowState state) {
    List<Flash> flashes = new ArrayList<>();
    if (!state.promotions().flashes().isEmpty()) {
      Map<String, Set<String>> orderers = new HashMap<>();
      Map<String, long[]> money = new HashMap<>();
      for (OrderState order : state.orders()) {
        Event.OrderPlaced placed = order.terms();
        if (placed.flashId() != null && order.status().holdsStock()) {
          orderers.computeIfAbsent(placed.flashId(), id -> new HashSet<>()).add(placed.viewerId());
          long[] gmvAndPaid = money.computeIfAbsent(placed.flashId(), id -> new long[2]);
          gmvAndPaid[0] += placed.amountCents();
          if (order.status() == OrderState.Status.PAID) {
            gmvAndPaid[1] += order.dueCents(state.item(placed.itemId()));
          }
        }
      }
      for (FlashSale flash : state.promotions().flashes()) {
        long[] gmvAndPaid = money.getOrDefault(flash.id(), new long[2]);
        Long soldOutSeconds = flash.soldOutAt() == null || flash.startedAt() == null ? null
            : (flash.soldOutAt() - flash.startedAt()) / 1000;
        flashes.add(new Flash(flash.id(), flash.terms().itemId(), flash.terms().priceCents(), flash.terms().stock(), flash.sold(),
            orderers.getOrDefault(flash.id(), Set.of()).size(), gmvAndPaid[0], gmvAndPaid[1], soldOutSeconds,
            flash.status().wire(), flash.startedAt()));
      }
    }
    List<CouponResult> coupons = new ArrayList<>();
    long discount = 0;
    for (Coupon coupon : state.promotions().coupons()) {
      coupons.add(new CouponResult(coupon.id(), coupon.terms().name(), coupon.terms().total(), coupon.claimed(), coupon.usage().orders(),
          coupon.usage().discountCents(), coupon.usage().gmvCents(), coupon.issuedAt()));
      discount += coupon.usage().discountCents();
    }
    return new PromotionFacts(List.copyOf(flashes), List.copyOf(coupons), discount);
  }

  /** Each sale's row as the report names it: every field, null ones too, in the record's order. */
  ArrayNode flashesJson() {
    return Json.MAPPER.valueToTree(flashes);
  }

  /** Each coupon's row as the report names it: every field, null ones too, in the record's order. */
  ArrayNode couponsJson() {
    return Json.MAPPER.valueToTree(coupons);
  }
}
