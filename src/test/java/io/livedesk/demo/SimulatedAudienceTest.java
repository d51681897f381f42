package io.livedesk.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.livedesk.show.ItemRole;
import io.livedesk.show.ItemSpec;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The simulated audience's appetite, worked out from its rates: a demo should look like a show, not a stampede. */
class SimulatedAudienceTest {

  /** Units the whole demo audience is expected to buy of an item during its (compressed) slot. */
  private static double expectedUnits(ItemSpec spec) {
    StageView.Item item = view(spec);
    double slotSeconds = spec.plannedSeconds() * DemoAutopilot.TIME_SCALE;
    double clicks = DemoShow.AUDIENCE * SimulatedAudience.clicksPerSecond(item) * slotSeconds;
    double meanQty = 1.2;
    return clicks * SimulatedAudience.orderRate(item) * meanQty;
  }

  private static StageView.Item view(ItemSpec spec) {
    return new StageView.Item(spec.id(), spec.role(), true, spec.stock(), spec.livePriceCents(), spec.listPriceCents(),
        spec.floorPriceCents(), 0, spec.plannedSeconds(), spec.script(), false);
  }

  private static List<ItemSpec> mainItems() throws Exception {
    return DemoShow.sampleSheet().items().stream().filter(spec -> spec.role() == ItemRole.MAIN).toList();
  }

  @Test
  @DisplayName("no item of the demo sheet is expected to sell out during its slot, yet every one sells some")
  void noStampede() throws Exception {
    for (ItemSpec spec : mainItems()) {
      double units = expectedUnits(spec);
      assertThat(units).as("%s: expected units in its slot out of %d", spec.id(), spec.stock())
          .isLessThan(spec.stock() * 0.5)
          .isGreaterThan(3);
    }
  }

  @Test
  @DisplayName("in a one-minute slot a viewer clicks the item on air less than once on average, cheap items more than dear ones")
  void clicksAreOccasional() throws Exception {
    for (ItemSpec spec : mainItems()) {
      double perViewer = SimulatedAudience.clicksPerSecond(view(spec)) * 60;
      assertThat(perViewer).as(spec.id()).isBetween(0.2, 1.0);
    }
    ItemSpec cheap = new ItemSpec("C", ItemRole.MAIN, "便宜", 1990, 990, null, 100, null, 300, null, null, null, null, null, 0);
    ItemSpec dear = new ItemSpec("D", ItemRole.MAIN, "贵", 99900, 89900, null, 100, null, 300, null, null, null, null, null, 0);
    assertThat(SimulatedAudience.clicksPerSecond(view(cheap))).isGreaterThan(SimulatedAudience.clicksPerSecond(view(dear)));
    assertThat(SimulatedAudience.orderRate(view(cheap))).isGreaterThan(SimulatedAudience.orderRate(view(dear)));
  }

  @Test
  @DisplayName("the crowd starts with a good share watching, fills up over two minutes and swells for a lottery")
  void crowdCurve() {
    assertThat(SimulatedAudience.curve(0, false)).isBetween(0.3, 0.5);
    assertThat(SimulatedAudience.curve(120_000, false)).isGreaterThan(SimulatedAudience.curve(30_000, false));
    assertThat(SimulatedAudience.curve(120_000, true)).isGreaterThan(SimulatedAudience.curve(120_000, false));
    assertThat(SimulatedAudience.curve(3_600_000, true)).isLessThanOrEqualTo(1.0);
  }

  @Test
  @DisplayName("the crowd's comments repeat the common questions: 包邮吗 comes up far more than the rarest")
  void commentsRepeat() {
    java.util.Random random = new java.util.Random(7);
    java.util.Map<String, Integer> said = new java.util.HashMap<>();
    for (int i = 0; i < 10_000; i++) {
      said.merge(DemoComments.pick(random), 1, Integer::sum);
    }
    assertThat(said.get("包邮吗？")).isGreaterThan(1_000);
    assertThat(said.values().stream().mapToInt(Integer::intValue).min().orElseThrow()).isLessThan(200);
    assertThat(said).hasSizeGreaterThan(8);
  }
}
