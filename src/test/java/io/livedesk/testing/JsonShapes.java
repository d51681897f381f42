package io.livedesk.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.livedesk.json.Json;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * JSON of every shape a caller of a public endpoint may send: wrong types, nulls, numbers past every
 * range, long digit strings, long and odd strings, deep nesting, arrays where objects belong. Values
 * are drawn from {@code words} often enough that a field a server reads is hit, not only missed.
 */
public final class JsonShapes {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final ObjectMapper ESCAPING = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

  private JsonShapes() {
  }

  /** Any JSON value at most {@code depth} containers deep; object keys are mostly {@code keys}. */
  public static Arbitrary<JsonNode> value(List<String> keys, List<String> words, int depth) {
    if (depth <= 0) {
      return scalar(words);
    }
    Arbitrary<JsonNode> inner = Arbitraries.lazy(() -> value(keys, words, depth - 1));
    return Arbitraries.frequencyOf(
        Tuple.of(6, scalar(words)),
        Tuple.of(2, array(inner)),
        Tuple.of(3, object(keys, inner)));
  }

  /** An object whose keys are mostly {@code keys}, with values of any shape. */
  public static Arbitrary<ObjectNode> object(List<String> keys, Arbitrary<JsonNode> values) {
    Arbitrary<String> key = Arbitraries.frequencyOf(
        Tuple.of(8, Arbitraries.of(keys)),
        Tuple.of(1, text()));
    return Combinators.combine(key, values).as(Tuple::of).list().ofMaxSize(6).map(entries -> {
      ObjectNode node = NODES.objectNode();
      entries.forEach(entry -> node.set(entry.get1(), entry.get2()));
      return node;
    });
  }

  private static Arbitrary<JsonNode> array(Arbitrary<JsonNode> values) {
    return values.list().ofMaxSize(5).map(list -> {
      ArrayNode node = NODES.arrayNode();
      list.forEach(node::add);
      return node;
    });
  }

  /** A JSON scalar: null, a flag, a number of any size or form, or a string. */
  public static Arbitrary<JsonNode> scalar(List<String> words) {
    return Arbitraries.frequencyOf(
        Tuple.of(1, Arbitraries.just(NODES.nullNode())),
        Tuple.of(1, Arbitraries.of(true, false).map(NODES::booleanNode)),
        Tuple.of(4, number()),
        Tuple.of(3, Arbitraries.of(words).map(NODES::textNode)),
        Tuple.of(3, text().map(NODES::textNode)));
  }

  /** Numbers a field of fen, units or seconds meets: edges of int and long, past them, fractions, exponents. */
  public static Arbitrary<JsonNode> number() {
    return Arbitraries.frequencyOf(
        Tuple.of(4, Arbitraries.longs().between(-2, 2_000).map(value -> NODES.numberNode(value))),
        Tuple.of(3, Arbitraries.of(0L, -1L, 999L, 1000L, (long) Integer.MAX_VALUE, Integer.MAX_VALUE + 1L,
            (long) Integer.MIN_VALUE, 4_294_967_297L, 10_000_000_000L, 10_000_000_001L, 1_000_000_000L, 1_000_000_001L, 9_007_199_254_740_993L,
            Long.MAX_VALUE, Long.MIN_VALUE).map(value -> NODES.numberNode(value))),
        Tuple.of(2, Arbitraries.longs().map(value -> NODES.numberNode(value))),
        Tuple.of(2, digits(19, 40).map(digits -> NODES.numberNode(new BigInteger(digits)))),
        Tuple.of(1, digits(900, 1200).map(digits -> NODES.numberNode(new BigInteger(digits)))),
        Tuple.of(2, Arbitraries.of(0.5, -0.0, 1e-7, 9.99, 1e308, -1e308, 49900.0)
            .map(value -> NODES.numberNode(value))),
        Tuple.of(1, Arbitraries.of("1e3", "1E+400", "-1e-400", "1.0", "123456789012345678901234567890.5")
            .map(text -> NODES.numberNode(new BigDecimal(text)))));
  }

  /** A string of decimal digits, without a leading zero, {@code min} to {@code max} long. */
  public static Arbitrary<String> digits(int min, int max) {
    return Combinators.combine(Arbitraries.chars().range('1', '9'),
        Arbitraries.strings().numeric().ofMinLength(min - 1).ofMaxLength(max - 1)).as((first, rest) -> first + rest);
  }

  /**
   * Strings people and programs send: blank, control characters, a NUL, right-to-left marks, CJK, emoji,
   * lone surrogates (they reach the server through {@code \ud800} escapes), digits, markup, and long ones.
   */
  public static Arbitrary<String> text() {
    return Arbitraries.frequencyOf(
        Tuple.of(1, Arbitraries.of("", " ", "\t\n", "\u0000", "\u3000", "\u202e", "\ud800", "\udfff",
            "<script>alert(1)</script>", "=1+1", "../../etc/passwd", "%00", "null", "true", "-0", "0x10")),
        Tuple.of(4, Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(20)),
        Tuple.of(2, Arbitraries.strings().withCharRange('\u4e00', '\u9fa5').withChars("，。！😀\u0000\u200b").ofMaxLength(12)),
        Tuple.of(2, Arbitraries.strings().all().ofMaxLength(12)),
        Tuple.of(1, digits(1, 40)),
        Tuple.of(1, Arbitraries.integers().between(1_000, 70_000)
            .map(length -> "长".repeat(length / 3) + "x".repeat(length % 3))));
  }

  /**
   * How a document travels: UTF-8 as written, every non-ASCII character escaped (how a lone surrogate
   * arrives, since UTF-8 cannot carry one), with a byte-order mark, or in UTF-16.
   */
  public enum Encoding {
    UTF8, ESCAPED, UTF8_BOM, UTF16;

    public byte[] bytes(JsonNode node) {
      try {
        return switch (this) {
          case UTF8 -> Json.text(node).getBytes(StandardCharsets.UTF_8);
          case ESCAPED -> ESCAPING.writeValueAsBytes(node);
          case UTF8_BOM -> ("\ufeff" + Json.text(node)).getBytes(StandardCharsets.UTF_8);
          case UTF16 -> Json.text(node).getBytes(StandardCharsets.UTF_16LE);
        };
      } catch (JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
