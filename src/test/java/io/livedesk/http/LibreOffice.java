package io.livedesk.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * LibreOffice's headless converter, as a reader of .xlsx independent of the server: a workbook becomes one CSV
 * per sheet, each cell as LibreOffice shows it (¥140.00, 100.00%). Tests that need it are skipped without it.
 */
final class LibreOffice {

  private LibreOffice() {
  }

  static boolean installed() {
    return Stream.of(System.getenv("PATH").split(":")).anyMatch(dir -> Files.isExecutable(Path.of(dir, "soffice")));
  }

  /** Every sheet as rows of shown text, by sheet name. */
  static Map<String, List<List<String>>> csvSheets(Path xlsx) throws IOException, InterruptedException {
    // tokens: comma, quote, UTF-8, from line 1, …, cells as shown (9th), every sheet to <name>-<sheet>.csv (12th, -1)
    Path out = convert(xlsx, "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1");
    String stem = xlsx.getFileName().toString().replaceFirst("\\.xlsx$", "");
    Map<String, List<List<String>>> sheets = new LinkedHashMap<>();
    try (Stream<Path> files = Files.list(out)) {
      for (Path file : files.sorted().toList()) {
        String name = file.getFileName().toString();
        if (name.startsWith(stem + "-") && name.endsWith(".csv")) {
          String sheet = name.substring(stem.length() + 1, name.length() - 4);
          sheets.put(sheet, ReportEndpointsTest.Rfc4180.parse(lines(file)));
        }
      }
    }
    return sheets;
  }

  /** The first sheet as a CSV file in UTF-8. */
  static Path csvOfFirstSheet(Path xlsx) throws IOException, InterruptedException {
    Path out = convert(xlsx, "csv:Text - txt - csv (StarCalc):44,34,76,1");
    return out.resolve(xlsx.getFileName().toString().replaceFirst("\\.xlsx$", ".csv"));
  }

  private static Path convert(Path xlsx, String filter) throws IOException, InterruptedException {
    Path out = Files.createTempDirectory("livedesk-soffice-");
    Path profile = Files.createTempDirectory("livedesk-soffice-profile-");
    Process process = new ProcessBuilder("soffice", "-env:UserInstallation=" + profile.toUri(), "--headless",
        "--convert-to", filter, "--outdir", out.toString(), xlsx.toString())
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IOException("soffice did not finish converting " + xlsx + " in 120 s");
    }
    return out;
  }

  /** LibreOffice ends its CSV lines with LF; the strict reader takes CRLF. */
  private static String lines(Path csv) throws IOException {
    return Files.readString(csv, StandardCharsets.UTF_8).replace("\r\n", "\n").replace("\n", "\r\n");
  }
}
