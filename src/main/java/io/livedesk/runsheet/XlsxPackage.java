package io.livedesk.runsheet;

import io.livedesk.show.ShowError;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The XML parts of an uploaded .xlsx, unpacked within bounds: a zip of a few hundred kilobytes can unpack to
 * gigabytes, so every byte inflated is counted and the upload is refused once the count passes the limit.
 */
final class XlsxPackage {

  /** Far above a 500-item sheet's XML (its upload is at most 1 MiB, its text mostly scripts). */
  static final int MAX_UNPACKED_BYTES = 16 * 1024 * 1024;
  static final int MAX_PARTS = 1000;

  private final Map<String, byte[]> parts;

  private XlsxPackage(Map<String, byte[]> parts) {
    this.parts = parts;
  }

  /**
   * The package's .xml and .rels parts by name without a leading slash; other parts are read, counted, dropped.
   * The zip is read by its central directory, as spreadsheet programs read it: some writers (fastexcel among
   * them) leave sizes out of the local headers, where a streaming reader would need them. Blocking file I/O:
   * this runs in the back office.
   */
  static XlsxPackage unpack(byte[] bytes) {
    Path file = null;
    try {
      file = Files.createTempFile("livedesk-upload-", ".xlsx");
      Files.write(file, bytes);
      try (ZipFile zip = new ZipFile(file.toFile())) {
        return new XlsxPackage(parts(zip));
      }
    } catch (IOException | IllegalArgumentException e) {
      throw refused("the file is not an .xlsx workbook (" + e.getMessage() + "); save it as Excel 2007-365 .xlsx");
    } finally {
      if (file != null) {
        file.toFile().delete();
      }
    }
  }

  private static Map<String, byte[]> parts(ZipFile zip) throws IOException {
    if (zip.size() > MAX_PARTS) {
      throw refused("the workbook has more than " + MAX_PARTS + " parts");
    }
    Map<String, byte[]> parts = new HashMap<>();
    long unpacked = 0;
    byte[] buffer = new byte[8192];
    for (ZipEntry entry : Collections.list(zip.entries())) {
      String name = entry.getName().startsWith("/") ? entry.getName().substring(1) : entry.getName();
      boolean kept = name.endsWith(".xml") || name.endsWith(".rels");
      ByteArrayOutputStream part = new ByteArrayOutputStream();
      try (InputStream in = zip.getInputStream(entry)) {
        for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
          unpacked += n;
          if (unpacked > MAX_UNPACKED_BYTES) {
            throw refused("the workbook unpacks to more than " + MAX_UNPACKED_BYTES / (1024 * 1024)
                + " MiB; a run-sheet is far smaller, so this is not one");
          }
          if (kept) {
            part.write(buffer, 0, n);
          }
        }
      }
      if (kept) {
        parts.put(name, part.toByteArray());
      }
    }
    if (parts.isEmpty()) {
      throw refused("the file is not an .xlsx workbook; save it as Excel 2007-365 .xlsx");
    }
    return parts;
  }

  /** The part, or null when the package has none of that name. */
  byte[] part(String name) {
    return parts.get(name);
  }

  static ShowError refused(String message) {
    return Problems.single(null, null, message);
  }
}
