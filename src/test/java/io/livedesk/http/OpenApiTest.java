package io.livedesk.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.livedesk.engine.WireFrames;
import io.livedesk.show.ErrorCode;
import io.livedesk.show.Vocabulary;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

@DisplayName("the OpenAPI description matches what the server does")
class OpenApiTest {

  static Map<String, Object> spec;

  @BeforeAll
  @SuppressWarnings("unchecked")
  static void parse() throws Exception {
    try (InputStream in = OpenApiTest.class.getResourceAsStream("/openapi.yaml")) {
      assertThat(in).as("openapi.yaml on the class path").isNotNull();
      spec = new Yaml(new LoaderOptions()).load(in);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object node) {
    return (Map<String, Object>) node;
  }

  private static Object at(String pointer) {
    Object node = spec;
    for (String part : pointer.substring(2).split("/")) {
      node = map(node).get(part.replace("~1", "/").replace("~0", "~"));
      assertThat(node).as("%s resolves", pointer).isNotNull();
    }
    return node;
  }

  @SuppressWarnings("unchecked")
  private static List<String> enumOf(String schema) {
    return (List<String>) map(at("#/components/schemas/" + schema)).get("enum");
  }

  /** Every route the router declares, as "METHOD /path/{param}". */
  private static Set<String> routes() throws Exception {
    // every route registration in the server's code: ApiServer's own and those registered beside it
    Pattern registration = Pattern.compile("\\b(?:r|router)\\.(get|post|put|delete|patch)\\(\"(/[^\"]*)\"\\)");
    Set<String> routes = new TreeSet<>();
    try (var sources = Files.walk(Path.of("src/main/java"))) {
      for (Path file : sources.filter(path -> path.toString().endsWith(".java")).toList()) {
        Matcher matcher = registration.matcher(Files.readString(file, StandardCharsets.UTF_8));
        while (matcher.find()) {
          routes.add(matcher.group(1).toUpperCase(Locale.ROOT) + " " + matcher.group(2).replaceAll(":(\\w+)", "{$1}"));
        }
      }
    }
    // the WebSocket upgrade is taken by the server's handshake handler rather than a router route
    if (Files.readString(Path.of("src/main/java/io/livedesk/http/ApiServer.java")).contains("\"/ws/shows/\"")) {
      routes.add("GET /ws/shows/{id}");
    }
    return routes;
  }

  @Test
  @DisplayName("it is OpenAPI 3.0 with a title and version")
  void header() {
    assertThat(String.valueOf(spec.get("openapi"))).startsWith("3.0");
    assertThat(map(spec.get("info"))).containsKeys("title", "version");
  }

  @Test
  @DisplayName("every route of the server is described with its method, and nothing else")
  void everyRoute() throws Exception {
    Set<String> described = new TreeSet<>();
    map(spec.get("paths")).forEach((path, item) -> map(item).keySet().stream()
        .filter(key -> Set.of("get", "post", "put", "delete", "patch").contains(key))
        .forEach(method -> described.add(method.toUpperCase(Locale.ROOT) + " " + path)));

    assertThat(routes()).hasSizeGreaterThanOrEqualTo(11);
    assertThat(described).isEqualTo(routes());
  }

  @Test
  @DisplayName("every $ref points at something that exists")
  void refsResolve() {
    List<String> refs = new ArrayList<>();
    collectRefs(spec, refs);
    assertThat(refs).isNotEmpty();
    refs.forEach(OpenApiTest::at);
  }

  private static void collectRefs(Object node, List<String> refs) {
    if (node instanceof Map<?, ?> object) {
      object.forEach((key, value) -> {
        if ("$ref".equals(key)) {
          refs.add((String) value);
        } else {
          collectRefs(value, refs);
        }
      });
    } else if (node instanceof List<?> list) {
      list.forEach(item -> collectRefs(item, refs));
    }
  }

  @Test
  @DisplayName("the auth schemes are bearer, X-Viewer, X-Viewer-Token and X-Signature")
  void securitySchemes() {
    Map<String, Object> schemes = map(at("#/components/securitySchemes"));
    assertThat(map(schemes.get("bearer"))).containsEntry("scheme", "bearer");
    assertThat(schemes.values()).extracting(scheme -> map(scheme).get("name"))
        .contains("X-Viewer", "X-Viewer-Token", "X-Signature");
  }

  @Test
  @DisplayName("every error code is listed")
  void errorCodes() {
    assertThat(enumOf("ErrorCode")).containsExactlyInAnyOrderElementsOf(
        Arrays.stream(ErrorCode.values()).map(Enum::name).toList());
  }

  @Test
  @DisplayName("the command names, event kinds and viewers' kinds are the code's vocabulary, none missing, none extra")
  void vocabulary() {
    assertThat(enumOf("EventKind")).containsExactlyInAnyOrderElementsOf(Vocabulary.EVENTS.names());
    assertThat(enumOf("CommandName")).containsExactlyInAnyOrderElementsOf(CommandParser.clientCommands());
    assertThat(map(spec.get("x-commands")).keySet()).containsExactlyInAnyOrderElementsOf(CommandParser.clientCommands());
    assertThat(enumOf("ViewerKind")).containsExactlyInAnyOrderElementsOf(WireFrames.VIEWER_KINDS);
  }

  @Test
  @DisplayName("the served vocabulary is described by the Vocabulary schema")
  void servedVocabulary() {
    List<String> served = new ArrayList<>();
    ServedVocabulary.body().fieldNames().forEachRemaining(served::add);
    assertThat(map(map(at("#/components/schemas/Vocabulary")).get("properties")).keySet())
        .containsExactlyInAnyOrderElementsOf(served);
  }

  @Test
  @DisplayName("the WebSocket frames are described in both directions")
  void frames() {
    List<String> server = ((List<?>) map(at("#/components/schemas/ServerFrame")).get("oneOf")).stream()
        .map(ref -> (String) map(ref).get("$ref")).toList();
    assertThat(server).extracting(ref -> ref.substring(ref.lastIndexOf('/') + 1))
        .containsExactlyInAnyOrder("WelcomeFrame", "EventFrame", "TickFrame", "ReplyFrame", "PongFrame",
            "ResyncFrame", "ErrorFrame");
    assertThat(map(map(at("#/components/schemas/ClientFrame")).get("discriminator")).get("mapping"))
        .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP).containsOnlyKeys("connect", "cmd", "ping");
  }
}
