package io.livedesk.http;

import java.nio.charset.StandardCharsets;

/** A Content-Disposition that saves a download under a readable name in any browser (RFC 6266, RFC 5987). */
final class Attachment {

  private static final String ATTR_CHARS = "!#$&+-.^_`|~";

  private Attachment() {
  }

  /** {@code fallback} is plain ASCII for old clients; {@code name} may hold any text, path characters are dropped. */
  static String disposition(String fallback, String name) {
    String clean = name.replaceAll("[\\\\/:*?\"<>|\\p{Cntrl}]", "").strip();
    return "attachment; filename=\"" + fallback + "\"; filename*=UTF-8''" + encoded(clean);
  }

  private static String encoded(String value) {
    StringBuilder out = new StringBuilder();
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xFF;
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || ATTR_CHARS.indexOf(c) >= 0) {
        out.append((char) c);
      } else {
        out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
      }
    }
    return out.toString();
  }
}
