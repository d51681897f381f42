package io.livedesk.runsheet;

import io.livedesk.testing.ByteMutations;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * .xlsx import under fuzzing: a LibreOffice workbook with one of its XML parts damaged, or the zip itself
 * damaged, is a sheet or a list of problems, never another exception.
 */
@Label(".xlsx import under fuzzing")
class XlsxFuzzTest {

  private static final List<String> PARTS = List.of("xl/worksheets/sheet1.xml", "xl/sharedStrings.xml",
      "xl/styles.xml", "xl/workbook.xml", "xl/_rels/workbook.xml.rels");

  @Property
  @Label("a damaged part of the workbook: a sheet or a list of problems")
  void damagedPart(@ForAll("parts") String part,
      @ForAll(supplier = ByteMutations.UpToSixEdits.class) List<ByteMutations.Edit> edits) {
    byte[] damaged = ByteMutations.apply(part(part), edits);
    RunSheetFuzzTest.assertSheetOrProblems(RunSheetImport::fromXlsx, XlsxBoundsTest.withParts(Map.of(part, damaged)));
  }

  @Property
  @Label("a damaged zip: a sheet or a list of problems")
  void damagedZip(@ForAll(supplier = ByteMutations.UpToSixEdits.class) List<ByteMutations.Edit> edits) {
    byte[] damaged = ByteMutations.apply(Sheets.bytes("xlsx/mixed-cells.xlsx"), edits);
    RunSheetFuzzTest.assertSheetOrProblems(RunSheetImport::fromXlsx, damaged);
  }

  private static byte[] part(String name) {
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(Sheets.bytes("xlsx/sample-runsheet.xlsx")))) {
      for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
        if (entry.getName().equals(name)) {
          return in.readAllBytes();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    throw new IllegalArgumentException("the sample has no " + name);
  }

  @Provide
  Arbitrary<String> parts() {
    return Arbitraries.of(PARTS);
  }
}
