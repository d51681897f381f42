package io.livedesk.http;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256 as the shop signs viewer tokens and payment notifications. */
public final class Signatures {

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

  /** A viewer token as the shop would sign it: {@code v1.<viewerId>.<expires>.<hex hmac>}. */
  public static String viewerToken(String secret, String viewerId, long expiresEpochSeconds) {
    String payload = "v1." + viewerId + "." + expiresEpochSeconds;
    return payload + "." + hmacHex(secret, payload.getBytes(StandardCharsets.UTF_8));
  }
}
