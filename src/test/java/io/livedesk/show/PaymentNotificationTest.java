package io.livedesk.show;

import static io.livedesk.show.Scenario.item;
import static io.livedesk.show.Scenario.viewer;
import static org.assertj.core.api.Assertions.assertThat;

import io.livedesk.show.Command.CancelOrder;
import io.livedesk.show.Command.Expire;
import io.livedesk.show.Command.RecordPayment;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PaymentNotificationTest {

  private static final long HOLD = ShowRules.DEFAULT_ORDER_HOLD_MILLIS;

  private final Scenario show = Scenario.live(item("GRAPE", 8_800, 5, null));

  @Test
  @DisplayName("PAID marks a pending order paid; it keeps its stock and no longer expires")
  void paid() {
    String order = show.order("v1", "GRAPE", 2);

    Map<String, Object> result = show.when(Actor.PAYMENT, show.payment(order, "PAID", "pay-1"))
        .then(new Event.OrderPaid(order, "pay-1"));

    assertThat(result).containsEntry("status", "PAID");
    assertThat(show.state().order(order).status()).isEqualTo(OrderState.Status.PAID);
    assertThat(show.state().order(order).paymentId()).isEqualTo("pay-1");
    show.advance(HOLD * 2);
    show.when(Actor.SYSTEM, new Expire()).thenNothing();
    assertThat(show.item("GRAPE").stock()).isEqualTo(3);
  }

  @Test
  @DisplayName("the same PAID notification again is answered PAID and records nothing")
  void paidIsIdempotent() {
    String order = show.paidOrder("v1", "GRAPE", 1, "pay-1");

    Map<String, Object> again = show.when(Actor.PAYMENT, show.payment(order, "PAID", "pay-1")).thenNothing();

    assertThat(again).containsEntry("status", "PAID").doesNotContainKey("conflict");
  }

  @Test
  @DisplayName("a second, different payment for a paid order is a conflict recorded for refund")
  void secondPaymentConflicts() {
    String order = show.paidOrder("v1", "GRAPE", 1, "pay-1");

    Map<String, Object> other = show.when(Actor.PAYMENT, show.payment(order, "PAID", "pay-2"))
        .then(new Event.PaymentConflict(order, "pay-2", "PAID"));

    assertThat(other).containsKey("conflict");
    assertThat(show.state().order(order).paymentId()).isEqualTo("pay-1");
  }

  @Test
  @DisplayName("FAILED is recorded and the order stays pending with its stock, so it can still be paid")
  void failed() {
    String order = show.order("v1", "GRAPE", 1);

    show.when(Actor.PAYMENT, show.payment(order, "FAILED", "pay-1")).then(new Event.PaymentFailed(order, "pay-1"));

    assertThat(show.state().order(order).status()).isEqualTo(OrderState.Status.PENDING);
    assertThat(show.item("GRAPE").stock()).isEqualTo(4);
    show.pay(order, "pay-2");
    assertThat(show.state().order(order).status()).isEqualTo(OrderState.Status.PAID);
  }

  @Test
  @DisplayName("a payment for a cancelled order is a conflict: recorded, and the stock stays released")
  void cancelledConflict() {
    String order = show.cancelledOrder("v1", "GRAPE", 2);

    Map<String, Object> result = show.when(Actor.PAYMENT, show.payment(order, "PAID", "pay-1"))
        .then(new Event.PaymentConflict(order, "pay-1", "CANCELLED"));

    assertThat(result).containsEntry("status", "CANCELLED").containsKey("conflict");
    assertThat(show.state().order(order).status()).isEqualTo(OrderState.Status.CANCELLED);
    assertThat(show.item("GRAPE").stock()).isEqualTo(5);
    assertThat(show.item("GRAPE").sold()).isZero();
  }

  @Test
  @DisplayName("a payment for an expired order is a conflict and does not resurrect its stock")
  void expiredConflict() {
    String order = show.order("v1", "GRAPE", 2);
    show.advance(HOLD);
    show.given(Actor.SYSTEM, new Expire());
    show.order("v2", "GRAPE", 5);

    show.when(Actor.PAYMENT, show.payment(order, "PAID", "pay-1"))
        .then(new Event.PaymentConflict(order, "pay-1", "EXPIRED"));
    assertThat(show.item("GRAPE").stock()).isZero();
    assertThat(show.item("GRAPE").sold()).isEqualTo(5);
  }

  @Test
  @DisplayName("a payment after the hold ran out but before the expiry was recorded expires the order first")
  void paymentRacesExpiry() {
    String order = show.order("v1", "GRAPE", 2);
    show.advance(HOLD + 1);

    show.when(Actor.PAYMENT, show.payment(order, "PAID", "pay-1"))
        .then(new Event.OrderExpired(order), new Event.PaymentConflict(order, "pay-1", "EXPIRED"));
    assertThat(show.state().order(order).status()).isEqualTo(OrderState.Status.EXPIRED);
    assertThat(show.item("GRAPE").stock()).isEqualTo(5);
    show.when(Actor.SYSTEM, new Expire()).thenNothing();
  }

  @Test
  @DisplayName("a conflicting payment notified again is not recorded twice")
  void conflictRecordedOnce() {
    String order = show.cancelledOrder("v1", "GRAPE", 1);
    show.pay(order, "pay-1");

    Map<String, Object> again = show.when(Actor.PAYMENT, show.payment(order, "PAID", "pay-1")).thenNothing();

    assertThat(again).containsKey("conflict");
  }

  @Test
  @DisplayName("a notification for an unknown order, with a bad status or no payment id is refused")
  void badNotifications() {
    String order = show.order("v1", "GRAPE", 1);

    show.when(Actor.PAYMENT, new RecordPayment("o999", "PAID", "p", 1)).rejectedWith(ErrorCode.NOT_FOUND);
    show.when(Actor.PAYMENT, show.payment(order, "REFUNDED", "p")).rejectedWith(ErrorCode.INVALID_ARGUMENT);
    show.when(Actor.PAYMENT, new RecordPayment(order, "PAID", " ", show.state().order(order).terms().amountCents())).rejectedWith(ErrorCode.INVALID_ARGUMENT);
  }

  @Test
  @DisplayName("a 1-fen payment for an 88-yuan order is a conflict recorded for the audit; the order stays pending")
  void amountMismatch() {
    String order = show.order("v1", "GRAPE", 1);

    Map<String, Object> result = show.when(Actor.PAYMENT, new RecordPayment(order, "PAID", "pay-1", 1))
        .then(new Event.PaymentMismatch(order, "pay-1", "PAID", 1, 8_800));

    assertThat(result).containsEntry("status", "PENDING").containsKey("conflict");
    assertThat(show.state().order(order).status()).isEqualTo(OrderState.Status.PENDING);
    assertThat(show.state().order(order).paymentId()).isNull();
    assertThat(show.item("GRAPE").paidUnits()).isZero();
  }

  @Test
  @DisplayName("a mismatched payment notified again is not recorded twice, and the right amount still pays")
  void mismatchRecordedOnce() {
    String order = show.order("v1", "GRAPE", 1);
    show.given(Actor.PAYMENT, new RecordPayment(order, "PAID", "pay-1", 1));

    Map<String, Object> again = show.when(Actor.PAYMENT, new RecordPayment(order, "PAID", "pay-1", 1)).thenNothing();

    assertThat(again).containsKey("conflict");
    show.when(Actor.PAYMENT, show.payment(order, "PAID", "pay-2")).then(new Event.OrderPaid(order, "pay-2"));
  }

  @Test
  @DisplayName("a payment first sent with a wrong amount, then with the right one to a cancelled order, is kept for a refund")
  void mismatchThenConflict() {
    String order = show.order("v1", "GRAPE", 1);
    show.given(Actor.PAYMENT, new RecordPayment(order, "PAID", "pay-1", 1));
    show.given(viewer("v1"), new CancelOrder(order));

    show.when(Actor.PAYMENT, show.payment(order, "PAID", "pay-1")).then(new Event.PaymentConflict(order, "pay-1", "CANCELLED"));
  }

  @Test
  @DisplayName("a mismatched payment for an order past its hold leaves even the expiry unrecorded")
  void mismatchChangesNothing() {
    String order = show.order("v1", "GRAPE", 2);
    show.advance(HOLD + 1);

    show.when(Actor.PAYMENT, new RecordPayment(order, "PAID", "pay-1", 17_500))
        .then(new Event.PaymentMismatch(order, "pay-1", "PAID", 17_500, 17_600));
    assertThat(show.state().order(order).status()).isEqualTo(OrderState.Status.PENDING);
  }

  @Test
  @DisplayName("order ids carry the show's id, so two shows never have an order of the same id")
  void orderIdsNameTheirShow() {
    Scenario a = Scenario.live("s-a", ShowRules.defaults(), item("GRAPE", 8_800, 5, null));
    Scenario b = Scenario.live("s-b", ShowRules.defaults(), item("GRAPE", 8_800, 5, null));

    String inA = a.order("v1", "GRAPE", 1);
    String inB = b.order("v1", "GRAPE", 1);

    assertThat(a.state().seq()).isEqualTo(b.state().seq());
    assertThat(inA).isEqualTo("s-a-o" + a.state().seq());
    assertThat(inB).isEqualTo("s-b-o" + b.state().seq());
    assertThat(b.state().order(inA)).isNull();
  }

  @Test
  @DisplayName("only the payment notifier records payments: a viewer paying their own order is forbidden")
  void onlyPayments() {
    String order = show.order("v1", "GRAPE", 1);

    show.when(viewer("v1"), show.payment(order, "PAID", "p")).rejectedWith(ErrorCode.FORBIDDEN);
    show.when(Actor.CONTROL, show.payment(order, "PAID", "p")).rejectedWith(ErrorCode.FORBIDDEN);
  }
}
