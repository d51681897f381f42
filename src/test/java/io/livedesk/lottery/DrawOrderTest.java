package io.livedesk.lottery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DrawOrderTest {

  private final VerifiableDraw draw = new VerifiableDraw();

  @Test
  @DisplayName("the comparator shows keep entrants in gives the same order as sorting by UTF-8 bytes")
  void comparatorMatchesUtf8ByteOrder() {
    List<String> ids = new ArrayList<>(List.of("\uFF21", "\uD83D\uDE00", "\uE000", "a", "ab", "b", "观众1", "观众",
        "\uD83D\uDE01x", "\uD83D\uDE00z", "Z", "z", "\uFFFF", "\u00E9", "e\u0301", "𝒜", "ｖｉｐ"));
    Random random = new Random(3);
    for (int i = 0; i < 2000; i++) {
      StringBuilder id = new StringBuilder();
      int length = 1 + random.nextInt(6);
      for (int j = 0; j < length; j++) {
        int[] pool = {'a' + random.nextInt(26), 0x4E00 + random.nextInt(500), 0xE000 + random.nextInt(8000),
            0x1F600 + random.nextInt(50), 0xFF10 + random.nextInt(40)};
        id.appendCodePoint(pool[random.nextInt(pool.length)]);
      }
      ids.add(id.toString());
    }
    List<String> byComparator = new ArrayList<>(ids);
    byComparator.sort(draw.order());

    assertThat(byComparator.stream().distinct().toList()).isEqualTo(draw.sort(ids));
  }
}
