package io.livedesk.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.livedesk.engine.Reply;
import io.livedesk.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** A reply written straight to bytes is the same JSON, byte for byte, as built through a tree. */
class ReplyJsonTest {

  private static final List<Reply> REPLIES = replies();

  private static List<Reply> replies() {
    Map<String, Object> order = new LinkedHashMap<>();
    order.put("orderId", "o-12");
    order.put("itemId", "SHINE-MUSCAT-2");
    order.put("qty", 2);
    order.put("priceCents", 8800L);
    order.put("expiresAt", 1_795_968_780_464L);
    order.put("note", "葡萄 \"晴王\"\n\\u0001");
    order.put("nothing", null);
    order.put("list", List.of(1, "two", Map.of("three", 3)));
    Map<String, Object> flat = new LinkedHashMap<>();
    flat.put("orderId", "o-\"13\"\n");
    flat.put("qty", 1);
    flat.put("amountCents", -4400L);
    flat.put("paid", false);
    flat.put("flashId", "闪购");
    return List.of(new Reply(42, order), new Reply(43, flat), new Reply(7, Map.of()), new Reply(0, null));
  }

  /** What a REST command answered before: {@code ok}, {@code seq} and the result as a tree. */
  private static ObjectNode restTree(Reply reply) {
    ObjectNode node = Json.object();
    node.put("ok", true);
    node.put("seq", reply.seq());
    node.set("result", Json.tree(reply.result()));
    return node;
  }

  /** What a socket's reply was: the same, after its type and the command's id. */
  private static String socketTree(String id, Reply reply) {
    ObjectNode node = Json.object();
    node.put("type", "reply");
    node.put("id", id);
    node.setAll(restTree(reply));
    return Json.text(node);
  }

  @Test
  @DisplayName("a socket's reply: an order's, an empty one, one without id or result, and text that needs escaping")
  void socketReplySameBytesAsTheTree() {
    for (Reply reply : REPLIES) {
      for (String id : new String[] {"c-1", null, "引号\""}) {
        assertThat(new String(Replies.socket(id, reply), StandardCharsets.UTF_8)).isEqualTo(socketTree(id, reply));
      }
    }
  }

  @Test
  @DisplayName("a REST command's answer body is the bytes its tree gave")
  void restReplySameBytesAsTheTree() {
    for (Reply reply : REPLIES) {
      assertThat(Replies.rest(reply).json()).isEqualTo(Json.bytes(restTree(reply)));
    }
  }
}
