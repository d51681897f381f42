package io.livedesk.show;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.livedesk.json.Json;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("each command and event kind is named once, on its record")
class VocabularyTest {

  @Test
  @DisplayName("every command and every event record has one name of its own, and the name leads back to it")
  void everyRecordNamedOnce() {
    namedOnce(Vocabulary.COMMANDS, Command.class);
    namedOnce(Vocabulary.EVENTS, Event.class);
  }

  private static <T> void namedOnce(Vocabulary<T> vocabulary, Class<T> family) {
    List<Class<?>> records = List.of(family.getPermittedSubclasses());
    assertThat(vocabulary.names()).hasSameSizeAs(records).doesNotHaveDuplicates()
        .allMatch(name -> name.matches("[a-z]+\\.[a-z_]+"));
    vocabulary.types().forEach((name, type) -> {
      assertThat(vocabulary.nameOf(type)).isEqualTo(name);
      assertThat(vocabulary.type(name)).isEqualTo(type);
    });
  }

  @Test
  @DisplayName("a command or an event answers with the name written on its record")
  void instancesAnswerTheirName() {
    assertThat(new Command.SetPrice("JJ-01", 100, false).name()).isEqualTo("item.set_price");
    assertThat(new Command.DropNode("n1").name()).isEqualTo("presence.drop_node");
    assertThat(new Event.PaymentMismatch("o1", "p1", "PAID", 1, 2).kind()).isEqualTo("order.payment_mismatch");
    assertThat(new Event.NoteSent("n1", "hi").kind()).isEqualTo("cue.note");
  }

  @Test
  @DisplayName("an unknown name is no record; a record of another family has no name here")
  void unknownNames() {
    assertThat(Vocabulary.COMMANDS.type("show.started")).isNull();
    assertThat(Vocabulary.COMMANDS.type(null)).isNull();
    assertThat(Vocabulary.EVENTS.type("show.start")).isNull();
    @SuppressWarnings({"unchecked", "rawtypes"})
    Vocabulary<Object> events = (Vocabulary) Vocabulary.EVENTS;
    assertThatThrownBy(() -> events.nameOf(Command.StartShow.class)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  @DisplayName("the name is not part of a record's data: stored and sent events carry it once, as their kind")
  void nameIsNotData() {
    assertThat(Json.tree(new Event.NoteSent("n1", "hi")).fieldNames()).toIterable().containsExactly("noteId", "text");
    assertThat(Json.tree(new Command.CloseLottery("l1")).fieldNames()).toIterable().containsExactly("lotteryId");
  }
}
