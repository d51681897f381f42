package io.livedesk.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code Livedesk-Signature} header (docs/protocol.md §Webhooks): {@code t=<unix seconds>} and one
 * {@code v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>} per secret that signs, the current one first.
 */
public final class WebhookSignature {

  public static final String HEADER = "Livedesk-Signature";

  private WebhookSignature() {
  }

  public static String header(List<String> secrets, long unixSeconds, byte[] body) {
    StringBuilder header = new StringBuilder("t=").append(unixSeconds);
    for (String secret : secrets) {
      header.append(",v1=").append(sign(secret, unixSeconds, body));
    }
    return header.toString();
  }

  static String sign(String secret, long unixSeconds, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      mac.update((unixSeconds + ".").getBytes(StandardCharsets.US_ASCII));
      return HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
