package io.livedesk.runsheet;

import static io.livedesk.runsheet.Sheets.csvRefusal;
import static io.livedesk.runsheet.Sheets.refusal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.livedesk.show.ShowError;
import io.livedesk.show.ShowError.Detail;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Each fixture under runsheets/broken/ and exactly the problems it must report. Beside a fixture
 * {@code name.csv} or {@code name.json}, {@code name.problems} holds what the test of it shows (its first
 * line, after {@code #}) and every problem its import must report, in order, one a line:
 * {@code line field: message}, {@code -} for no line or no field.
 */
class BrokenCsvTest {

  private static final Pattern PROBLEM = Pattern.compile("(\\d+|-) (\\S+): (.+)");

  /** Fixtures whose problems the tests below check by other means, or other tests use. */
  private static final Set<String> CHECKED_ELSEWHERE =
      Set.of("multiline-script.csv", "several-problems.csv", "malformed.json");

  @TestFactory
  @DisplayName("each broken fixture reports exactly the problems written beside it")
  Stream<DynamicTest> expectedProblems() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    for (Path expected : fixtures("*.problems")) {
      List<String> lines = Files.readAllLines(expected, StandardCharsets.UTF_8);
      String name = expected.getFileName().toString().replace(".problems", "");
      Path csv = expected.resolveSibling(name + ".csv");
      String fixture = "broken/" + (Files.exists(csv) ? csv : expected.resolveSibling(name + ".json")).getFileName();
      List<Detail> problems = lines.stream().skip(1).map(BrokenCsvTest::problem).toList();
      tests.add(DynamicTest.dynamicTest(lines.get(0).substring(2), () ->
          assertThat(refusalOf(fixture).details()).containsExactlyElementsOf(problems)));
    }
    return tests.stream();
  }

  @Test
  @DisplayName("every broken fixture has its expected problems written beside it or a test of its own")
  void everyFixtureChecked() throws IOException {
    for (Path fixture : fixtures("*.{csv,json}")) {
      String name = fixture.getFileName().toString();
      assertThat(Files.exists(fixture.resolveSibling(name.substring(0, name.lastIndexOf('.')) + ".problems"))
          || CHECKED_ELSEWHERE.contains(name)).as(name).isTrue();
    }
  }

  private static List<Path> fixtures(String glob) throws IOException {
    Path dir;
    try {
      dir = Path.of(BrokenCsvTest.class.getResource("/runsheets/broken").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    List<Path> found = new ArrayList<>();
    try (var listing = Files.newDirectoryStream(dir, glob)) {
      listing.forEach(found::add);
    }
    found.sort(null);
    assertThat(found).as("fixtures " + glob).isNotEmpty();
    return found;
  }

  private static ShowError refusalOf(String fixture) {
    return fixture.endsWith(".json")
        ? refusal(() -> RunSheetImport.fromJson(Sheets.bytes(fixture)))
        : csvRefusal(fixture);
  }

  private static Detail problem(String line) {
    Matcher m = PROBLEM.matcher(line);
    if (!m.matches()) {
      throw new IllegalArgumentException("not a problem line: " + line);
    }
    return new Detail(m.group(1).equals("-") ? null : Integer.valueOf(m.group(1)),
        m.group(2).equals("-") ? null : m.group(2), m.group(3));
  }

  @Test
  @DisplayName("after a quoted script with line breaks, problems point at the physical line where each row starts")
  void multilineScriptThenBadRows() {
    assertThat(csvRefusal("broken/multiline-script.csv").details())
        .extracting(Detail::line, Detail::field)
        .containsExactly(tuple(7, "name"), tuple(8, "livePriceCents"), tuple(10, "stock"));
  }

  @Test
  @DisplayName("a sheet with many problems reports all of them at once, in sheet order")
  void severalProblems() {
    ShowError error = csvRefusal("broken/several-problems.csv");

    assertThat(error.getMessage()).isEqualTo("run-sheet has 10 problems");
    assertThat(error.details()).extracting(Detail::line, Detail::field).containsExactly(
        tuple(2, "name"),
        tuple(3, "livePriceCents"),
        tuple(3, "stock"),
        tuple(4, "role"),
        tuple(5, "id"),
        tuple(6, "winners"),
        tuple(7, null),
        tuple(8, "floorPriceCents"),
        tuple(8, "tiers"),
        tuple(8, "tiers"));
    assertThat(error.details().get(4).message()).isEqualTo("id K-1 is already used on line 2");
    assertThat(error.details().get(6).message())
        .isEqualTo("the row has 11 cells but the header has 10; put cells that hold commas in double quotes");
  }
}
