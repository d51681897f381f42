package io.livedesk.runsheet;

import static org.assertj.core.api.Assertions.assertThat;

import io.livedesk.show.ItemRole;
import io.livedesk.show.ItemSpec;
import io.livedesk.show.RunSheet;
import io.livedesk.show.Tier;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SampleSheetTest {

  private static final String CSV_OPENING = "大家好，欢迎来到鲜果时光直播间！今天两个小时，24款应季好果，6轮抽奖，先点关注不迷路！";
  private static final String JSON_OPENING = "今天第一款就是大家等了一周的JJ车厘子！原价499一箱，直播间阶梯团：满100人449，满500人399，满1000人直接299！";
  private static final String CLOSING = "感谢大家两个小时的陪伴！没抢到的宝宝下周同一时间再见！";

  private static final List<String> IDS = List.of(
      "JJ-CHERRY-10", "SHINE-MUSCAT-2", "DURIAN-MSK", "BANANA-5", "LT-CHERRY-1", "APPLE-FUJI-10",
      "ORANGE-QIC", "KIWI-GOLD", "MANGO-TAI", "LT-MUSCAT", "BLUEBERRY-4", "STRAW-DANDONG", "POMELO-RED",
      "DRAGON-RED", "LT-DURIAN", "AVOCADO-6", "PEAR-KORLA", "LYCHEE-FZX", "COCONUT-6", "LT-COUPON-50",
      "GRAPE-KYOHO", "PERSIMMON", "NUTS-MIX", "JUICE-NFC", "LT-GIFTBOX", "YOGURT-FRUIT", "GIFTBOX-A",
      "CARD-299", "CHERRY-TOMATO", "LT-CARD", "BK-PEACH", "BK-CANTALOUPE", "BK-PLUM", "BK-WATERMELON");

  private static final ItemSpec CHERRY = new ItemSpec("JJ-CHERRY-10", ItemRole.MAIN, "智利JJ级车厘子 10斤装",
      49900, 49900, 29900L, 800, 2, 300,
      "今天第一款就是大家等了一周的JJ车厘子！原价499一箱，直播间阶梯团：满100人449，满500人399，满1000人直接299！",
      List.of("JJ级大果，果径28-30mm", "产地直发冷链到家", "坏果包赔"), null, null,
      List.of(new Tier(100, 44900), new Tier(500, 39900), new Tier(1000, 29900)), 0);

  private static final ItemSpec COUPON = new ItemSpec("LT-COUPON-50", ItemRole.LOTTERY, "抽奖：50元无门槛券",
      0, 0, null, 0, null, 0, "人人可参与！", List.of(), null, null, List.of(), 20);

  private static final ItemSpec PLUM = new ItemSpec("BK-PLUM", ItemRole.BACKUP, "三华李 3斤",
      4590, 2790, 1990L, 600, 3, 0, "备用：三华李", List.of("脆口"), null, null, List.of(), 0);

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"sample-runsheet.csv", "sample-runsheet-bom.csv", "sample-runsheet-gb18030.csv"})
  @DisplayName("the sample CSV imports to 34 items in running order, whether saved as UTF-8, UTF-8 with BOM or GB18030")
  void sampleCsv(String fixture) {
    ImportResult imported = RunSheetImport.fromCsv(Sheets.bytes(fixture));

    assertSample(imported);
    assertThat(imported.sheet().opening()).isEqualTo(CSV_OPENING);
  }

  @Test
  @DisplayName("the sample JSON imports to the same 34 items")
  void sampleJson() {
    ImportResult imported = RunSheetImport.fromJson(Sheets.bytes("sample-runsheet.json"));

    assertSample(imported);
    assertThat(imported.sheet().opening()).isEqualTo(JSON_OPENING);
  }

  @Test
  @DisplayName("the CSV and the JSON sample give equal items; only their openings differ, as the files do")
  void csvAndJsonAgree() {
    RunSheet csv = RunSheetImport.fromCsv(Sheets.bytes("sample-runsheet.csv")).sheet();
    RunSheet json = RunSheetImport.fromJson(Sheets.bytes("sample-runsheet.json")).sheet();

    assertThat(csv.items()).isEqualTo(json.items());
    assertThat(csv.closing()).isEqualTo(json.closing());
    assertThat(csv.opening()).isNotEqualTo(json.opening());
  }

  @Test
  @DisplayName("a JSON sheet with a UTF-8 BOM imports like one without")
  void jsonWithBom() {
    byte[] plain = Sheets.bytes("sample-runsheet.json");
    byte[] withBom = new byte[plain.length + 3];
    withBom[0] = (byte) 0xEF;
    withBom[1] = (byte) 0xBB;
    withBom[2] = (byte) 0xBF;
    System.arraycopy(plain, 0, withBom, 3, plain.length);

    assertThat(RunSheetImport.fromJson(withBom)).isEqualTo(RunSheetImport.fromJson(plain));
  }

  private static void assertSample(ImportResult imported) {
    RunSheet sheet = imported.sheet();
    assertThat(imported.warnings()).isEmpty();
    assertThat(sheet.items()).extracting(ItemSpec::id).containsExactlyElementsOf(IDS);
    assertThat(sheet.count(ItemRole.MAIN)).isEqualTo(24);
    assertThat(sheet.count(ItemRole.BACKUP)).isEqualTo(4);
    assertThat(sheet.count(ItemRole.LOTTERY)).isEqualTo(6);
    assertThat(sheet.plannedSeconds()).isEqualTo(7200);
    assertThat(sheet.closing()).isEqualTo(CLOSING);
    assertThat(sheet.items().get(0)).isEqualTo(CHERRY);
    assertThat(sheet.items().get(19)).isEqualTo(COUPON);
    assertThat(sheet.items().get(32)).isEqualTo(PLUM);
    assertThat(sheet.items()).filteredOn(item -> item.role() == ItemRole.LOTTERY)
        .extracting(ItemSpec::winners).containsExactly(3, 5, 2, 20, 1, 1);
    assertThat(sheet.items()).filteredOn(item -> item.id().equals("CARD-299")).singleElement()
        .satisfies(card -> {
          assertThat(card.listPriceCents()).isEqualTo(299900);
          assertThat(card.livePriceCents()).isEqualTo(199900);
          assertThat(card.floorPriceCents()).isEqualTo(159900);
          assertThat(card.limitPerViewer()).isEqualTo(1);
        });
  }
}
