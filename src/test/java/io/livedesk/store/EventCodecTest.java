package io.livedesk.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.livedesk.json.Json;
import io.livedesk.show.Actor;
import io.livedesk.show.Command;
import io.livedesk.show.Event;
import io.livedesk.show.ItemRole;
import io.livedesk.show.ItemSpec;
import io.livedesk.show.LotteryRule;
import io.livedesk.show.Recorded;
import io.livedesk.show.RunSheet;
import io.livedesk.show.Tier;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("the stored form of events")
class EventCodecTest {

  private static final RunSheet SHEET = new RunSheet("开场：大家好", "结束, \"再见\"\n明天见", List.of(
      new ItemSpec("JJ-01", ItemRole.MAIN, "车厘子", 49_900, 44_900, 29_900L, 800, 2, 300, "script\nwith lines",
          List.of("大果", "冷链"), "https://shop.example/jj", "https://img.example/jj.png",
          List.of(new Tier(100, 42_900), new Tier(500, 39_900)), 0)
          .withFaq(List.of(new io.livedesk.show.Faq(List.of("包邮", "运费"), "全国包邮"))),
      new ItemSpec("LT-1", ItemRole.LOTTERY, "prize", 0, 0, null, 0, null, 0, null, null, null, null, null, 6)),
      List.of(new io.livedesk.show.Faq(List.of("发货"), "48小时内发货")));

  /** One example of every event; a new event kind without an example here fails {@link #everyKindHasAnExample}. */
  static final List<Event> EXAMPLES = List.of(
      new Event.RunSheetLoaded(SHEET),
      new Event.ShowStarted(),
      new Event.ShowEnded(),
      new Event.CueChanged("JJ-01", null, null, "opening"),
      new Event.ItemsSwapped("JJ-01", "BK-1"),
      new Event.ItemListed("JJ-01"),
      new Event.ItemDelisted("JJ-01"),
      new Event.PriceChanged("JJ-01", 44_900, 19_900, true, false),
      new Event.StockChanged("JJ-01", 0, -800),
      new Event.SoldOut("JJ-01"),
      new Event.TierReached("JJ-01", 1, 500, 39_900, 512L),
      new Event.TierSettled("JJ-01", 39_900, 512, 37, 185_000),
      new Event.AnnouncementPublished("a12", "满299减30 \uD83C\uDF52", true),
      new Event.AnnouncementRetracted("a12"),
      new Event.NoteSent("n9", "slow down"),
      new Event.Acked("n9", 57L),
      new Event.LotteryOpened("l30", "LT-1", 3, new LotteryRule(LotteryRule.Type.KEYWORD, "ＶＩＰ"), "c0ffee",
          1_750_000_060_000L, "5eed"),
      new Event.LotteryEntered("l30", "viewer-1"),
      new Event.LotteryClosed("l30", 2, "abcd", true),
      new Event.LotteryDrawn("l30", List.of("viewer-2", "viewer-1"), "5eed"),
      new Event.ViewerJoined("viewer-1", "node-a"),
      new Event.ViewerLeft("viewer-1", "node-a", 2),
      new Event.ViewerClicked("viewer-1", "JJ-01"),
      new Event.ViewerSubscribed("viewer-1"),
      new Event.ViewerReserved("viewer-1"),
      new Event.OrderPlaced("o57", "viewer-1", "JJ-01", 2, 44_900, 89_800, 1_750_000_600_000L),
      new Event.OrderPaid("o57", "pay-1"),
      new Event.OrderCancelled("o57"),
      new Event.OrderExpired("o57"),
      new Event.PaymentFailed("o57", "pay-2"),
      new Event.PaymentConflict("o57", "pay-3", "EXPIRED"),
      new Event.PaymentMismatch("s1-o57", "pay-4", "PAID", 1, 89_800),
      new Event.FlashScheduled("f60", "JJ-01", 29_900, 1_750_000_010_000L, 1_750_000_070_000L, 100L, 2, true),
      new Event.FlashStarted("f60"),
      new Event.FlashEnded("f60", "sold_out", 100),
      new Event.CouponCreated("C10", "满299减30", 3_000, 29_900, List.of("JJ-01"), 1_000, 1, 600, false),
      new Event.CouponIssued("C10", "满299减30", 3_000, 29_900, List.of("JJ-01"), 1_000, 1, 1_750_000_600_000L),
      new Event.CouponStopped("C10"),
      new Event.CouponClaimed("C10", "viewer-1"),
      new Event.CommentPosted("m12", "viewer-1", "包邮吗？", true),
      new Event.CommentHidden("m12"),
      new Event.CommentPinned("m12", "viewer-1", "包邮吗？"),
      new Event.CommentUnpinned("m12"),
      new Event.CommentReplied("m12", "全国包邮", true),
      new Event.ViewerMuted("viewer-1", 1_750_000_060_000L),
      new Event.WordsBlocked(List.of("加微信", "刷单")),
      new Event.ApprovalRequested("ap70", "item.set_price", new Command.SetPrice("JJ-01", 19_900, true), null, null,
          "JJ-01", 49_900, 19_900, 0.3, Actor.CONTROL, 1_750_000_300_000L),
      new Event.ApprovalGranted("ap70"),
      new Event.ApprovalDenied("ap71"),
      new Event.ApprovalExpired("ap72"));

  static Stream<Event> examples() {
    return EXAMPLES.stream();
  }

  @Test
  @DisplayName("the codec knows every event kind, each under the kind the event reports")
  void everyKindHasAnExample() {
    Set<Class<?>> permitted = Set.of(Event.class.getPermittedSubclasses());
    Set<Class<?>> examples = EXAMPLES.stream().<Class<?>>map(Object::getClass).collect(Collectors.toSet());
    assertThat(examples).isEqualTo(permitted);
    assertThat(EXAMPLES).hasSize(permitted.size());
    assertThat(Set.copyOf(EventCodec.kinds().values())).isEqualTo(permitted);
    Map<String, Class<?>> byKind = EXAMPLES.stream().collect(Collectors.toMap(Event::kind, Object::getClass));
    assertThat(EventCodec.kinds()).isEqualTo(byKind);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  @DisplayName("every event survives encoding and decoding unchanged")
  void roundTrip(Event event) throws IOException {
    Recorded recorded = new Recorded(42, 1_750_000_000_123L, Actor.viewer("viewer-1"), null, null, event);

    byte[] bytes = EventCodec.toBytes(recorded);
    Recorded decoded = EventCodec.fromBytes(bytes, 0, bytes.length);

    assertThat(decoded).isEqualTo(recorded);
    assertThat(bytes).isEqualTo(Json.bytes(EventCodec.toJson(recorded)));
    assertThat(new String(bytes, StandardCharsets.UTF_8)).doesNotContain("\n");
    assertThat(Json.parse(bytes).get("kind").asText()).isEqualTo(event.kind());
  }

  @Test
  @DisplayName("a held flash sale and a held coupon keep their commands, optional arguments left out, in full")
  void heldCommands() throws IOException {
    for (Event event : List.of(
        new Event.ApprovalRequested("ap71", "flash.schedule", null,
            new Command.ScheduleFlash("JJ-01", 9_900, null, 60, null, null, false), null, "JJ-01", 49_900, 9_900, 0.3,
            new Actor(Actor.Role.ADMIN, "admin"), 1_750_000_300_000L),
        new Event.ApprovalRequested("ap72", "coupon.create", null, null,
            new Command.CreateCoupon(null, "立减200", 20_000, null, null, 10, null, null, false), "JJ-01", 49_900,
            29_900, 0.3, Actor.CONTROL, 1_750_000_300_000L))) {
      roundTrip(event);
    }
  }

  @Test
  @DisplayName("an idempotency key and the command's result are kept with the event")
  void keyAndResult() throws IOException {
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("orderId", "o57");
    result.put("amountCents", 89_800L);
    result.put("winners", List.of("a", "b"));
    Recorded recorded = new Recorded(57, 1L, Actor.CONTROL, "key-1", result, new Event.ShowStarted());

    byte[] bytes = EventCodec.toBytes(recorded);
    Recorded decoded = EventCodec.fromBytes(bytes, 0, bytes.length);

    assertThat(decoded.key()).isEqualTo("key-1");
    assertThat(decoded.actor()).isEqualTo(Actor.CONTROL);
    // numbers come back as the smallest Java type that holds them: the JSON a repeat answers with is the same
    assertThat(Json.text(decoded.result())).isEqualTo(Json.text(result));
    assertThat(EventCodec.toBytes(decoded)).isEqualTo(bytes);
    assertThat(bytes).isEqualTo(Json.bytes(EventCodec.toJson(recorded)));
  }

  @Test
  @DisplayName("a tier reached as journals stored it before paid units counted still reads, and writes back the same bytes")
  void tierReachedWithoutPaidUnits() throws IOException {
    String data = ",\"ts\":1750000000123,\"kind\":\"item.tier_reached\",\"actor\":{\"role\":\"viewer\","
        + "\"id\":\"viewer-1\"},\"data\":{\"itemId\":\"JJ-01\",\"tier\":0,\"minUnits\":100,\"priceCents\":42900}}";
    byte[] stored = ("{\"seq\":40" + data).getBytes(StandardCharsets.UTF_8);

    Recorded decoded = EventCodec.fromBytes(stored, 0, stored.length);

    assertThat(decoded.event()).isEqualTo(new Event.TierReached("JJ-01", 0, 100, 42_900, null));
    // the same bytes, marked with the version they were read as
    assertThat(new String(EventCodec.toBytes(decoded), StandardCharsets.UTF_8)).isEqualTo("{\"seq\":40,\"v\":1" + data);
  }

  @Test
  @DisplayName("an unknown kind or malformed data is an IOException, never a half-read event")
  void malformed() {
    byte[] unknown = "{\"seq\":1,\"ts\":1,\"kind\":\"show.exploded\",\"actor\":{\"role\":\"system\",\"id\":\"x\"},\"data\":{}}"
        .getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> EventCodec.fromBytes(unknown, 0, unknown.length))
        .isInstanceOf(IOException.class).hasMessageContaining("show.exploded");
    byte[] bad = "{\"seq\":1,\"ts\":1,\"kind\":\"item.price_changed\",\"actor\":{\"role\":\"control\",\"id\":\"c\"},\"data\":{\"fromCents\":\"x\"}}"
        .getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> EventCodec.fromBytes(bad, 0, bad.length)).isInstanceOf(IOException.class);
    byte[] cut = Arrays.copyOf(unknown, 20);
    assertThatThrownBy(() -> EventCodec.fromBytes(cut, 0, cut.length)).isInstanceOf(IOException.class);
  }
}
