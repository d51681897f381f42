package io.livedesk.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/** Whole-number figures of a report, an item or a studio answer, picked by name to be checked in one assertion. */
public final class Figures {

  private Figures() {
  }

  /** The figures named, in that order, each as a whole number; a figure that is missing fails the test. */
  public static Map<String, Long> whole(JsonNode figures, String... names) {
    Map<String, Long> picked = new LinkedHashMap<>();
    for (String name : names) {
      assertThat(figures.has(name)).as("figure " + name + " in " + figures).isTrue();
      picked.put(name, figures.get(name).asLong());
    }
    return picked;
  }
}
