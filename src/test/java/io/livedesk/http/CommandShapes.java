package io.livedesk.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.livedesk.json.Json;
import io.livedesk.testing.ByteMutations;
import io.livedesk.testing.JsonShapes;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * What a caller of the command endpoint and socket may send: every command docs/protocol.md §Commands names,
 * arguments of every shape under the names commands read, and bodies that are not commands at all.
 */
final class CommandShapes {

  /** The command vocabulary of docs/protocol.md §Commands, the later sections' commands included. */
  static final List<String> COMMANDS = List.of("show.start", "show.end", "cue.go", "cue.next", "cue.prev",
      "runsheet.swap", "item.list", "item.delist", "item.set_price", "item.revert_price", "item.set_stock",
      "item.add_stock", "announce.publish", "announce.retract", "cue.note", "cue.ack", "lottery.open",
      "lottery.close", "lottery.draw", "viewer.click", "viewer.subscribe", "order.place", "order.cancel",
      "lottery.enter", "flash.schedule", "flash.cancel", "coupon.create", "coupon.issue", "coupon.stop",
      "coupon.claim", "comment.post", "comment.hide", "show.reserve", "approval.grant", "approval.deny",
      "viewer.join", "viewer.leave", "payment.record", "runsheet.load", "show.expire", "presence.drop_node");
  static final List<String> ARG_NAMES = List.of("itemId", "backupId", "segment", "list", "priceCents", "confirm",
      "stock", "delta", "text", "pinned", "announcementId", "noteId", "seq", "winners", "rule", "type", "keyword",
      "seconds", "lotteryId", "qty", "orderId", "expectPriceCents", "couponId", "expectedStock", "approvalId");

  private CommandShapes() {
  }

  /** A request body, kept as its parts so jqwik shrinks the document and the damage separately. */
  record Body(Form form, JsonNode document, JsonShapes.Encoding encoding, List<ByteMutations.Edit> edits, byte[] raw,
      String contentType) {

    byte[] bytes() {
      return switch (form) {
        case DOCUMENT -> encoding.bytes(document);
        case DAMAGED -> ByteMutations.apply(encoding.bytes(document), edits);
        case RAW -> raw;
      };
    }

    @Override
    public String toString() {
      byte[] bytes = bytes();
      String text = new String(bytes, 0, Math.min(bytes.length, 400), StandardCharsets.UTF_8);
      return form + " " + encoding + " " + contentType + " (" + bytes.length + " bytes) " + text
          + (form == Form.DAMAGED ? " edits " + edits : "");
    }
  }

  /** A document as written, a document damaged, or bytes that were never a document. */
  enum Form { DOCUMENT, DAMAGED, RAW }

  /** Values for arguments: ids that exist (so rules past the lookup are reached), words commands know, any JSON. */
  static Arbitrary<JsonNode> argument(List<String> ids) {
    List<String> words = new ArrayList<>(ids);
    words.addAll(List.of("opening", "closing", "any", "subscribed", "ordered", "keyword", "PAID", "main", "fan-1"));
    return JsonShapes.value(ARG_NAMES, words, 3);
  }

  /**
   * A command document {cmd, args, key?}: mostly a command with the arguments it reads, plausible values and
   * now and then one of any shape, so the rules behind the type checks are reached; else anything at all.
   */
  static Arbitrary<JsonNode> command(List<String> ids) {
    Arbitrary<JsonNode> values = argument(ids);
    Arbitrary<JsonNode> wildArgs = Arbitraries.frequencyOf(
        Tuple.of(7, JsonShapes.object(ARG_NAMES, values).map(node -> (JsonNode) node)),
        Tuple.of(1, values));
    Arbitrary<JsonNode> wildCmd = Arbitraries.frequencyOf(
        Tuple.of(9, Arbitraries.of(COMMANDS).map(name -> (JsonNode) TextNode.valueOf(name))),
        Tuple.of(1, JsonShapes.scalar(COMMANDS)));
    Arbitrary<JsonNode> key = JsonShapes.scalar(List.of("k1", "k2")).injectNull(0.7);
    Arbitrary<JsonNode> wild = Combinators.combine(wildCmd, wildArgs, key).as(CommandShapes::document);
    Arbitrary<JsonNode> plausible = Arbitraries.of(ARGS.keySet().stream().sorted().toList()).flatMap(cmd -> {
      List<Arbitrary<Tuple.Tuple2<String, JsonNode>>> fields = new ArrayList<>();
      // sorted, so a seed generates the same commands in every run
      new TreeMap<>(ARGS.get(cmd)).forEach((name, kind) -> fields.add(Arbitraries.frequencyOf(
          Tuple.of(12, kind.values(ids)), Tuple.of(1, values), Tuple.of(2, Arbitraries.just(MissingNode.getInstance())))
          .map(value -> Tuple.of(name, value))));
      return Combinators.combine(fields).as(pairs -> {
        ObjectNode args = Json.object();
        pairs.stream().filter(pair -> !pair.get2().isMissingNode()).forEach(pair -> args.set(pair.get1(), pair.get2()));
        return args;
      }).flatMap(args -> key.map(k -> document(TextNode.valueOf(cmd), args, k)));
    });
    return Arbitraries.frequencyOf(Tuple.of(4, plausible), Tuple.of(1, wild));
  }

  private static JsonNode document(JsonNode cmd, JsonNode args, JsonNode key) {
    ObjectNode body = Json.object();
    body.set("cmd", cmd);
    body.set("args", args);
    if (key != null) {
      body.set("key", key);
    }
    return body;
  }

  /** What an argument is, for plausible values. */
  enum ArgKind {
    ITEM, ID, NUMBER, TEXT, FLAG, SEGMENT, RULE;

    Arbitrary<JsonNode> values(List<String> ids) {
      return switch (this) {
        case ITEM -> Arbitraries.of("MAIN-A", "MAIN-B", "BACKUP-C", "PRIZE-D", "NO-SUCH").map(TextNode::valueOf);
        case ID -> Arbitraries.of(ids).map(TextNode::valueOf);
        case NUMBER -> Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.longs().between(-1, 10_000)
            .map(value -> (JsonNode) LongNode.valueOf(value))), Tuple.of(1, JsonShapes.number()));
        case TEXT -> JsonShapes.text().map(TextNode::valueOf);
        case FLAG -> Arbitraries.of(true, false).map(BooleanNode::valueOf);
        case SEGMENT -> Arbitraries.of("opening", "closing", "middle").map(TextNode::valueOf);
        case RULE -> Combinators.combine(Arbitraries.of("any", "subscribed", "ordered", "keyword", "ANY", "lucky"),
            JsonShapes.text().injectNull(0.5)).as((type, keyword) -> {
              ObjectNode rule = Json.object().put("type", type);
              if (keyword != null) {
                rule.put("keyword", keyword);
              }
              return (JsonNode) rule;
            });
      };
    }
  }

  /** The arguments each command of this server reads (docs/protocol.md §Commands). */
  private static final Map<String, Map<String, ArgKind>> ARGS = Map.ofEntries(
      Map.entry("show.start", Map.of()), Map.entry("show.end", Map.of()),
      Map.entry("cue.go", Map.of("itemId", ArgKind.ITEM, "segment", ArgKind.SEGMENT, "list", ArgKind.FLAG)),
      Map.entry("cue.next", Map.of()), Map.entry("cue.prev", Map.of()),
      Map.entry("runsheet.swap", Map.of("itemId", ArgKind.ITEM, "backupId", ArgKind.ITEM)),
      Map.entry("item.list", Map.of("itemId", ArgKind.ITEM)), Map.entry("item.delist", Map.of("itemId", ArgKind.ITEM)),
      Map.entry("item.set_price", Map.of("itemId", ArgKind.ITEM, "priceCents", ArgKind.NUMBER, "confirm", ArgKind.FLAG)),
      Map.entry("item.revert_price", Map.of("itemId", ArgKind.ITEM)),
      Map.entry("item.set_stock", Map.of("itemId", ArgKind.ITEM, "stock", ArgKind.NUMBER)),
      Map.entry("item.add_stock", Map.of("itemId", ArgKind.ITEM, "delta", ArgKind.NUMBER)),
      Map.entry("announce.publish", Map.of("text", ArgKind.TEXT, "pinned", ArgKind.FLAG)),
      Map.entry("announce.retract", Map.of("announcementId", ArgKind.ID)),
      Map.entry("cue.note", Map.of("text", ArgKind.TEXT)),
      Map.entry("cue.ack", Map.of("noteId", ArgKind.ID, "seq", ArgKind.NUMBER)),
      Map.entry("lottery.open", Map.of("itemId", ArgKind.ITEM, "winners", ArgKind.NUMBER, "rule", ArgKind.RULE,
          "seconds", ArgKind.NUMBER)),
      Map.entry("lottery.close", Map.of("lotteryId", ArgKind.ID)), Map.entry("lottery.draw", Map.of("lotteryId", ArgKind.ID)),
      Map.entry("viewer.click", Map.of("itemId", ArgKind.ITEM)), Map.entry("viewer.subscribe", Map.of()),
      Map.entry("order.place", Map.of("itemId", ArgKind.ITEM, "qty", ArgKind.NUMBER, "expectPriceCents", ArgKind.NUMBER)),
      Map.entry("order.cancel", Map.of("orderId", ArgKind.ID)),
      Map.entry("lottery.enter", Map.of("lotteryId", ArgKind.ID, "keyword", ArgKind.TEXT)),
      Map.entry("show.reserve", Map.of()));

  /** Bodies around a document: as written, damaged, or other bytes entirely; sizes past the limit included. */
  static Arbitrary<Body> bodies(Arbitrary<JsonNode> documents) {
    Arbitrary<String> types = Arbitraries.frequencyOf(
        Tuple.of(12, Arbitraries.just("application/json")),
        Tuple.of(1, Arbitraries.of("text/plain", "application/json; charset=utf-16", "text/csv",
            "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "")));
    Arbitrary<JsonShapes.Encoding> encodings = Arbitraries.frequencyOf(
        Tuple.of(6, Arbitraries.just(JsonShapes.Encoding.UTF8)),
        Tuple.of(1, Arbitraries.of(JsonShapes.Encoding.values())));
    Arbitrary<Body> documentBodies = Combinators.combine(documents, encodings, types)
        .as((document, encoding, type) -> new Body(Form.DOCUMENT, document, encoding, List.of(), null, type));
    Arbitrary<Body> damaged = Combinators.combine(documents, encodings, ByteMutations.edits(4), types)
        .as((document, encoding, edits, type) -> new Body(Form.DAMAGED, document, encoding, edits, null, type));
    Arbitrary<Body> raw = Combinators.combine(rawBytes(), types)
        .as((bytes, type) -> new Body(Form.RAW, null, JsonShapes.Encoding.UTF8, List.of(), bytes, type));
    return Arbitraries.frequencyOf(Tuple.of(10, documentBodies), Tuple.of(3, damaged), Tuple.of(3, raw));
  }

  /** Bytes that are not a command: empty, blank, random, deeply nested, far past the size limit, other JSON. */
  private static Arbitrary<byte[]> rawBytes() {
    return Arbitraries.frequencyOf(
        Tuple.of(1, Arbitraries.of("", " \r\n", "null", "[]", "[{\"cmd\":\"show.end\"}]", "\"show.end\"", "{}", "{",
            "{\"cmd\":\"cue.note\",\"args\":{\"text\":\"\\ud800\"}}", "{\"cmd\":\"cue.note\"}{\"cmd\":\"show.end\"}")
            .map(text -> text.getBytes(StandardCharsets.UTF_8))),
        Tuple.of(2, Arbitraries.bytes().array(byte[].class).ofMaxSize(300)),
        Tuple.of(1, Arbitraries.integers().between(100, 20_000).map(CommandShapes::deeplyNested)),
        Tuple.of(1, Arbitraries.integers().between(64 * 1024 - 100, 200 * 1024).map(CommandShapes::oversized)));
  }

  /** {"cmd":"cue.note","args":{"text":[[[…]]]}} nested {@code depth} arrays deep. */
  static byte[] deeplyNested(int depth) {
    return ("{\"cmd\":\"cue.note\",\"args\":{\"text\":" + "[".repeat(depth) + "]".repeat(depth) + "}}")
        .getBytes(StandardCharsets.UTF_8);
  }

  /** A note around {@code size} bytes long, around the 64 KiB a body may hold. */
  static byte[] oversized(int size) {
    String head = "{\"cmd\":\"cue.note\",\"args\":{\"text\":\"";
    String tail = "\"}}";
    return (head + "x".repeat(Math.max(0, size - head.length() - tail.length())) + tail).getBytes(StandardCharsets.UTF_8);
  }
}
