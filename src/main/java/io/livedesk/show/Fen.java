package io.livedesk.show;

/** Money is integer fen (1/100 yuan); this only formats it for people. */
public final class Fen {

  private Fen() {
  }

  /** 49900 → "¥499.00". */
  public static String yuan(long cents) {
    return "¥" + plain(cents);
  }

  /** 49900 → "499.00", -5 → "-0.05". */
  public static String plain(long cents) {
    String sign = cents < 0 ? "-" : "";
    long abs = Math.abs(cents);
    return sign + (abs / 100) + "." + (abs % 100 < 10 ? "0" : "") + (abs % 100);
  }
}
