package io.livedesk.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.livedesk.http.Signatures;
import io.livedesk.json.Json;
import java.util.Map;

/** Payment notifications as the shop sends them: a JSON body signed with the webhook secret. */
public final class PaymentNotices {

  private PaymentNotices() {
  }

  /** The notice the protocol asks for: bound to a show and an amount; a test may take a field out before sending. */
  public static ObjectNode notice(String showId, String orderId, String status, String paymentId, long amountCents) {
    ObjectNode body = Json.object();
    body.put("showId", showId);
    body.put("orderId", orderId);
    body.put("status", status);
    body.put("paymentId", paymentId);
    body.put("amountCents", amountCents);
    return body;
  }

  /** The notice's bytes, as they are signed and sent. */
  public static byte[] body(String showId, String orderId, String status, String paymentId, long amountCents) {
    return Json.bytes(notice(showId, orderId, status, paymentId, amountCents));
  }

  /** The X-Signature header the shop sends with {@code body}. */
  public static String signature(String secret, byte[] body) {
    return Signatures.paymentSignature(secret, body);
  }

  /** Posts {@code body}, signed with {@code secret}, to the payments endpoint of {@code showId}. */
  public static Api.Response post(Api api, String secret, String showId, byte[] body) {
    return post(api, showId, body, signature(secret, body));
  }

  /** Posts {@code body} with the given X-Signature header, right or wrong, to the payments endpoint of {@code showId}. */
  public static Api.Response post(Api api, String showId, byte[] body, String signature) {
    return api.send("POST", "/api/shows/" + showId + "/payments", Map.of("Content-Type", "application/json",
        "X-Signature", signature), body);
  }
}
