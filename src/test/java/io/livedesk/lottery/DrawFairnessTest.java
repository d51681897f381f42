package io.livedesk.lottery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DrawFairnessTest {

  private static final int DRAWS = 20_000;
  /** Chi-square critical value for 9 degrees of freedom at p = 0.001. */
  private static final double CRITICAL_9_DF = 27.877;

  private final VerifiableDraw draw = new VerifiableDraw();
  private final List<String> ten = draw.sort(
      IntStream.range(0, 10).mapToObj(i -> "viewer-" + i).collect(Collectors.toList()));

  @Test
  @DisplayName("over 20,000 seeds each of ten entrants wins a single prize equally often")
  void singleWinnerIsUniform() {
    long[] wins = new long[ten.size()];
    for (long number = 0; number < DRAWS; number++) {
      wins[ten.indexOf(draw.draw(Seeds.numbered(number), ten, 1).get(0))]++;
    }

    assertThat(chiSquare(wins)).isLessThan(CRITICAL_9_DF);
  }

  @Test
  @DisplayName("in 3-of-10 draws the winners are distinct and every place goes to each entrant equally often")
  void everyPlaceIsUniform() {
    long[][] byPlace = new long[3][ten.size()];
    for (long number = 0; number < DRAWS; number++) {
      List<String> winners = draw.draw(Seeds.numbered(number), ten, 3);
      assertThat(winners).doesNotHaveDuplicates();
      for (int place = 0; place < 3; place++) {
        byPlace[place][ten.indexOf(winners.get(place))]++;
      }
    }

    for (int place = 0; place < 3; place++) {
      assertThat(chiSquare(byPlace[place])).as("place %d", place + 1).isLessThan(CRITICAL_9_DF);
    }
  }

  private static double chiSquare(long[] counts) {
    double expected = (double) DRAWS / counts.length;
    double sum = 0;
    for (long count : counts) {
      sum += (count - expected) * (count - expected) / expected;
    }
    return sum;
  }
}
