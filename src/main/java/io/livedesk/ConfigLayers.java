package io.livedesk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.livedesk.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The configuration's sources merged into one tree, before it is bound: {@code config/default.json} from the
 * jar (every key and its default), then the {@code --config} file, then the LIVEDESK_* environment variables,
 * each overriding the one before (docs/protocol.md §Running and configuration). Only {@link ConfigRules}
 * reads the tree.
 */
final class ConfigLayers {

  /** Environment variable → the configuration key it sets. */
  static final Map<String, String> ENV = Map.ofEntries(
      Map.entry("LIVEDESK_HOST", "http.host"),
      Map.entry("LIVEDESK_PORT", "http.port"),
      Map.entry("LIVEDESK_TLS_CERT", "http.tls.cert"),
      Map.entry("LIVEDESK_TLS_KEY", "http.tls.key"),
      Map.entry("LIVEDESK_ALLOW_PLAIN_HTTP", "http.allowPlainHttp"),
      Map.entry("LIVEDESK_DATA_DIR", "dataDir"),
      Map.entry("LIVEDESK_ADMIN_TOKEN", "auth.adminToken"),
      Map.entry("LIVEDESK_ENGINE", "engine"),
      Map.entry("LIVEDESK_STORE", "store"),
      Map.entry("LIVEDESK_PG_URI", "postgres.uri"),
      Map.entry("LIVEDESK_REDIS_URI", "redis.uri"),
      Map.entry("LIVEDESK_NODE_ID", "nodeId"),
      Map.entry("LIVEDESK_VIEWER_SECRET", "viewers.signingSecret"),
      Map.entry("LIVEDESK_PAYMENT_SECRET", "payments.webhookSecret"),
      Map.entry("LIVEDESK_ORDER_HOLD_SECONDS", "orders.holdSeconds"),
      Map.entry("LIVEDESK_WARMUP_ROUNDS", "warmup.rounds"),
      Map.entry("LIVEDESK_EVENT_LOOPS", "eventLoops"));

  private ConfigLayers() {
  }

  /** {@code config/default.json} alone: every key the server reads, with its default (null: unset). */
  static ObjectNode defaults() throws IOException {
    try (InputStream defaults = ConfigLayers.class.getResourceAsStream("/config/default.json")) {
      if (defaults == null) {
        throw new IOException("config/default.json is missing from the classpath");
      }
      return (ObjectNode) Json.MAPPER.readTree(defaults);
    }
  }

  static ObjectNode load(Path file, Map<String, String> env) throws IOException {
    ObjectNode root = defaults();
    if (file != null) {
      JsonNode overrides;
      try {
        overrides = Json.parse(Files.readAllBytes(file));
      } catch (JsonProcessingException e) {
        throw new IOException(file + " is not valid JSON: " + e.getOriginalMessage(), e);
      } catch (IOException e) {
        throw new IOException(file + " cannot be read: " + e, e);
      }
      if (!overrides.isObject()) {
        throw new IOException(file + " must hold a JSON object");
      }
      merge(root, (ObjectNode) overrides);
    }
    for (Map.Entry<String, String> entry : ENV.entrySet()) {
      String value = env.get(entry.getKey());
      if (value != null && !value.isBlank()) {
        set(root, entry.getValue(), value.strip());
      }
    }
    return root;
  }

  /**
   * Merges {@code overrides} into {@code target} key by key. A null leaves the layer below in place: a key
   * given null is a key left out, so it keeps its default.
   */
  static void merge(ObjectNode target, ObjectNode overrides) {
    Iterator<Map.Entry<String, JsonNode>> fields = overrides.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      JsonNode existing = target.get(field.getKey());
      if (field.getValue().isNull() && existing != null) {
        continue;
      }
      if (existing instanceof ObjectNode existingObject && field.getValue() instanceof ObjectNode overrideObject) {
        merge(existingObject, overrideObject);
      } else {
        target.set(field.getKey(), field.getValue());
      }
    }
  }

  private static void set(ObjectNode root, String path, String value) {
    String[] parts = path.split("\\.");
    ObjectNode node = root;
    for (int i = 0; i < parts.length - 1; i++) {
      JsonNode child = node.get(parts[i]);
      if (!(child instanceof ObjectNode)) {
        child = node.putObject(parts[i]);
      }
      node = (ObjectNode) child;
    }
    node.put(parts[parts.length - 1], value);
  }

  /** Every key set in {@code root}, as a dotted path to a value (a list counts as one value), in file order. */
  static List<String> keys(ObjectNode root) {
    List<String> keys = new ArrayList<>();
    collectKeys(root, "", keys);
    return keys;
  }

  private static void collectKeys(ObjectNode node, String prefix, List<String> keys) {
    node.fields().forEachRemaining(field -> {
      String path = prefix + field.getKey();
      if (field.getValue() instanceof ObjectNode child) {
        collectKeys(child, path + ".", keys);
      } else {
        keys.add(path);
      }
    });
  }

  /** The value at a dotted key: a missing node when the tree has none. */
  static JsonNode at(ObjectNode root, String key) {
    JsonNode node = root;
    for (String part : key.split("\\.")) {
      node = node.path(part);
    }
    return node;
  }
}
