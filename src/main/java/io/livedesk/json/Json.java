package io.livedesk.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.EnumFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;

/** The one JSON mapper of the server: enums in lower case, nulls left out, unknown fields ignored. */
public final class Json {

  /**
   * Characters a JSON number may have: more than any long or double needs, so that a long digit string is
   * refused while it is read, before a big number is made of it (docs/protocol.md §Limits that protect the show).
   */
  public static final int MAX_NUMBER_LENGTH = 24;

  public static final ObjectMapper MAPPER = JsonMapper.builder(boundedFactory())
      .enable(EnumFeature.WRITE_ENUMS_TO_LOWERCASE)
      .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
      .serializationInclusion(JsonInclude.Include.NON_NULL)
      .build();

  private Json() {
  }

  /** A parser factory with the reading limits of every JSON parser of the server; one per mapper. */
  public static JsonFactory boundedFactory() {
    return JsonFactory.builder()
        .streamReadConstraints(StreamReadConstraints.builder().maxNumberLength(MAX_NUMBER_LENGTH).build())
        .build();
  }

  public static ObjectNode object() {
    return JsonNodeFactory.instance.objectNode();
  }

  public static ArrayNode array() {
    return JsonNodeFactory.instance.arrayNode();
  }

  /** Something written field by field to a generator. */
  public interface Writing {
    void write(JsonGenerator json) throws IOException;
  }

  /**
   * A buffer and a generator writing into it for each thread that writes JSON field by field; only the
   * bytes a writing ends with are copied out. A generator is made once for many writings: making one (its
   * context, its I/O context, its buffers taken from the recycler and given back) cost more allocation per
   * order than the bytes it wrote (docs/benchmarks.md §Issue 19, fifth evening).
   */
  private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

  private static final class Scratch {
    /** Past this a buffer is not kept: a run-sheet's event may be large once, an order's never are. */
    static final int KEPT_BYTES = 64 * 1024;
    ByteArrayBuilder buffer = new ByteArrayBuilder(1024);
    /** Writes into {@link #buffer}; made again after a writing that did not end at the top level. */
    JsonGenerator generator;
    boolean inUse;

    JsonGenerator generator() throws IOException {
      if (generator == null) {
        generator = MAPPER.createGenerator(buffer);
        // one value after another at the top level, each its own writing: nothing between them
        generator.setRootValueSeparator(null);
      }
      return generator;
    }

    /** Drops the generator (and a grown buffer), so the next writing starts afresh. */
    void discard() {
      JsonGenerator dropped = generator;
      generator = null;
      buffer = new ByteArrayBuilder(1024);
      if (dropped != null) {
        try {
          // gives its buffers back to the recycler; what it writes goes into the dropped buffer
          dropped.close();
        } catch (IOException e) {
          // nothing it holds is kept: a writing's own failure, if any, is the one reported
        }
      }
    }
  }

  /**
   * The bytes {@code writing} writes, the same as through a tree: an order's frames, its journal line
   * and its answer are written so, thousands a second, and a buffer grown anew for each cost more
   * allocation than the bytes themselves.
   */
  public static byte[] written(Writing writing) throws IOException {
    Scratch scratch = SCRATCH.get();
    if (scratch.inUse) {
      // written from inside another writing: that one's buffer and generator are taken
      return writtenTo(new ByteArrayBuilder(256), writing);
    }
    scratch.inUse = true;
    boolean reusable = false;
    try {
      JsonGenerator json = scratch.generator();
      writing.write(json);
      if (json.getOutputContext().inRoot()) {
        json.flush();
        reusable = true;
      } else {
        // left open: closed as a generator of its own would close it, and not used again
        json.close();
      }
      return scratch.buffer.toByteArray();
    } finally {
      scratch.buffer.reset();
      if (!reusable || scratch.buffer.getCurrentSegment().length > Scratch.KEPT_BYTES) {
        scratch.discard();
      }
      scratch.inUse = false;
    }
  }

  private static byte[] writtenTo(ByteArrayBuilder out, Writing writing) throws IOException {
    try (JsonGenerator json = MAPPER.createGenerator(out)) {
      writing.write(json);
    }
    return out.toByteArray();
  }

  /** The bytes of {@code value} as the mapper writes it, through the thread's generator where it is free. */
  public static byte[] bytes(Object value) {
    try {
      return written(json -> MAPPER.writeValue(json, value));
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot encode " + value.getClass().getSimpleName(), e);
    }
  }

  public static String text(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot encode " + value.getClass().getSimpleName(), e);
    }
  }

  /** Parses JSON; malformed input is an {@link IOException}, for callers to map to INVALID_ARGUMENT. */
  public static JsonNode parse(byte[] bytes) throws IOException {
    return MAPPER.readTree(bytes);
  }

  public static JsonNode parse(String text) throws IOException {
    return MAPPER.readTree(text);
  }

  /** Whether a parse failed on a reading limit (a number too long) rather than on malformed JSON. */
  public static boolean overLimit(Throwable e) {
    return e instanceof StreamConstraintsException;
  }

  /** The message for a body or frame refused by a reading limit. */
  public static String overLimitMessage() {
    return "a number has more than " + MAX_NUMBER_LENGTH + " characters";
  }

  public static JsonNode tree(Object value) {
    return MAPPER.valueToTree(value);
  }

  public static <T> T convert(JsonNode node, Class<T> type) {
    try {
      return MAPPER.treeToValue(node, type);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
