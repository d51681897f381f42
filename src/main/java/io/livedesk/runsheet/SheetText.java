package io.livedesk.runsheet;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Turns the bytes of an uploaded sheet into text, whichever encoding the spreadsheet program saved. */
final class SheetText {

  private static final Charset GB18030 = Charset.forName("GB18030");
  private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

  private SheetText() {
  }

  /** UTF-8 with or without BOM, or GB18030 as Excel on a Chinese Windows saves "CSV (逗号分隔)". */
  static String csv(byte[] bytes) {
    byte[] body = withoutBom(bytes);
    String utf8 = decode(body, StandardCharsets.UTF_8);
    if (utf8 != null) {
      return utf8;
    }
    String gb = decode(body, GB18030);
    if (gb != null) {
      return gb;
    }
    throw Problems.single(null, null, "the file is neither UTF-8 nor GB18030 text; save it as CSV UTF-8");
  }

  static String json(byte[] bytes) {
    String utf8 = decode(withoutBom(bytes), StandardCharsets.UTF_8);
    if (utf8 == null) {
      throw Problems.single(null, null, "the run-sheet is not UTF-8 text");
    }
    return utf8;
  }

  private static byte[] withoutBom(byte[] bytes) {
    boolean bom = bytes.length >= 3 && Arrays.equals(bytes, 0, 3, UTF8_BOM, 0, 3);
    return bom ? Arrays.copyOfRange(bytes, 3, bytes.length) : bytes;
  }

  /** The text, or null when the bytes are not valid in that charset: a lenient decoder would hide the wrong guess. */
  private static String decode(byte[] bytes, Charset charset) {
    try {
      return charset.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }
}
