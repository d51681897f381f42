package io.livedesk.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.livedesk.show.Actor;
import io.livedesk.show.Event;
import io.livedesk.show.Recorded;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("the stored form of what promotions add to orders and prices")
class PromotionCodecTest {

  private static Recorded roundTrip(Event event) throws IOException {
    byte[] bytes = EventCodec.toBytes(new Recorded(7, 1_750_000_000_000L, Actor.SYSTEM, null, null, event));
    return EventCodec.fromBytes(bytes, 0, bytes.length);
  }

  @Test
  @DisplayName("an order's flash sale and coupon, and a price moved by a sale, survive encoding")
  void newFields() throws IOException {
    Event order = new Event.OrderPlaced("o7", "v1", "JJ-01", 1, 29_900, 26_900, 1L, "f6", "C10", 3_000L);
    Event price = new Event.PriceChanged("JJ-01", 44_900, 29_900, false, false, "flash_start");

    assertThat(roundTrip(order).event()).isEqualTo(order);
    assertThat(roundTrip(price).event()).isEqualTo(price);
  }

  @Test
  @DisplayName("events stored before promotions read as they were: no sale, no coupon, a staff price change")
  void olderJournals() throws IOException {
    String stored = "{\"seq\":3,\"ts\":1,\"kind\":\"order.placed\",\"actor\":{\"role\":\"viewer\",\"id\":\"v1\"},"
        + "\"data\":{\"orderId\":\"o3\",\"viewerId\":\"v1\",\"itemId\":\"JJ-01\",\"qty\":1,\"priceCents\":100,"
        + "\"amountCents\":100,\"expiresAt\":9}}";
    byte[] bytes = stored.getBytes(StandardCharsets.UTF_8);

    assertThat(EventCodec.fromBytes(bytes, 0, bytes.length).event())
        .isEqualTo(new Event.OrderPlaced("o3", "v1", "JJ-01", 1, 100, 100, 9));
    byte[] plain = EventCodec.toBytes(new Recorded(3, 1, Actor.CONTROL, null, null,
        new Event.PriceChanged("JJ-01", 2, 1, false, false)));
    assertThat(new String(plain, StandardCharsets.UTF_8)).doesNotContain("reason");
  }
}
