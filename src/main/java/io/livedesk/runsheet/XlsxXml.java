package io.livedesk.runsheet;

import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/** Reads a part of an .xlsx with the JDK's own StAX parser, without DTDs or external entities. */
final class XlsxXml {

  private static final XMLInputFactory FACTORY = factory();

  private XlsxXml() {
  }

  private static XMLInputFactory factory() {
    // the JDK's parser, not whichever StAX implementation the class path happens to offer
    XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    factory.setProperty(XMLInputFactory.IS_COALESCING, true);
    return factory;
  }

  /**
   * A reader of the part's text. Spreadsheet programs write UTF-8; it is decoded here, strictly, because the
   * parser would print a byte it cannot decode on the server's standard error before failing.
   */
  static XMLStreamReader reader(byte[] part) throws XMLStreamException {
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(part))
          .toString();
    } catch (CharacterCodingException e) {
      throw new XMLStreamException("a part of the workbook is not UTF-8 text");
    }
    return FACTORY.createXMLStreamReader(new StringReader(text.startsWith("\uFEFF") ? text.substring(1) : text));
  }

  /** An attribute by its local name, whatever its namespace ({@code r:id}, {@code Id}, {@code r}), or null. */
  static String attribute(XMLStreamReader xml, String localName) {
    for (int i = 0; i < xml.getAttributeCount(); i++) {
      if (xml.getAttributeLocalName(i).equals(localName)) {
        return xml.getAttributeValue(i);
      }
    }
    return null;
  }

  /**
   * The text of the element the reader is on ({@code si}, {@code is}): every {@code t} inside it, so that rich
   * text (runs {@code r} with fonts of their own) reads as one string, without phonetic guides ({@code rPh}).
   * Leaves the reader on the element's end.
   */
  static String richText(XMLStreamReader xml) throws XMLStreamException {
    StringBuilder text = new StringBuilder();
    int depth = 1;
    boolean inText = false;
    int phonetic = 0;
    while (depth > 0) {
      int event = xml.next();
      if (event == XMLStreamReader.START_ELEMENT) {
        depth++;
        String name = xml.getLocalName();
        if (name.equals("rPh")) {
          phonetic++;
        } else if (name.equals("t") && phonetic == 0) {
          inText = true;
        }
      } else if (event == XMLStreamReader.END_ELEMENT) {
        depth--;
        String name = xml.getLocalName();
        if (name.equals("rPh")) {
          phonetic--;
        } else if (name.equals("t")) {
          inText = false;
        }
      } else if (inText && (event == XMLStreamReader.CHARACTERS || event == XMLStreamReader.CDATA
          || event == XMLStreamReader.SPACE)) {
        text.append(xml.getText());
      }
    }
    return unescaped(text.toString());
  }

  /** Excel writes characters XML cannot hold as {@code _xHHHH_} (a carriage return is {@code _x000D_}). */
  static String unescaped(String text) {
    if (text.indexOf("_x") < 0) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    int i = 0;
    while (i < text.length()) {
      if (i + 7 <= text.length() && text.startsWith("_x", i) && text.charAt(i + 6) == '_' && isHex(text, i + 2, i + 6)) {
        out.append((char) Integer.parseInt(text.substring(i + 2, i + 6), 16));
        i += 7;
      } else {
        out.append(text.charAt(i));
        i++;
      }
    }
    return out.toString();
  }

  private static boolean isHex(String text, int from, int to) {
    for (int i = from; i < to; i++) {
      if (Character.digit(text.charAt(i), 16) < 0) {
        return false;
      }
    }
    return true;
  }
}
