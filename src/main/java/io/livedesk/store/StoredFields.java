package io.livedesk.store;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.databind.AnnotationIntrospector;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.AnnotatedField;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.AnnotatedMethod;
import com.fasterxml.jackson.databind.introspect.AnnotatedParameter;
import com.fasterxml.jackson.databind.introspect.NopAnnotationIntrospector;
import io.livedesk.json.Json;
import io.livedesk.show.Actor;
import io.livedesk.show.Command;
import io.livedesk.show.Event;
import io.livedesk.show.ItemSpec;
import io.livedesk.show.LotteryRule;
import io.livedesk.show.RunSheet;
import java.lang.reflect.RecordComponent;
import java.util.Map;
import java.util.Set;

/**
 * Which fields of a stored event may be absent, and the strict reader that holds stored events to it:
 * a field the record does not have, or a required field absent or null, is refused rather than read as
 * null or 0, so a renamed field fails loudly instead of replaying old journals wrong (docs/design.md
 * §Stored events are a contract). Every field of a stored record is required unless it is listed here.
 */
final class StoredFields {

  /**
   * The fields that may be absent: null, which the writer leaves out. A field added to a stored event
   * later is optional for ever, since journals written before it lack it (TierReached.paidUnits).
   */
  static final Map<Class<? extends Record>, Set<String>> OPTIONAL = Map.ofEntries(
      Map.entry(Actor.class, Set.of("name")),
      Map.entry(RunSheet.class, Set.of("opening", "closing", "faq")),
      Map.entry(ItemSpec.class, Set.of("floorPriceCents", "limitPerViewer", "script", "link", "imageUrl", "faq")),
      Map.entry(LotteryRule.class, Set.of("keyword")),
      Map.entry(Event.CueChanged.class, Set.of("itemId", "segment", "fromItemId", "fromSegment")),
      Map.entry(Event.PriceChanged.class, Set.of("reason")),
      Map.entry(Event.TierReached.class, Set.of("paidUnits")),
      Map.entry(Event.Acked.class, Set.of("noteId", "seq")),
      Map.entry(Event.LotteryOpened.class, Set.of("closesAt")),
      Map.entry(Event.OrderPlaced.class, Set.of("flashId", "couponId", "discountCents")),
      Map.entry(Event.FlashScheduled.class, Set.of("stock")),
      Map.entry(Event.CouponCreated.class, Set.of("itemIds", "claimSeconds")),
      Map.entry(Event.CouponIssued.class, Set.of("itemIds", "claimUntil")),
      Map.entry(Event.CommentPosted.class, Set.of("shadow")),
      Map.entry(Event.CommentReplied.class, Set.of("auto")),
      Map.entry(Event.ApprovalRequested.class, Set.of("setPrice", "flash", "coupon")),
      Map.entry(Command.ScheduleFlash.class, Set.of("startInSeconds", "stock", "limitPerViewer")),
      Map.entry(Command.CreateCoupon.class, Set.of("couponId", "minSpendCents", "itemIds", "perViewer",
          "claimSeconds")));

  /** The mapper of the server, made strict for stored events; the wire keeps its own tolerant one. */
  static final ObjectMapper MAPPER = Json.MAPPER.copy()
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .setAnnotationIntrospector(AnnotationIntrospector.pair(new Required(),
          Json.MAPPER.getDeserializationConfig().getAnnotationIntrospector()));

  private StoredFields() {
  }

  static boolean optional(Class<?> type, String field) {
    return OPTIONAL.getOrDefault(type, Set.of()).contains(field);
  }

  /** Marks every field of a stored record required, and null refused for it, unless it is optional. */
  private static final class Required extends NopAnnotationIntrospector {

    @Override
    public Boolean hasRequiredMarker(AnnotatedMember member) {
      String field = componentName(member);
      return field == null ? null : !optional(member.getDeclaringClass(), field);
    }

    @Override
    public JsonSetter.Value findSetterInfo(Annotated annotated) {
      if (annotated instanceof AnnotatedMember member && Boolean.TRUE.equals(hasRequiredMarker(member))) {
        return JsonSetter.Value.forValueNulls(Nulls.FAIL);
      }
      return JsonSetter.Value.empty();
    }

    /** The record component a constructor parameter, field or accessor stands for, or null. */
    private static String componentName(AnnotatedMember member) {
      RecordComponent[] components = member.getDeclaringClass().getRecordComponents();
      if (components == null) {
        return null;
      }
      if (member instanceof AnnotatedParameter parameter) {
        boolean canonical = parameter.getOwner().getParameterCount() == components.length;
        return canonical ? components[parameter.getIndex()].getName() : null;
      }
      if (member instanceof AnnotatedField || member instanceof AnnotatedMethod) {
        for (RecordComponent component : components) {
          if (component.getName().equals(member.getName())) {
            return component.getName();
          }
        }
      }
      return null;
    }
  }
}
