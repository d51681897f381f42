package io.livedesk.show;

import static io.livedesk.show.Scenario.item;
import static io.livedesk.show.Scenario.viewer;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.livedesk.report.ReportFacts;
import io.livedesk.report.ShowReport;
import io.livedesk.show.Command.Click;
import io.livedesk.show.Command.Join;
import io.livedesk.show.Command.Reserve;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("reservations (预约)")
class ReservationTest {

  private final Scenario show = Scenario.draft(item("GRAPE", 8_800, 5, null));

  @Test
  @DisplayName("a viewer reserves a draft show once; a repeat records nothing and answers the same count")
  void oncePerViewer() {
    assertThat(show.when(viewer("v1"), new Reserve()).then(new Event.ViewerReserved("v1")))
        .isEqualTo(Map.of("reservations", 1));
    assertThat(show.when(viewer("v1"), new Reserve()).thenNothing()).isEqualTo(Map.of("reservations", 1));
    assertThat(show.when(viewer("v2"), new Reserve()).then(new Event.ViewerReserved("v2")))
        .isEqualTo(Map.of("reservations", 2));
    assertThat(show.state().reservations().byViewer()).containsOnlyKeys("v1", "v2");
  }

  @Test
  @DisplayName("reservations close when the show starts: CONFLICT while live, SHOW_ENDED after")
  void onlyBeforeTheStart() {
    show.given(viewer("v1"), new Reserve());
    show.given(Actor.CONTROL, new Command.StartShow());
    show.when(viewer("v2"), new Reserve()).rejectedWith(ErrorCode.CONFLICT);
    show.when(viewer("v1"), new Reserve()).rejectedWith(ErrorCode.CONFLICT);
    show.given(Actor.CONTROL, new Command.EndShow());
    show.when(viewer("v2"), new Reserve()).rejectedWith(ErrorCode.SHOW_ENDED);
    assertThat(show.state().reservations().count()).isEqualTo(1);
  }

  @Test
  @DisplayName("a show keeps at most MAX_RESERVATIONS; past it a new viewer gets LIMIT_EXCEEDED, a reserved one her answer")
  void capped() {
    for (int i = 0; i < ShowRules.MAX_RESERVATIONS; i++) {
      show.and(viewer("v" + i), new Event.ViewerReserved("v" + i));
    }
    show.when(viewer("late"), new Reserve()).rejectedWith(ErrorCode.LIMIT_EXCEEDED);
    assertThat(show.when(viewer("v7"), new Reserve()).thenNothing())
        .isEqualTo(Map.of("reservations", ShowRules.MAX_RESERVATIONS));
  }

  @Test
  @DisplayName("the funnel counts reserved viewers who attended, clicked, ordered and paid, each once")
  void funnel() {
    show.given(viewer("early"), new Join("n1"));
    show.given(viewer("early"), new Reserve());
    show.given(viewer("buyer"), new Reserve());
    show.given(viewer("absent"), new Reserve());
    show.given(Actor.CONTROL, new Command.StartShow());
    show.given(Actor.CONTROL, new Command.ListItem("GRAPE"));
    show.given(viewer("buyer"), new Join("n1"));
    show.given(viewer("buyer"), new Join("n2"));
    show.given(viewer("buyer"), new Click("GRAPE"));
    show.given(viewer("buyer"), new Click("GRAPE"));
    show.paidOrder("buyer", "GRAPE", 1, "pay-1");
    show.paidOrder("buyer", "GRAPE", 1, "pay-2");
    show.given(viewer("early"), new Click("GRAPE"));
    show.given(viewer("walk-in"), new Join("n1"));
    show.given(viewer("walk-in"), new Click("GRAPE"));
    show.paidOrder("walk-in", "GRAPE", 1, "pay-3");

    JsonNode report = ShowReport.build(ReportFacts.of(show.state(), show.figures(), show.now()));

    assertThat(report.at("/totals/reservations").asLong()).isEqualTo(3);
    assertThat(report.at("/totals/reservedAttended").asLong()).isEqualTo(2);
    assertThat(report.at("/totals/uv").asLong()).as("a reservation alone is no visit").isEqualTo(3);
    JsonNode funnel = report.get("funnel");
    assertThat(funnel.get("reserved").asLong()).isEqualTo(3);
    assertThat(funnel.get("attended").asLong()).isEqualTo(2);
    assertThat(funnel.get("clicked").asLong()).isEqualTo(2);
    assertThat(funnel.get("ordered").asLong()).isEqualTo(1);
    assertThat(funnel.get("paid").asLong()).isEqualTo(1);
  }
}
