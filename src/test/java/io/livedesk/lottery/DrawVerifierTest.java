package io.livedesk.lottery;

import static org.assertj.core.api.Assertions.assertThat;

import io.livedesk.show.Hex;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DrawVerifierTest {

  private static final String SEED = Hex.of(Seeds.counting());
  private static final String COMMITMENT = "630dcd2966c4336691125448bbb25b4ff412a49c732db2c8abc1b8581bd710dd";
  private static final List<String> ENTRANTS = List.of("alice", "bob", "carol", "dave", "erin");
  private static final String ENTRANTS_HASH = "05677247b34f038e2ed8df248d2298b4d2301c0fe25f71ebbe53116ec9ff20e1";
  private static final List<String> WINNERS = List.of("bob", "dave", "erin");

  @Test
  @DisplayName("a genuine proof verifies")
  void genuineProof() {
    assertThat(DrawVerifier.verify(SEED, COMMITMENT, ENTRANTS, ENTRANTS_HASH, WINNERS, 3)).isTrue();
  }

  @Test
  @DisplayName("a proof made by the draw itself verifies, for non-ASCII entrants too")
  void roundTrip() {
    VerifiableDraw draw = new VerifiableDraw();
    byte[] seed = Seeds.numbered(7);
    List<String> sorted = draw.sort(List.of("中文", "\uD83D\uDE00", "élodie", "\uFF21", "zoe", "Bob"));

    assertThat(DrawVerifier.verify(Hex.of(seed), draw.commitment(seed), sorted, draw.entrantsHash(sorted),
        draw.draw(seed, sorted, 2), 2)).isTrue();
  }

  @Test
  @DisplayName("a lottery with more prizes than entrants verifies with every entrant winning")
  void morePrizesThanEntrants() {
    List<String> everyone = new VerifiableDraw().draw(Seeds.counting(), ENTRANTS, 9);

    assertThat(DrawVerifier.verify(SEED, COMMITMENT, ENTRANTS, ENTRANTS_HASH, everyone, 9)).isTrue();
  }

  @Test
  @DisplayName("a lottery nobody entered verifies with no winners")
  void nobodyEntered() {
    String emptyHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    assertThat(DrawVerifier.verify(SEED, COMMITMENT, List.of(), emptyHash, List.of(), 3)).isTrue();
  }

  @Test
  @DisplayName("a seed other than the committed one fails")
  void otherSeed() {
    String other = Hex.of(Seeds.numbered(1));

    assertThat(DrawVerifier.verify(other, COMMITMENT, ENTRANTS, ENTRANTS_HASH, WINNERS, 3)).isFalse();
    assertThat(DrawVerifier.verify(SEED, new VerifiableDraw().commitment(Seeds.numbered(1)), ENTRANTS,
        ENTRANTS_HASH, WINNERS, 3)).isFalse();
  }

  @Test
  @DisplayName("entrants that differ from the published hash fail")
  void otherEntrants() {
    List<String> withoutAlice = ENTRANTS.subList(1, 5);

    assertThat(DrawVerifier.verify(SEED, COMMITMENT, withoutAlice, ENTRANTS_HASH, WINNERS, 3)).isFalse();
    assertThat(DrawVerifier.verify(SEED, COMMITMENT, ENTRANTS, ENTRANTS_HASH.replace('0', '1'), WINNERS, 3))
        .isFalse();
  }

  @Test
  @DisplayName("entrants out of UTF-8 order or repeated fail even when the hash matches them")
  void unsortedEntrants() {
    List<String> reversed = List.of("erin", "dave", "carol", "bob", "alice");
    List<String> repeated = List.of("alice", "bob", "bob", "carol", "dave", "erin");
    VerifiableDraw draw = new VerifiableDraw();

    assertThat(DrawVerifier.verify(SEED, COMMITMENT, reversed, draw.entrantsHash(reversed),
        draw.draw(Seeds.counting(), reversed, 3), 3)).isFalse();
    assertThat(DrawVerifier.verify(SEED, COMMITMENT, repeated, draw.entrantsHash(repeated),
        draw.draw(Seeds.counting(), repeated, 3), 3)).isFalse();
  }

  @Test
  @DisplayName("other winners, the right winners in another order, or too few winners fail")
  void otherWinners() {
    assertThat(DrawVerifier.verify(SEED, COMMITMENT, ENTRANTS, ENTRANTS_HASH, List.of("alice", "dave", "erin"), 3))
        .isFalse();
    assertThat(DrawVerifier.verify(SEED, COMMITMENT, ENTRANTS, ENTRANTS_HASH, List.of("dave", "bob", "erin"), 3))
        .isFalse();
    assertThat(DrawVerifier.verify(SEED, COMMITMENT, ENTRANTS, ENTRANTS_HASH, List.of("bob", "dave"), 3))
        .isFalse();
  }

  @Test
  @DisplayName("a missing, malformed or short seed fails instead of throwing")
  void malformedProof() {
    String shortSeed = SEED.substring(0, 62);
    VerifiableDraw draw = new VerifiableDraw();

    assertThat(DrawVerifier.verify(null, COMMITMENT, ENTRANTS, ENTRANTS_HASH, WINNERS, 3)).isFalse();
    assertThat(DrawVerifier.verify("not hex", COMMITMENT, ENTRANTS, ENTRANTS_HASH, WINNERS, 3)).isFalse();
    assertThat(DrawVerifier.verify(shortSeed, draw.commitment(Hex.parse(shortSeed)), ENTRANTS, ENTRANTS_HASH,
        draw.draw(Hex.parse(shortSeed), ENTRANTS, 3), 3)).isFalse();
    assertThat(DrawVerifier.verify(SEED, COMMITMENT, ENTRANTS, ENTRANTS_HASH, null, 3)).isFalse();
    assertThat(DrawVerifier.verify(SEED, COMMITMENT, ENTRANTS, ENTRANTS_HASH, WINNERS, -1)).isFalse();
  }
}
