package io.livedesk.lottery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class VerifiableDrawTest {

  private static final List<String> FIVE = List.of("alice", "bob", "carol", "dave", "erin");

  private final VerifiableDraw draw = new VerifiableDraw();

  @Test
  @DisplayName("the commitment is the lower-case hex SHA-256 of the seed")
  void commitmentIsSha256OfSeed() {
    assertThat(draw.commitment(Seeds.counting()))
        .isEqualTo("630dcd2966c4336691125448bbb25b4ff412a49c732db2c8abc1b8581bd710dd")
        .isEqualTo(ReferenceDraw.commitment(Seeds.counting()));
  }

  @Test
  @DisplayName("entrants sort by UTF-8 bytes, which puts U+FF21 before an emoji that String order puts first")
  void sortsByUtf8NotByUtf16() {
    String fullwidthA = "\uFF21";
    String grinningFace = "\uD83D\uDE00";
    assertThat(grinningFace.compareTo(fullwidthA)).as("String order").isNegative();

    assertThat(draw.sort(List.of(grinningFace, fullwidthA))).containsExactly(fullwidthA, grinningFace);
  }

  @Test
  @DisplayName("entrants sort by unsigned bytes: ASCII, then accented Latin, then CJK, then emoji")
  void sortsBytesUnsigned() {
    List<String> mixed = List.of("\uD83C\uDF81gift", "中文", "élodie", "Zed", "alice", "alice2", "\uE000", "7");

    assertThat(draw.sort(mixed))
        .containsExactly("7", "Zed", "alice", "alice2", "élodie", "中文", "\uE000", "\uD83C\uDF81gift")
        .isEqualTo(ReferenceDraw.sort(mixed));
  }

  @Test
  @DisplayName("each entrant is kept once however often it was given")
  void sortDropsDuplicates() {
    assertThat(draw.sort(List.of("bob", "alice", "bob", "carol", "alice", "bob")))
        .containsExactly("alice", "bob", "carol");
  }

  @Test
  @DisplayName("no entrants sort to an empty list")
  void sortsNothing() {
    assertThat(draw.sort(List.of())).isEmpty();
  }

  @Test
  @DisplayName("the entrants hash is SHA-256 of the ids joined by line feeds")
  void entrantsHashJoinsByLineFeed() {
    assertThat(draw.entrantsHash(FIVE))
        .isEqualTo("05677247b34f038e2ed8df248d2298b4d2301c0fe25f71ebbe53116ec9ff20e1")
        .isEqualTo(ReferenceDraw.entrantsHash(FIVE));
  }

  @Test
  @DisplayName("the entrants hash of nobody is SHA-256 of the empty string")
  void entrantsHashOfNobody() {
    assertThat(draw.entrantsHash(List.of()))
        .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  }

  @Test
  @DisplayName("the entrants hash of non-ASCII ids hashes their UTF-8")
  void entrantsHashOfNonAscii() {
    List<String> sorted = draw.sort(List.of("中文", "\uD83D\uDE00", "élodie"));

    assertThat(draw.entrantsHash(sorted)).isEqualTo(ReferenceDraw.entrantsHash(sorted));
  }

  @Test
  @DisplayName("seed 0x00..0x1f draws bob, dave and erin from alice to erin")
  void pinnedVector() {
    // Cross-checked by an independent implementation of the protocol (Python hmac/hashlib).
    List<String> expected = List.of("bob", "dave", "erin");

    assertThat(ReferenceDraw.draw(Seeds.counting(), FIVE, 3)).isEqualTo(expected);
    assertThat(draw.draw(Seeds.counting(), FIVE, 3)).isEqualTo(expected);
  }

  @Test
  @DisplayName("every draw agrees with an independent implementation of the protocol")
  void agreesWithReference() {
    for (int n : new int[] {1, 2, 3, 7, 10, 64, 1000}) {
      List<String> entrants = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        entrants.add("viewer-" + i);
      }
      List<String> sorted = draw.sort(entrants);
      for (long s = 0; s < 50; s++) {
        byte[] seed = Seeds.numbered(n * 1000L + s);
        for (int winners : new int[] {1, 3, n}) {
          assertThat(draw.draw(seed, sorted, winners))
              .as("n=%d seed=%d winners=%d", n, s, winners)
              .isEqualTo(ReferenceDraw.draw(seed, sorted, winners));
        }
      }
    }
  }

  @Test
  @DisplayName("asking for more winners than entrants draws every entrant once")
  void moreWinnersThanEntrants() {
    List<String> three = List.of("alice", "bob", "carol");

    List<String> winners = draw.draw(Seeds.counting(), three, 5);

    assertThat(winners).hasSize(3).containsExactlyInAnyOrderElementsOf(three)
        .isEqualTo(ReferenceDraw.draw(Seeds.counting(), three, 5));
  }

  @Test
  @DisplayName("a lottery nobody entered, or with no prizes, has no winners")
  void nobodyWins() {
    assertThat(draw.draw(Seeds.counting(), List.of(), 3)).isEmpty();
    assertThat(draw.draw(Seeds.counting(), FIVE, 0)).isEmpty();
  }

  @Test
  @DisplayName("a negative number of winners is refused")
  void negativeWinners() {
    assertThatThrownBy(() -> draw.draw(Seeds.counting(), FIVE, -1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  @DisplayName("fewer winners are a prefix of more winners from the same seed")
  void winnersArePrefixes() {
    List<String> two = draw.draw(Seeds.counting(), FIVE, 2);

    assertThat(draw.draw(Seeds.counting(), FIVE, 5).subList(0, 2)).isEqualTo(two);
  }

  @Test
  @DisplayName("entrants in a linked list draw the same winners as in an array list")
  void linkedListDrawsTheSame() {
    assertThat(draw.draw(Seeds.counting(), new LinkedList<>(FIVE), 3)).containsExactly("bob", "dave", "erin");
  }

  @Test
  @DisplayName("the draw leaves the sorted entrants untouched")
  void drawDoesNotShuffleTheInput() {
    List<String> sorted = new ArrayList<>(FIVE);

    draw.draw(Seeds.counting(), sorted, 5);

    assertThat(sorted).isEqualTo(FIVE);
  }
}
