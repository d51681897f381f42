package io.livedesk.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.livedesk.http.Signatures;
import io.livedesk.json.Json;
import java.util.Map;

/** Payment notifications as the shop sends them: a JSON body signed with the webhook secret. */
public final class PaymentNotices {

  private PaymentNotices() {
  }

  /** The body the protocol asks for: bound to a show and an amount. */
  public static byte[] body(String showId, String orderId, String status, String paymentId, long amountCents) {
    ObjectNode body = Json.object();
    body.put("showId", showId);
    body.put("orderId", orderId);
    body.put("status", status);
    body.put("paymentId", paymentId);
    body.put("amountCents", amountCents);
    return Json.bytes(body);
  }

  /** Posts {@code body}, signed with {@code secret}, to the payments endpoint of {@code showId}. */
  public static Api.Response post(Api api, String secret, String showId, byte[] body) {
    return api.send("POST", "/api/shows/" + showId + "/payments", Map.of("Content-Type", "application/json",
        "X-Signature", "sha256=" + Signatures.hmacHex(secret, body)), body);
  }
}
