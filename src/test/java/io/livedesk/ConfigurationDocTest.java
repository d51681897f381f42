package io.livedesk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("docs/protocol.md §Running and configuration and the binding name the same keys, defaults and variables")
class ConfigurationDocTest {

  private static final Pattern CODE = Pattern.compile("`([^`]*)`");
  private static final Pattern WHOLE_CODE = Pattern.compile("^`([^`]*)`$");

  /** Documented key → its default cell, and documented variable → its key. */
  private static final Map<String, String> DOCUMENTED_DEFAULTS = new HashMap<>();
  private static final Map<String, String> DOCUMENTED_VARIABLES = new HashMap<>();

  @BeforeAll
  static void readSection() throws Exception {
    String doc = Files.readString(Path.of("docs/protocol.md"));
    int start = doc.indexOf("## Running and configuration");
    int end = doc.indexOf("\n## ", start + 1);
    assertThat(start).as("the section exists").isNotNegative();
    List<String> header = null;
    for (String line : doc.substring(start, end).lines().toList()) {
      if (!line.startsWith("|")) {
        header = null;
        continue;
      }
      List<String> cells = cells(line);
      if (header == null) {
        header = cells;
      } else if (!cells.get(0).startsWith("---")) {
        row(header, cells);
      }
    }
  }

  private static List<String> cells(String line) {
    List<String> cells = new ArrayList<>();
    for (String cell : line.substring(1, line.length() - 1).split("\\|")) {
      cells.add(cell.strip());
    }
    return cells;
  }

  private static void row(List<String> header, List<String> cells) {
    int keyColumn = header.contains("configuration key") ? header.indexOf("configuration key") : header.indexOf("key");
    List<String> keys = codes(cells.get(keyColumn));
    String[] defaults = cells.get(header.indexOf("default")).split(", ");
    assertThat(defaults).as("one default per key in %s", cells).hasSize(keys.size());
    for (int i = 0; i < keys.size(); i++) {
      assertThat(DOCUMENTED_DEFAULTS.put(keys.get(i), defaults[i])).as("%s documented once", keys.get(i)).isNull();
    }
    if (header.contains("variable")) {
      DOCUMENTED_VARIABLES.put(codes(cells.get(header.indexOf("variable"))).get(0), keys.get(0));
    }
  }

  private static List<String> codes(String cell) {
    List<String> codes = new ArrayList<>();
    Matcher matcher = CODE.matcher(cell);
    while (matcher.find()) {
      codes.add(matcher.group(1));
    }
    return codes;
  }

  @Test
  @DisplayName("every key the binding reads is documented, and every documented key is one it reads")
  void sameKeys() {
    assertThat(ConfigRules.keys()).isNotEmpty().isEqualTo(DOCUMENTED_DEFAULTS.keySet());
  }

  @Test
  @DisplayName("config/default.json holds exactly the keys the binding reads")
  void defaultsFileHoldsEveryKey() throws Exception {
    assertThat(new HashSet<>(ConfigLayers.keys(ConfigLayers.defaults()))).isEqualTo(ConfigRules.keys());
  }

  @Test
  @DisplayName("each documented default is config/default.json's; a key without one says what happens instead")
  void sameDefaults() throws Exception {
    ObjectNode defaults = ConfigLayers.defaults();
    DOCUMENTED_DEFAULTS.forEach((key, documented) -> {
      JsonNode value = ConfigLayers.at(defaults, key);
      assertThat(value.isMissingNode()).as("%s is in config/default.json", key).isFalse();
      Matcher literal = WHOLE_CODE.matcher(documented);
      if (value.isNull()) {
        assertThat(literal.matches()).as("%s has no default, documented as '%s'", key, documented).isFalse();
      } else {
        assertThat(literal.matches()).as("%s's default is a literal, documented as '%s'", key, documented).isTrue();
        assertThat(literal.group(1)).as(key).isEqualTo(value.isValueNode() ? value.asText() : value.toString());
      }
    });
  }

  @Test
  @DisplayName("the documented environment variables are the ones read, each setting its key")
  void sameVariables() {
    assertThat(DOCUMENTED_VARIABLES).isEqualTo(ConfigLayers.ENV);
    Set<String> keys = ConfigRules.keys();
    assertThat(keys).containsAll(ConfigLayers.ENV.values());
  }
}
