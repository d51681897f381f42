package io.livedesk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The layers of docs/design.md §Packages, read from the sources under src/main/java: what each package
 * may use, and no cycle between packages. A name counts where it is imported and where it is written out
 * in full in the code (comments left out).
 */
@DisplayName("the packages keep to their layers")
class LayersTest {

  private static final Path MAIN = Path.of("src/main/java");
  private static final Pattern PACKAGE = Pattern.compile("^package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);
  private static final Pattern IMPORT = Pattern.compile("^import\\s+(?:static\\s+)?([\\w.]+)(?:\\.\\*)?\\s*;",
      Pattern.MULTILINE);
  /** A name written out in full: a package path from a usual root, then a type. */
  private static final Pattern QUALIFIED = Pattern.compile(
      "(?<![\\w.])((?:java|javax|jakarta|jdk|sun|io|com|org|net)\\.(?:[a-z][a-z0-9_]*\\.)*[A-Z]\\w*)");
  private static final Pattern COMMENTS = Pattern.compile("//[^\\n]*|/\\*.*?\\*/", Pattern.DOTALL);
  private static final Pattern STRINGS = Pattern.compile("\"(?:\\\\.|[^\"\\\\\\n])*\"");

  /** One source file: its package, and every name it uses from elsewhere. */
  record Source(Path path, String pkg, Set<String> names) {}

  private static List<Source> sources;

  @BeforeAll
  static void read() throws IOException {
    try (Stream<Path> files = Files.walk(MAIN)) {
      sources = files.filter(path -> path.toString().endsWith(".java")).sorted().map(LayersTest::source).toList();
    }
    assertThat(sources).as("sources under " + MAIN.toAbsolutePath()).hasSizeGreaterThan(50);
  }

  private static Source source(Path path) {
    String text;
    try {
      text = Files.readString(path, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Matcher pkg = PACKAGE.matcher(text);
    assertThat(pkg.find()).as(path + " declares its package").isTrue();
    Set<String> names = new TreeSet<>();
    Matcher imports = IMPORT.matcher(text);
    while (imports.find()) {
      names.add(imports.group(1));
    }
    String code = STRINGS.matcher(COMMENTS.matcher(IMPORT.matcher(text).replaceAll("")).replaceAll(" ")).replaceAll("\"\"");
    Matcher qualified = QUALIFIED.matcher(code.substring(code.indexOf(';') + 1));
    while (qualified.find()) {
      names.add(qualified.group(1));
    }
    return new Source(MAIN.relativize(path), pkg.group(1), names);
  }

  /** Each file of the packages {@code where} that uses a name {@code forbidden} forbids, with those names. */
  private static Map<Path, Set<String>> uses(Predicate<String> where, Predicate<String> forbidden) {
    Map<Path, Set<String>> found = new TreeMap<>();
    for (Source source : sources) {
      if (where.test(source.pkg())) {
        source.names().stream().filter(forbidden).forEach(name ->
            found.computeIfAbsent(source.path(), p -> new TreeSet<>()).add(name));
      }
    }
    return found;
  }

  private static Predicate<String> within(String pkg) {
    return name -> name.equals(pkg) || name.startsWith(pkg + ".");
  }

  @Test
  @DisplayName("the domain (show) uses only the JDK's java.* and itself")
  void showIsPlainJava() {
    Predicate<String> allowed = within("java").or(within("io.livedesk.show"));

    assertThat(uses(within("io.livedesk.show"), allowed.negate())).isEmpty();
  }

  @Test
  @DisplayName("Vert.x internals, impl classes and Netty are used only in io.livedesk.vertx")
  void internalsOnlyBehindTheDoor() {
    Predicate<String> internal = within("io.netty").or(within("io.vertx.core.internal"))
        .or(name -> name.startsWith("io.vertx.") && name.contains(".impl."));

    assertThat(uses(within("io.livedesk.vertx").negate(), internal)).isEmpty();
  }

  @Test
  @DisplayName("the Redis client is used only under io.livedesk.engine.cluster")
  void redisOnlyInTheCluster() {
    assertThat(uses(within("io.livedesk.engine.cluster").negate(), within("io.vertx.redis"))).isEmpty();
  }

  @Test
  @DisplayName("the PostgreSQL client is used only under io.livedesk.store.postgres")
  void postgresOnlyInItsStore() {
    Predicate<String> sql = within("io.vertx.pgclient").or(within("io.vertx.sqlclient"));

    assertThat(uses(within("io.livedesk.store.postgres").negate(), sql)).isEmpty();
  }

  @Test
  @DisplayName("no cycle between packages")
  void noCycles() {
    Map<String, Set<String>> graph = dependencies();

    List<List<String>> cycles = cycles(graph);

    assertThat(cycles).as("cycles between packages, each from a package back to itself").isEmpty();
  }

  @Test
  @DisplayName("the cycle finder finds a cycle (so the test above can fail)")
  void cycleFinderFindsOne() {
    Map<String, Set<String>> graph = new TreeMap<>(Map.of(
        "a", Set.of("b"), "b", Set.of("c"), "c", Set.of("a", "d"), "d", Set.of()));

    assertThat(cycles(graph)).containsExactly(List.of("a", "b", "c", "a"));
  }

  /** Each package of io.livedesk and the packages of io.livedesk it uses. */
  private static Map<String, Set<String>> dependencies() {
    Set<String> packages = new TreeSet<>();
    sources.forEach(source -> packages.add(source.pkg()));
    Map<String, Set<String>> graph = new TreeMap<>();
    for (Source source : sources) {
      Set<String> used = graph.computeIfAbsent(source.pkg(), p -> new TreeSet<>());
      for (String name : source.names()) {
        String pkg = packageOf(name, packages);
        if (pkg != null && !pkg.equals(source.pkg())) {
          used.add(pkg);
        }
      }
    }
    return graph;
  }

  /** The longest package of ours that {@code name} is in (an imported package, class or nested class). */
  private static String packageOf(String name, Set<String> packages) {
    String candidate = name;
    while (!packages.contains(candidate)) {
      int dot = candidate.lastIndexOf('.');
      if (dot < 0) {
        return null;
      }
      candidate = candidate.substring(0, dot);
    }
    return candidate;
  }

  /** One cycle for each group of packages that reach each other, as the path that goes round it. */
  static List<List<String>> cycles(Map<String, Set<String>> graph) {
    List<List<String>> cycles = new ArrayList<>();
    Set<String> covered = new LinkedHashSet<>();
    for (String start : graph.keySet()) {
      if (covered.contains(start)) {
        continue;
      }
      List<String> path = pathBack(graph, start, start, new ArrayList<>(List.of(start)), new TreeSet<>());
      if (path != null) {
        covered.addAll(path);
        cycles.add(path);
      }
    }
    return cycles;
  }

  /** A path from {@code at} back to {@code start}, depth first, or null. */
  private static List<String> pathBack(Map<String, Set<String>> graph, String start, String at, List<String> path,
      Set<String> visited) {
    for (String next : graph.getOrDefault(at, Set.of())) {
      if (next.equals(start)) {
        List<String> cycle = new ArrayList<>(path);
        cycle.add(start);
        return cycle;
      }
      if (visited.add(next)) {
        path.add(next);
        List<String> found = pathBack(graph, start, next, path, visited);
        if (found != null) {
          return found;
        }
        path.remove(path.size() - 1);
      }
    }
    return null;
  }
}
