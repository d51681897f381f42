package io.livedesk.people;

import static io.livedesk.testing.Futures.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.livedesk.show.ErrorCode;
import io.livedesk.show.ShowError;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("passwords are kept as salted Argon2id hashes in PHC form")
class PasswordHashingTest {

  private static Vertx vertx;
  private static PasswordHashing passwords;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    passwords = new PasswordHashing(vertx);
  }

  @AfterAll
  static void stop() throws Exception {
    await(vertx.close());
  }

  @Test
  @DisplayName("a hash is a PHC string with the documented parameters and its own salt, and checks only its password")
  void hashesAndVerifies() throws Exception {
    String first = await(passwords.hash("雪花飘飘 snow"));
    String second = await(passwords.hash("雪花飘飘 snow"));

    assertThat(first).startsWith("$argon2id$v=19$m=19456,t=2,p=1$").doesNotContain("snow");
    assertThat(first).isNotEqualTo(second);
    assertThat(await(passwords.verify("雪花飘飘 snow", first))).isTrue();
    assertThat(await(passwords.verify("雪花飘飘 snow!", first))).isFalse();
    assertThat(await(passwords.verify("anything", null))).isFalse();
    assertThat(await(passwords.verify("anything", "$argon2id$v=19$m=999999999,t=2,p=1$AAAA$AAAA"))).isFalse();
  }

  @Test
  @DisplayName("hashing runs off the event loop, and beyond the queue a request is answered UNAVAILABLE at once")
  void bounded() throws Exception {
    List<Future<String>> many = new ArrayList<>();
    for (int i = 0; i < PasswordHashing.MAX_WAITING + 4; i++) {
      many.add(passwords.hash("password " + i));
    }

    long refused = many.stream().filter(f -> f.failed() && f.cause() instanceof ShowError error
        && error.code() == ErrorCode.UNAVAILABLE).count();
    assertThat(refused).isEqualTo(4);
    for (Future<String> hash : many.subList(0, PasswordHashing.MAX_WAITING)) {
      assertThat(await(hash)).startsWith("$argon2id$");
    }
    assertThatThrownBy(() -> await(many.get(many.size() - 1))).isInstanceOf(ShowError.class);
  }
}
