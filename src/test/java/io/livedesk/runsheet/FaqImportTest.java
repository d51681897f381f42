package io.livedesk.runsheet;

import static io.livedesk.runsheet.Sheets.refusal;
import static org.assertj.core.api.Assertions.assertThat;

import io.livedesk.show.Faq;
import io.livedesk.show.ShowError.Detail;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("ready answers (faq) in a JSON run-sheet")
class FaqImportTest {

  private static final String ITEM = "{\"id\": \"A\", \"role\": \"main\", \"name\": \"n\", \"listPriceCents\": 100,"
      + " \"livePriceCents\": 100, \"stock\": 1";

  private static ImportResult json(String text) {
    return RunSheetImport.fromJson(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  @DisplayName("an item's faq and the show's are read, trimmed; a sheet without them has none")
  void read() {
    ImportResult result = json("{\"faq\": [{\"keywords\": [\"发货\"], \"answer\": \"48小时内发货\"}], \"items\": ["
        + ITEM + ", \"faq\": [{\"keywords\": [\" 包邮 \", \"运费\"], \"answer\": \" 全国包邮 \"}]}]}");
    assertThat(result.sheet().items().get(0).faq()).containsExactly(new Faq(List.of("包邮", "运费"), "全国包邮"));
    assertThat(result.sheet().faq()).containsExactly(new Faq(List.of("发货"), "48小时内发货"));
    assertThat(result.warnings()).isEmpty();
    ImportResult plain = json("{\"items\": [" + ITEM + "}]}");
    assertThat(plain.sheet().items().get(0).faq()).isNull();
    assertThat(plain.sheet().faq()).isNull();
  }

  @Test
  @DisplayName("a faq of the wrong shape, without keywords or with an answer past 200 characters is a problem on its item")
  void bounded() {
    for (String faq : List.of("\"包邮\"", "[{\"keywords\": [], \"answer\": \"a\"}]",
        "[{\"keywords\": [\"，\"], \"answer\": \"a\"}]", "[{\"keywords\": [\"包邮\"], \"answer\": \"" + "好".repeat(201) + "\"}]")) {
      assertThat(refusal(() -> json("{\"items\": [" + ITEM + ", \"faq\": " + faq + "}]}")).details())
          .as(faq).extracting(Detail::line, Detail::field).containsExactly(org.assertj.core.groups.Tuple.tuple(1, "faq"));
    }
  }

  @Test
  @DisplayName("a CSV faq column reads 包邮/运费=全国包邮|发货=48小时内发货; a cell of another shape is a problem on its line")
  void csvColumn() {
    String header = "role,id,name,listPriceCents,livePriceCents,stock,faq\r\n";
    ImportResult result = RunSheetImport.fromCsv((header
        + "main,A,杯子,100,100,1,包邮/运费=全国包邮|发货 = 48小时内发货\r\n").getBytes(StandardCharsets.UTF_8));
    assertThat(result.sheet().items().get(0).faq()).containsExactly(new Faq(List.of("包邮", "运费"), "全国包邮"),
        new Faq(List.of("发货"), "48小时内发货"));
    assertThat(refusal(() -> RunSheetImport.fromCsv((header + "main,A,杯子,100,100,1,包邮 全国包邮\r\n")
        .getBytes(StandardCharsets.UTF_8))).details()).extracting(Detail::line, Detail::field)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(2, "faq"));
  }

  @Test
  @DisplayName("the running sheet's .xlsx writes the faq column as the CSV reads it, so it imports again the same")
  void xlsxRoundTrip() {
    ImportResult csv = RunSheetImport.fromCsv(("role,id,name,listPriceCents,livePriceCents,stock,faq\r\n"
        + "main,A,杯子,100,100,1,包邮/运费=全国包邮\r\n").getBytes(StandardCharsets.UTF_8));
    byte[] xlsx = RunSheetXlsx.of(csv.sheet());
    assertThat(RunSheetImport.fromXlsx(xlsx).sheet().items().get(0).faq())
        .containsExactly(new Faq(List.of("包邮", "运费"), "全国包邮"));
  }
}
