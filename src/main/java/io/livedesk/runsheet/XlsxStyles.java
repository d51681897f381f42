package io.livedesk.runsheet;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/** What a number cell's style says about it: shown as a date, or as yuan (¥12.90), or as a plain number. */
final class XlsxStyles {

  enum Shown { NUMBER, DATE, YUAN }

  /** Excel's built-in date and time formats, CJK ones included (ECMA-376 §18.8.30). */
  private static final Set<Integer> BUILT_IN_DATES = Set.of(14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30,
      31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58);
  /** Built-in currency formats: a Chinese Excel shows them with ¥. */
  private static final Set<Integer> BUILT_IN_CURRENCY = Set.of(5, 6, 7, 8);
  /** Quoted literals, bracketed colours and locales, escaped characters: none of them make a date. */
  private static final Pattern NOT_A_PLACEHOLDER = Pattern.compile("\"[^\"]*\"|\\[[^]]*]|\\\\.");
  private static final Pattern DATE_PLACEHOLDER = Pattern.compile("(?i)[ymdhs]");

  static final XlsxStyles NONE = new XlsxStyles(List.of());

  private final List<Shown> byStyle;

  private XlsxStyles(List<Shown> byStyle) {
    this.byStyle = byStyle;
  }

  /** How a cell with style index {@code s} shows a number; a style the sheet does not define shows it plain. */
  Shown shown(String s) {
    if (s == null) {
      return Shown.NUMBER;
    }
    try {
      int index = Integer.parseInt(s.trim());
      return index >= 0 && index < byStyle.size() ? byStyle.get(index) : Shown.NUMBER;
    } catch (NumberFormatException e) {
      return Shown.NUMBER;
    }
  }

  /** The cell formats ({@code cellXfs}) of styles.xml and the number format each one uses. */
  static XlsxStyles parse(byte[] part) throws XMLStreamException {
    if (part == null) {
      return NONE;
    }
    Map<Integer, String> codes = new HashMap<>();
    List<Shown> byStyle = new ArrayList<>();
    XMLStreamReader xml = XlsxXml.reader(part);
    boolean inCellFormats = false;
    while (xml.hasNext()) {
      int event = xml.next();
      if (event == XMLStreamReader.START_ELEMENT) {
        String name = xml.getLocalName();
        if (name.equals("numFmt")) {
          Integer id = whole(XlsxXml.attribute(xml, "numFmtId"));
          String code = XlsxXml.attribute(xml, "formatCode");
          if (id != null && code != null) {
            codes.put(id, code);
          }
        } else if (name.equals("cellXfs")) {
          inCellFormats = true;
        } else if (name.equals("xf") && inCellFormats) {
          Integer id = whole(XlsxXml.attribute(xml, "numFmtId"));
          byStyle.add(id == null ? Shown.NUMBER : shown(id, codes.get(id)));
        }
      } else if (event == XMLStreamReader.END_ELEMENT && xml.getLocalName().equals("cellXfs")) {
        inCellFormats = false;
      }
    }
    return new XlsxStyles(List.copyOf(byStyle));
  }

  private static Shown shown(int id, String code) {
    if (code == null) {
      return BUILT_IN_DATES.contains(id) ? Shown.DATE : BUILT_IN_CURRENCY.contains(id) ? Shown.YUAN : Shown.NUMBER;
    }
    if (code.contains("¥") || code.contains("￥")) {
      return Shown.YUAN;
    }
    String placeholders = NOT_A_PLACEHOLDER.matcher(code).replaceAll("");
    return DATE_PLACEHOLDER.matcher(placeholders).find() ? Shown.DATE : Shown.NUMBER;
  }

  private static Integer whole(String text) {
    try {
      return text == null ? null : Integer.valueOf(text.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
