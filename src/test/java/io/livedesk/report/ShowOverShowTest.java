package io.livedesk.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.livedesk.json.Json;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("show over show: medians and the item history, from reports")
class ShowOverShowTest {

  @Test
  @DisplayName("a median is the middle value, or the two middle ones' mean rounded down for fen and exact for rates")
  void medians() {
    List<ObjectNode> three = List.of(totals(30_001, 0.5), totals(10_000, null), totals(20_000, 0.25));
    assertThat(ShowOverShow.median("gmvCents", three).asLong()).isEqualTo(20_000);
    // a null rate has no place among the values: the mean of 0.25 and 0.5
    assertThat(ShowOverShow.median("clickConversion", three).asDouble()).isEqualTo(0.375);
    List<ObjectNode> two = List.of(totals(30_001, 0.5), totals(10_000, null));
    assertThat(ShowOverShow.median("gmvCents", two).asLong()).as("20,000.5 fen rounds down").isEqualTo(20_000);
    assertThat(ShowOverShow.median("gmvCents", two).isIntegralNumber()).isTrue();
    assertThat(ShowOverShow.median("clickConversion", List.of(totals(1, null))).isNull()).isTrue();
    assertThat(ShowOverShow.median("gmvCents", List.of()).isNull()).isTrue();
  }

  @Test
  @DisplayName("an item's history leaves out rehearsals, shows still running and shows it neither aired nor sold in")
  void itemHistory() {
    ObjectNode ended = report("ended", false, item("A", 90, 1, 3_000, 4, 0.5));
    ObjectNode idle = report("ended", false, item("A", 0, 0, 0, 0, null));
    ObjectNode rehearsal = report("ended", true, item("A", 600, 9, 90_000, 9, 1.0));
    ObjectNode live = report("live", false, item("A", 600, 9, 90_000, 9, 1.0));

    JsonNode items = ShowOverShow.items(List.of(ended, idle, rehearsal, live));

    assertThat(items).hasSize(1);
    JsonNode a = items.get(0);
    assertThat(a.get("shows").asLong()).isEqualTo(1);
    assertThat(a.get("airedSeconds").asLong()).isEqualTo(90);
    // ¥30 over a minute and a half on air
    assertThat(a.get("gmvPerMinuteCents").asLong()).isEqualTo(2_000);
    assertThat(a.get("clickConversion").asDouble()).isEqualTo(0.5);
  }

  private static ObjectNode totals(long gmvCents, Double clickConversion) {
    ObjectNode report = Json.object();
    report.putObject("totals").put("gmvCents", gmvCents).put("clickConversion", clickConversion);
    return report;
  }

  private static ObjectNode report(String status, boolean rehearsal, ObjectNode item) {
    ObjectNode report = Json.object();
    report.putObject("show").put("status", status).put("rehearsal", rehearsal);
    report.putArray("items").add(item);
    return report;
  }

  private static ObjectNode item(String id, long airedSeconds, long orders, long gmvCents, long clickers,
      Double clickConversion) {
    return Json.object().put("id", id).put("name", "商品 " + id).put("airedSeconds", airedSeconds).put("orders", orders)
        .put("units", orders).put("gmvCents", gmvCents).put("paidGmvCents", gmvCents).put("clickers", clickers)
        .put("clickConversion", clickConversion);
  }
}
