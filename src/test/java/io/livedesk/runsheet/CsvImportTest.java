package io.livedesk.runsheet;

import static io.livedesk.runsheet.Sheets.csv;
import static io.livedesk.runsheet.Sheets.refusal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.livedesk.show.ItemRole;
import io.livedesk.show.ItemSpec;
import io.livedesk.show.RunSheet;
import io.livedesk.show.ShowError.Detail;
import java.nio.charset.Charset;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CsvImportTest {

  private static final String HEADER = "role,id,name,listPriceCents,livePriceCents,stock,script\r\n";

  /** Quotes a cell the way RFC 4180 and Excel do. */
  private static String quoted(String cell) {
    return "\"" + cell.replace("\"", "\"\"") + "\"";
  }

  @Test
  @DisplayName("scripts with commas, doubled quotes and line breaks round-trip exactly")
  void scriptsRoundTrip() {
    List<String> scripts = List.of(
        "原价499，今天\"只要\"399, 拍两件再减20",
        "第一行\r\n第二行\n第三行\r第四行",
        "  leading and trailing spaces  ",
        "\"\"\"",
        ",,,");
    String opening = "大家好,\n\"欢迎\"！";
    StringBuilder text = new StringBuilder(HEADER).append("opening,,,,,,").append(quoted(opening)).append("\r\n");
    for (int i = 0; i < scripts.size(); i++) {
      text.append("main,R-").append(i).append(",商品").append(i).append(",1000,800,10,")
          .append(quoted(scripts.get(i))).append("\r\n");
    }

    RunSheet sheet = csv(text.toString()).sheet();

    assertThat(sheet.opening()).isEqualTo(opening);
    assertThat(sheet.items()).extracting(ItemSpec::script).containsExactlyElementsOf(scripts);
  }

  @Test
  @DisplayName("columns come in any order, names padded or in any case; unknown ones are ignored with a warning")
  void headerIsFlexible() {
    ImportResult imported = csv(" Stock ,colour,NAME,id,role,livePriceCents,listPriceCents\n"
        + "10,红,苹果,A-1,main,800,1000\n");

    assertThat(imported.sheet().items()).singleElement().satisfies(item -> {
      assertThat(item.id()).isEqualTo("A-1");
      assertThat(item.stock()).isEqualTo(10);
      assertThat(item.livePriceCents()).isEqualTo(800);
    });
    assertThat(imported.warnings()).containsExactly("unknown columns were ignored: colour");
  }

  @Test
  @DisplayName("a header without role, id or name stops the import at line 1")
  void headerNeedsRoleIdName() {
    assertThat(refusal(() -> csv("id,listPriceCents\nA-1,100\n")).details()).containsExactly(
        new Detail(1, "role", "the header row has no role column"),
        new Detail(1, "name", "the header row has no name column"));
  }

  @Test
  @DisplayName("a quoting problem in one row does not hide the problems of the others")
  void quotingProblemAmongOthers() {
    String text = HEADER + "main,A,苹果,1000,800,10,\"脚本\"多余\r\nmain,B,,1000,800,10,\r\n";

    assertThat(refusal(() -> csv(text)).details()).containsExactly(
        new Detail(2, null, "text after a closing quote; quote the whole cell and double the quotes inside it"),
        new Detail(3, "name", "name is required"));
  }

  @Test
  @DisplayName("a column named twice in the header is a problem")
  void duplicateColumn() {
    assertThat(refusal(() -> csv("role,id,name,stock,stock\nmain,A,a,1,2\n")).details())
        .contains(new Detail(1, "stock", "column stock appears twice in the header"));
  }

  @Test
  @DisplayName("an empty file is refused at line 1")
  void emptyFile() {
    assertThat(refusal(() -> csv("\r\n,,,\r\n")).details()).extracting(Detail::line, Detail::field)
        .containsExactly(tuple(1, "role"));
  }

  @Test
  @DisplayName("blank rows, including rows of empty cells as Excel writes them, are skipped but still count as lines")
  void blankRowsSkipped() {
    String text = HEADER + "\r\n,,,,,,\r\nmain,A-1,苹果,1000,800,10,\r\n\r\nmain,A-1,香蕉,1000,800,10,\r\n";

    assertThat(refusal(() -> csv(text)).details())
        .containsExactly(new Detail(6, "id", "id A-1 is already used on line 4"));
  }

  @Test
  @DisplayName("defaults: 300 s for a main item, 0 for others; no limit, no floor, no tiers, no winners")
  void defaults() {
    RunSheet sheet = csv("role,id,name,listPriceCents,livePriceCents,stock,winners\n"
        + "main,M,主推,1000,800,10,\n"
        + "backup,B,备用,1000,800,10,\n"
        + "lottery,L,抽奖,,,,2\n").sheet();

    assertThat(sheet.items()).extracting(ItemSpec::role, ItemSpec::plannedSeconds, ItemSpec::limitPerViewer,
            ItemSpec::floorPriceCents, ItemSpec::winners, ItemSpec::script)
        .containsExactly(
            tuple(ItemRole.MAIN, 300L, null, null, 0, null),
            tuple(ItemRole.BACKUP, 0L, null, null, 0, null),
            tuple(ItemRole.LOTTERY, 0L, null, null, 2, null));
    assertThat(sheet.items().get(2).listPriceCents()).isZero();
    assertThat(sheet.opening()).isNull();
  }

  @Test
  @DisplayName("selling points split on | and are trimmed; link and imageUrl are kept")
  void sellingPointsAndAddresses() {
    ItemSpec item = csv("role,id,name,listPriceCents,livePriceCents,stock,sellingPoints,link,imageUrl\n"
        + "main,A,苹果,1000,800,10, 脆甜 ||果径80mm+ ,https://shop.example/a,https://img.example/a.jpg\n")
        .sheet().items().get(0);

    assertThat(item.sellingPoints()).containsExactly("脆甜", "果径80mm+");
    assertThat(item.link()).isEqualTo("https://shop.example/a");
    assertThat(item.imageUrl()).isEqualTo("https://img.example/a.jpg");
  }

  @Test
  @DisplayName("link and imageUrl must be http or https addresses, since pages put them in href and src")
  void scriptAddressesRefused() {
    String text = "role,id,name,listPriceCents,livePriceCents,stock,link,imageUrl\n"
        + "main,A,苹果,1000,800,10,javascript:alert(1),ftp://img.example/a.jpg\n";

    assertThat(refusal(() -> csv(text)).details()).containsExactly(
        new Detail(2, "link", "link must be an http:// or https:// address"),
        new Detail(2, "imageUrl", "imageUrl must be an http:// or https:// address"));
  }

  @Test
  @DisplayName("names over 200 characters and scripts over 5000 are refused, opening and closing included")
  void textLengths() {
    String longName = "果".repeat(RunSheetImport.MAX_NAME_LENGTH + 1);
    String longScript = "说".repeat(RunSheetImport.MAX_SCRIPT_LENGTH + 1);
    String text = HEADER
        + "opening,,,,,," + longScript + "\r\n"
        + "main,A," + longName + ",1000,800,10," + longScript + "\r\n"
        + "main,B," + "果".repeat(RunSheetImport.MAX_NAME_LENGTH) + ",1000,800,10,"
        + "说".repeat(RunSheetImport.MAX_SCRIPT_LENGTH) + "\r\n";

    assertThat(refusal(() -> csv(text)).details()).containsExactly(
        new Detail(2, "script", "script is longer than 5000 characters"),
        new Detail(3, "name", "name is longer than 200 characters"),
        new Detail(3, "script", "script is longer than 5000 characters"));
  }

  @Test
  @DisplayName("more than 500 items is one problem on the first item too many")
  void tooManyItems() {
    String rows = IntStream.rangeClosed(1, 502)
        .mapToObj(i -> "main,I-" + i + ",商品" + i + ",1000,800,10,")
        .collect(Collectors.joining("\n"));

    assertThat(refusal(() -> csv(HEADER + rows)).details())
        .containsExactly(new Detail(502, "items", "a run-sheet holds at most 500 items"));
  }

  @Test
  @DisplayName("an opening row with cells other than script imports with a warning naming the line")
  void openingWithExtraCells() {
    ImportResult imported = csv(HEADER + "opening,,,,,,大家好\r\nmain,A,苹果,1000,800,10,\r\nclosing,X,,,,,再见\r\n");

    assertThat(imported.sheet().closing()).isEqualTo("再见");
    assertThat(imported.warnings()).containsExactly(
        "opening and closing rows carry only a script; their other cells were ignored (line 4)");
  }

  @Test
  @DisplayName("GB18030 text is recognised because it is not valid UTF-8")
  void gb18030() {
    String text = HEADER + "main,A,烟台红富士苹果 10斤,6990,3990,1500,脆甜多汁，一天一个！\r\n";

    ItemSpec item = RunSheetImport.fromCsv(text.getBytes(Charset.forName("GB18030"))).sheet().items().get(0);

    assertThat(item.name()).isEqualTo("烟台红富士苹果 10斤");
    assertThat(item.script()).isEqualTo("脆甜多汁，一天一个！");
  }

  @Test
  @DisplayName("bytes that are neither UTF-8 nor GB18030 are refused with one problem")
  void undecodable() {
    byte[] bytes = {'r', 'o', 'l', 'e', '\n', (byte) 0xFF, (byte) 0xFF, (byte) 0x80};

    assertThat(refusal(() -> RunSheetImport.fromCsv(bytes)).details()).containsExactly(
        new Detail(null, null, "the file is neither UTF-8 nor GB18030 text; save it as CSV UTF-8"));
  }
}
