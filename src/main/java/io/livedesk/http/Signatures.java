package io.livedesk.http;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256 as the shop signs viewer tokens and payment notifications. */
public final class Signatures {

  private static final String PAYMENT_PREFIX = "sha256=";

  private Signatures() {
  }

  public static String hmacHex(String secret, byte[] message) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return java.util.HexFormat.of().formatHex(mac.doFinal(message));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Constant-time comparison of a received hex signature with the expected one. */
  public static boolean verify(String secret, byte[] message, String receivedHex) {
    if (receivedHex == null) {
      return false;
    }
    byte[] expected = hmacHex(secret, message).getBytes(StandardCharsets.US_ASCII);
    return MessageDigest.isEqual(expected, receivedHex.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
  }

  /** The {@code X-Signature} of a payment notification: {@code sha256=} and the HMAC of its body in hex. */
  public static String paymentSignature(String secret, byte[] body) {
    return PAYMENT_PREFIX + hmacHex(secret, body);
  }

  /** The hex HMAC a payment notification's {@code X-Signature} holds, or null when it is not of that form. */
  public static String paymentSignatureHex(String header) {
    return header != null && header.startsWith(PAYMENT_PREFIX) ? header.substring(PAYMENT_PREFIX.length()) : null;
  }

  /** A viewer token as the shop would sign it: {@code v1.<viewerId>.<expires>.<hex hmac>}. */
  public static String viewerToken(String secret, String viewerId, long expiresEpochSeconds) {
    String payload = "v1." + viewerId + "." + expiresEpochSeconds;
    return payload + "." + hmacHex(secret, payload.getBytes(StandardCharsets.UTF_8));
  }
}
