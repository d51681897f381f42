package io.livedesk.show;

import java.util.Locale;

/** The names enums go by on the wire: their constants' names in lower case (docs/protocol.md). */
final class WireNames {

  private WireNames() {
  }

  static String of(Enum<?> constant) {
    return constant.name().toLowerCase(Locale.ROOT);
  }

  /** The constant going by this wire name, or null when none does (a null name included). */
  static <E extends Enum<E>> E parse(E[] constants, String name) {
    for (E constant : constants) {
      if (of(constant).equals(name)) {
        return constant;
      }
    }
    return null;
  }
}
