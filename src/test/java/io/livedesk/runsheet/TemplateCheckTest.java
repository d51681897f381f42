package io.livedesk.runsheet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.json.JsonMapper;
import io.livedesk.show.ItemRole;
import io.livedesk.show.ItemSpec;
import io.livedesk.show.RunSheet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class TemplateCheckTest {

  private static final RunSheet SAMPLE = RunSheetImport.fromCsv(Sheets.bytes("sample-runsheet.csv")).sheet();

  private static RunSheet sheet(int main, int backup, int lottery, long mainSeconds) {
    List<ItemSpec> items = new ArrayList<>();
    for (int i = 0; i < main; i++) {
      items.add(item("M-" + i, ItemRole.MAIN, mainSeconds));
    }
    for (int i = 0; i < backup; i++) {
      items.add(item("B-" + i, ItemRole.BACKUP, 0));
    }
    for (int i = 0; i < lottery; i++) {
      items.add(item("L-" + i, ItemRole.LOTTERY, 0));
    }
    return new RunSheet(null, null, items);
  }

  private static ItemSpec item(String id, ItemRole role, long seconds) {
    return new ItemSpec(id, role, id, 1000, 800, null, 10, null, seconds, null, null, null, null, null,
        role == ItemRole.LOTTERY ? 1 : 0);
  }

  @Test
  @DisplayName("the sample (24/4/6, 24 × 300 s = 120 min) gives no warnings for a 120-minute show")
  void sampleFitsTemplate() {
    assertThat(SAMPLE.plannedSeconds()).isEqualTo(7200);
    assertThat(TemplateCheck.warnings(SAMPLE, 120)).isEmpty();
  }

  @Test
  @DisplayName("a sheet of the wrong shape gets one warning per role that is off")
  void wrongShape() {
    assertThat(TemplateCheck.warnings(sheet(20, 4, 3, 360), 120)).containsExactly(
        "20 main items where the template has 24 (主推款20个，模板24个)",
        "3 lottery items where the template has 6 (抽奖3个，模板6个)");
    assertThat(TemplateCheck.warnings(sheet(24, 0, 6, 300), 120))
        .containsExactly("0 backup items where the template has 4 (备用款0个，模板4个)");
  }

  @Test
  @DisplayName("a planned total more than 10% off the show's minutes is a warning, either way")
  void plannedTimeFarOff() {
    assertThat(TemplateCheck.warnings(SAMPLE, 90))
        .containsExactly("the items are planned for 120 min but the show for 90 min (排期合计120分钟，直播计划90分钟)");
    assertThat(TemplateCheck.warnings(sheet(24, 4, 6, 450), 120))
        .containsExactly("the items are planned for 180 min but the show for 120 min (排期合计180分钟，直播计划120分钟)");
  }

  @Test
  @DisplayName("within 10% of the show's minutes, or with no planned minutes, time gives no warning")
  void plannedTimeClose() {
    assertThat(TemplateCheck.warnings(SAMPLE, 110)).isEmpty();
    assertThat(TemplateCheck.warnings(SAMPLE, 109)).hasSize(1);
    assertThat(TemplateCheck.warnings(SAMPLE, 132)).isEmpty();
    assertThat(TemplateCheck.warnings(SAMPLE, 134)).hasSize(1);
    assertThat(TemplateCheck.warnings(sheet(24, 4, 6, 275), 100)).isEmpty();
    assertThat(TemplateCheck.warnings(sheet(24, 4, 6, 276), 100)).hasSize(1);
    assertThat(TemplateCheck.warnings(SAMPLE, 0)).isEmpty();
  }

  @Test
  @DisplayName("the summary serialises to the reply of PUT /runsheet")
  void summaryReply() throws Exception {
    ImportResult imported = RunSheetImport.fromCsv(Sheets.bytes("sample-runsheet.csv"));

    RunSheetSummary summary = RunSheetSummary.of(imported, 120);

    assertThat(JsonMapper.builder().build().writeValueAsString(summary)).isEqualTo(
        "{\"items\":34,\"counts\":{\"main\":24,\"backup\":4,\"lottery\":6},\"plannedSeconds\":7200,\"warnings\":[]}");
  }

  @Test
  @DisplayName("the summary lists the import's warnings before the template's")
  void summaryWarnings() {
    ImportResult imported = Sheets.csv("role,id,name,listPriceCents,livePriceCents,stock,colour\n"
        + "main,A,苹果,1000,800,10,红\n");

    RunSheetSummary summary = RunSheetSummary.of(imported, 120);

    assertThat(summary.items()).isEqualTo(1);
    assertThat(summary.counts()).isEqualTo(new RunSheetSummary.Counts(1, 0, 0));
    assertThat(summary.plannedSeconds()).isEqualTo(300);
    assertThat(summary.warnings()).containsExactly(
        "unknown columns were ignored: colour",
        "1 main items where the template has 24 (主推款1个，模板24个)",
        "0 backup items where the template has 4 (备用款0个，模板4个)",
        "0 lottery items where the template has 6 (抽奖0个，模板6个)",
        "the items are planned for 5 min but the show for 120 min (排期合计5分钟，直播计划120分钟)");
  }
}
