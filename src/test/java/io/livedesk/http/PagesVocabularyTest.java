package io.livedesk.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.livedesk.engine.WireFrames;
import io.livedesk.show.Vocabulary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The pages name kinds only through {@code web/lib/vocabulary.js} ({@code kind('…')} and {@code byKind({…})}),
 * which refuses, as a page loads, a kind the served vocabulary lacks; this reads the same names from the
 * sources, so a page handling a kind the server does not have fails here without a browser.
 */
@DisplayName("the pages name only kinds and commands the server has")
class PagesVocabularyTest {

  private static final Pattern KIND = Pattern.compile("\\bkind\\('([^']*)'\\)");
  /** A table from its first line, {@code const NAME = byKind({}, to the line that closes it at the same indent. */
  private static final Pattern TABLE = Pattern.compile("^( *)const \\w+ = byKind\\(\\{(.*?)\\n\\1}\\);",
      Pattern.DOTALL | Pattern.MULTILINE);
  private static final Pattern TABLE_KEY = Pattern.compile("(?:^|[{,])\\s*'([^']*)'\\s*:", Pattern.MULTILINE);
  private static final Pattern RAW_KIND = Pattern.compile("(\\bkind\\s*[!=]==?\\s*'[a-z]+\\.[a-z_]+'|\\bcase\\s+'[a-z]+\\.[a-z_]+'\\s*:)");
  private static final Pattern LABEL = Pattern.compile("'kind\\.([^']*)'\\s*:");
  private static final Pattern SENT = Pattern.compile("\\bcommand\\('([^']*)'");

  static Map<Path, String> pages;
  static Set<String> kinds;

  @BeforeAll
  static void read() throws IOException {
    pages = new LinkedHashMap<>();
    try (Stream<Path> files = Files.walk(Path.of("web"))) {
      for (Path file : files.filter(path -> path.toString().endsWith(".js")).sorted().toList()) {
        String path = file.toString();
        if (!path.contains("node_modules") && !path.contains("vendor")) {
          pages.put(file, Files.readString(file, StandardCharsets.UTF_8));
        }
      }
    }
    kinds = new TreeSet<>(Vocabulary.EVENTS.names());
    kinds.addAll(WireFrames.VIEWER_KINDS);
  }

  private static List<String> all(Pattern pattern, String text) {
    return all(pattern, 1, text);
  }

  private static List<String> all(Pattern pattern, int group, String text) {
    List<String> found = new ArrayList<>();
    Matcher matcher = pattern.matcher(text);
    while (matcher.find()) {
      found.add(matcher.group(group));
    }
    return found;
  }

  /** Every kind a page handles: named with kind('…') or a key of a byKind({…}) table. */
  static Map<String, List<String>> handled() {
    Map<String, List<String>> handled = new LinkedHashMap<>();
    pages.forEach((file, text) -> {
      List<String> named = new ArrayList<>(all(KIND, text));
      all(TABLE, 2, text).forEach(table -> named.addAll(all(TABLE_KEY, table)));
      if (!named.isEmpty()) {
        handled.put(file.toString(), named);
      }
    });
    return handled;
  }

  @Test
  @DisplayName("every kind a page folds, describes or compares is an event kind or a viewers' kind of the server")
  void handledKindsAreKnown() {
    Map<String, List<String>> handled = handled();
    assertThat(handled.get("web/lib/show-model.js")).as("the kinds show-model.js folds").hasSizeGreaterThan(20);
    assertThat(handled).containsKeys("web/console/feed.js", "web/viewer/viewer.js");
    handled.forEach((file, named) -> assertThat(named).as("kinds handled by %s", file).isSubsetOf(kinds));
  }

  @Test
  @DisplayName("no page compares a kind with a string of its own, outside the vocabulary")
  void noRawKinds() {
    pages.forEach((file, text) -> assertThat(all(RAW_KIND, text))
        .as("kinds compared as bare strings in %s", file).isEmpty());
  }

  @Test
  @DisplayName("every event kind has a label on the pages, and every label is for a kind the server has")
  void labels() {
    Set<String> labelled = new TreeSet<>(all(LABEL, pages.get(Path.of("web/lib/show-texts.js"))));
    assertThat(labelled).isEqualTo(new TreeSet<>(Vocabulary.EVENTS.names()));
  }

  @Test
  @DisplayName("every command a page sends is one clients may send")
  void sentCommandsAreKnown() {
    List<String> sent = new ArrayList<>();
    pages.values().forEach(text -> sent.addAll(all(SENT, text)));
    assertThat(sent).contains("show.start", "item.set_price").isSubsetOf(CommandParser.clientCommands());
  }
}
