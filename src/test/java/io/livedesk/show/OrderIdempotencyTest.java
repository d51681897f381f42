package io.livedesk.show;

import static io.livedesk.show.Scenario.item;
import static io.livedesk.show.Scenario.viewer;
import static org.assertj.core.api.Assertions.assertThat;

import io.livedesk.show.Command.PlaceOrder;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class OrderIdempotencyTest {

  private final Scenario show = Scenario.live(item("GRAPE", 8_800, 5, null));

  @Test
  @DisplayName("the same key from the same viewer returns the first result and records nothing new")
  void sameKeySameActor() {
    Map<String, Object> first = show.given(viewer("v1"), new PlaceOrder("GRAPE", 2), "k-1");
    long seq = show.state().seq();

    Decision.Repeated again = show.when(viewer("v1"), new PlaceOrder("GRAPE", 2)).key("k-1").repeated();

    assertThat(again).isEqualTo(new Decision.Repeated(seq, first));
    assertThat(show.state().seq()).isEqualTo(seq);
    assertThat(show.item("GRAPE").stock()).isEqualTo(3);
    assertThat(show.state().orders()).hasSize(1);
  }

  @Test
  @DisplayName("a repeat is answered with the first result even when the item has sold out since")
  void repeatAfterSoldOut() {
    Map<String, Object> first = show.given(viewer("v1"), new PlaceOrder("GRAPE", 2), "k-1");
    show.order("v2", "GRAPE", 3);

    Decision.Repeated again = show.when(viewer("v1"), new PlaceOrder("GRAPE", 2)).key("k-1").repeated();

    assertThat(again.result()).isEqualTo(first);
  }

  @Test
  @DisplayName("the same key from another viewer is another command")
  void sameKeyOtherActor() {
    Map<String, Object> first = show.given(viewer("v1"), new PlaceOrder("GRAPE", 1), "k-1");

    Map<String, Object> other = show.when(viewer("v2"), new PlaceOrder("GRAPE", 1)).key("k-1").accepted().result();

    assertThat(other.get("orderId")).isNotEqualTo(first.get("orderId"));
    assertThat(show.item("GRAPE").stock()).isEqualTo(3);
  }

  @Test
  @DisplayName("without a key every command counts")
  void noKey() {
    show.order("v1", "GRAPE", 1);
    show.order("v1", "GRAPE", 1);

    assertThat(show.state().orders()).hasSize(2);
  }

  @Test
  @DisplayName("keys are part of the history: a replayed show still answers a repeat with the first result")
  void keysSurviveReplay() {
    Map<String, Object> first = show.given(viewer("v1"), new PlaceOrder("GRAPE", 2), "k-1");
    long seq = show.state().seq();
    ShowState restarted = show.replayed();

    Decision again = show.decider().decide(restarted, new Request(viewer("v1"), new PlaceOrder("GRAPE", 2), "k-1"),
        show.now() + 1_000);

    assertThat(again).isEqualTo(new Decision.Repeated(seq, first));
  }
}
