package io.livedesk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
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
 * The server's configuration: {@code config/default.json} from the jar, then the {@code --config} file,
 * then the LIVEDESK_* environment variables, each overriding the one before (docs/protocol.md §Running and
 * configuration).
 */
public final class Config {

  /** Environment variable → the configuration path it sets. */
  private static final Map<String, String> ENV = Map.ofEntries(
      Map.entry("LIVEDESK_HOST", "http.host"),
      Map.entry("LIVEDESK_PORT", "http.port"),
      Map.entry("LIVEDESK_DATA_DIR", "dataDir"),
      Map.entry("LIVEDESK_ADMIN_TOKEN", "auth.adminToken"),
      Map.entry("LIVEDESK_ENGINE", "engine"),
      Map.entry("LIVEDESK_STORE", "store"),
      Map.entry("LIVEDESK_PG_URI", "postgres.uri"),
      Map.entry("LIVEDESK_REDIS_URI", "redis.uri"),
      Map.entry("LIVEDESK_NODE_ID", "nodeId"),
      Map.entry("LIVEDESK_VIEWER_SECRET", "viewers.signingSecret"),
      Map.entry("LIVEDESK_PAYMENT_SECRET", "payments.webhookSecret"),
      Map.entry("LIVEDESK_ORDER_HOLD_SECONDS", "orders.holdSeconds"));

  private final ObjectNode root;

  private Config(ObjectNode root) {
    this.root = root;
  }

  public static Config load(Path file, Map<String, String> env) throws IOException {
    ObjectNode root;
    try (InputStream defaults = Config.class.getResourceAsStream("/config/default.json")) {
      if (defaults == null) {
        throw new IOException("config/default.json is missing from the classpath");
      }
      root = (ObjectNode) Json.MAPPER.readTree(defaults);
    }
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
    return new Config(root);
  }

  /** A configuration from defaults and explicit overrides, for tests and embedding. */
  public static Config of(ObjectNode overrides) throws IOException {
    Config config = load(null, Map.of());
    merge(config.root, overrides);
    return config;
  }

  private static void merge(ObjectNode target, ObjectNode overrides) {
    Iterator<Map.Entry<String, JsonNode>> fields = overrides.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      JsonNode existing = target.get(field.getKey());
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

  /** Every key set, as a dotted path to a value (a list counts as one value), in file order. */
  public List<String> keys() {
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

  private JsonNode at(String path) {
    JsonNode node = root;
    for (String part : path.split("\\.")) {
      node = node.path(part);
    }
    return node;
  }

  public String text(String path) {
    JsonNode node = at(path);
    return node.isMissingNode() || node.isNull() ? null : node.asText();
  }

  public String text(String path, String fallback) {
    String value = text(path);
    return value == null || value.isBlank() ? fallback : value;
  }

  public int integer(String path, int fallback) {
    String value = text(path);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      return Integer.parseInt(value.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("configuration " + path + " must be a whole number, not '" + value + "'");
    }
  }

  public double decimal(String path, double fallback) {
    String value = text(path);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      return Double.parseDouble(value.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("configuration " + path + " must be a number, not '" + value + "'");
    }
  }

  public boolean flag(String path, boolean fallback) {
    String value = text(path);
    return value == null || value.isBlank() ? fallback : Boolean.parseBoolean(value.strip());
  }

  public List<String> list(String path) {
    List<String> out = new ArrayList<>();
    if (at(path) instanceof ArrayNode array) {
      array.forEach(item -> out.add(item.asText()));
    }
    return out;
  }
}
