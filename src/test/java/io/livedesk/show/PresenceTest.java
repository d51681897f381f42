package io.livedesk.show;

import static io.livedesk.show.Scenario.given;
import static io.livedesk.show.Sheet.ended;
import static io.livedesk.show.Sheet.live;
import static io.livedesk.show.Sheet.loaded;
import static org.assertj.core.api.Assertions.assertThat;

import io.livedesk.show.Command.DropNode;
import io.livedesk.show.Command.Join;
import io.livedesk.show.Command.Leave;
import io.livedesk.show.Event.ViewerJoined;
import io.livedesk.show.Event.ViewerLeft;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("presence: viewer sockets per node")
class PresenceTest {

  @Test
  @DisplayName("a viewer's sockets count once however many tabs; the nodes holding sockets are known")
  void socketsAndNodes() {
    Scenario show = given(live());
    show.when(Actor.viewer("v1"), new Join("node-a")).then(new ViewerJoined("v1", "node-a"));
    show.when(Actor.viewer("v1"), new Join("node-b")).then(new ViewerJoined("v1", "node-b"));
    show.when(Actor.viewer("v2"), new Join("node-b")).then(new ViewerJoined("v2", "node-b"));

    assertThat(show.state().presence().online()).isEqualTo(2);
    assertThat(show.state().presence().nodes()).containsExactly("node-a", "node-b");
    show.when(Actor.viewer("v1"), new Leave("node-a")).then(new ViewerLeft("v1", "node-a", 1));
    assertThat(show.state().presence().nodes()).containsExactly("node-b");
    assertThat(show.state().presence().online()).isEqualTo(2);
  }

  @Test
  @DisplayName("dropping a node closes every socket on it, viewer by viewer, as the system")
  void dropNode() {
    Scenario show = given(live())
        .and(Actor.viewer("v1"), new ViewerJoined("v1", "old"), new ViewerJoined("v1", "old"))
        .and(Actor.viewer("v2"), new ViewerJoined("v2", "old"))
        .and(Actor.viewer("v3"), new ViewerJoined("v3", "other"));

    show.when(Actor.SYSTEM, new DropNode("old")).then(new ViewerLeft("v1", "old", 2), new ViewerLeft("v2", "old", 1));

    assertThat(show.state().presence().online()).isEqualTo(1);
    assertThat(show.state().presence().nodes()).containsExactly("other");
    assertThat(show.state().presence().peak()).isEqualTo(3);
    show.when(Actor.SYSTEM, new DropNode("old")).thenNothing();
  }

  @Test
  @DisplayName("a viewer may not join an ended show; leaving a socket never opened changes nothing")
  void joinAndLeaveEdges() {
    given(live()).and(ended()).when(Actor.viewer("v1"), new Join("node-a")).rejectedWith(ErrorCode.SHOW_ENDED);
    given(live()).when(Actor.viewer("v1"), new Leave("node-a")).thenNothing();
    given(loaded()).when(Actor.viewer("v1"), new Join("node-a")).then(new ViewerJoined("v1", "node-a"));
  }

  @Test
  @DisplayName("the end of the show closes every socket")
  void endClosesAll() {
    Scenario show = given(live()).and(Actor.viewer("v1"), new ViewerJoined("v1", "node-a"));

    show.when(new Command.EndShow()).then(ended());

    assertThat(show.state().presence().online()).isZero();
    assertThat(show.state().presence().nodes()).isEmpty();
    show.when(Actor.SYSTEM, new DropNode("node-a")).thenNothing();
  }
}
