package io.livedesk.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/** Random secrets for staff, stored only as SHA-256 hashes and compared in constant time. */
public final class Tokens {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final char[] ID_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789".toCharArray();

  private Tokens() {
  }

  /** 256 random bits, URL-safe. */
  public static String newToken() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** A short show id that reads well in a URL: "s" and 10 unambiguous characters. */
  public static String newShowId() {
    StringBuilder id = new StringBuilder("s");
    for (int i = 0; i < 10; i++) {
      id.append(ID_ALPHABET[RANDOM.nextInt(ID_ALPHABET.length)]);
    }
    return id.toString();
  }

  public static byte[] seed() {
    byte[] seed = new byte[32];
    RANDOM.nextBytes(seed);
    return seed;
  }

  public static String hash(String token) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Whether {@code token} hashes to {@code storedHash}, in time independent of where they differ. */
  public static boolean matches(String token, String storedHash) {
    if (token == null || storedHash == null) {
      return false;
    }
    return MessageDigest.isEqual(hash(token).getBytes(StandardCharsets.US_ASCII),
        storedHash.getBytes(StandardCharsets.US_ASCII));
  }
}
