package io.livedesk.show;

import java.util.HexFormat;

/** Lower-case hex, the form every hash and seed takes on the wire. */
public final class Hex {

  private static final HexFormat FORMAT = HexFormat.of();

  private Hex() {
  }

  public static String of(byte[] bytes) {
    return FORMAT.formatHex(bytes);
  }

  public static byte[] parse(String hex) {
    return FORMAT.parseHex(hex);
  }
}
