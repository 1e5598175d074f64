package io.github.goproxy4j.internal;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Go's {@code unicode/utf8} rules: decoding one rune as {@code utf8.DecodeRune} does (one
 * replacement rune per invalid byte), validity, and Go's string order (by UTF-8 bytes). A Java
 * string's lone surrogate stands for its three WTF-8 bytes, which Go sees as invalid UTF-8.
 * Exported only to the other goproxy4j modules; not API.
 */
public final class GoUtf8 {
  /** The Unicode replacement character that Go decodes invalid bytes to ({@code utf8.RuneError}). */
  public static final int RUNE_ERROR = 0xFFFD;

  private GoUtf8() {}

  /**
   * Decodes one rune at {@code off} like Go's {@code utf8.DecodeRune}.
   *
   * @param b bytes
   * @param off start, {@code < end}
   * @param end end of the valid region
   * @return {@code (rune << 3) | size}: size is 1..4; an invalid byte gives (0xFFFD, 1)
   */
  public static long decodeRune(byte[] b, int off, int end) {
    int b0 = b[off] & 0xFF;
    if (b0 < 0x80) {
      return ((long) b0 << 3) | 1;
    }
    int n;
    int min;
    int r;
    if (b0 >= 0xC2 && b0 <= 0xDF) {
      n = 2;
      min = 0x80;
      r = b0 & 0x1F;
    } else if (b0 >= 0xE0 && b0 <= 0xEF) {
      n = 3;
      min = 0x800;
      r = b0 & 0x0F;
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
      n = 4;
      min = 0x10000;
      r = b0 & 0x07;
    } else {
      return ((long) RUNE_ERROR << 3) | 1;
    }
    if (end - off < n) {
      return ((long) RUNE_ERROR << 3) | 1;
    }
    for (int i = 1; i < n; i++) {
      int c = b[off + i] & 0xFF;
      if ((c & 0xC0) != 0x80) {
        return ((long) RUNE_ERROR << 3) | 1;
      }
      r = (r << 6) | (c & 0x3F);
    }
    if (r < min || r > 0x10FFFF || (r >= 0xD800 && r <= 0xDFFF)) {
      return ((long) RUNE_ERROR << 3) | 1;
    }
    return ((long) r << 3) | n;
  }

  /**
   * Reports whether {@code b} is entirely valid UTF-8 ({@code utf8.Valid}).
   *
   * @param b bytes
   * @return validity
   */
  public static boolean valid(byte[] b) {
    int i = 0;
    while (i < b.length) {
      long d = decodeRune(b, i, b.length);
      int size = (int) (d & 7);
      if (size == 1 && (d >>> 3) == RUNE_ERROR) {
        return false;
      }
      i += size;
    }
    return true;
  }

  /**
   * Go's {@code utf8.ValidString} for a Java string: whether it is well-formed UTF-16 (no unpaired
   * surrogate), so that its UTF-8 form is valid.
   *
   * @param s text
   * @return whether every surrogate is paired
   */
  public static boolean validString(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
          return false;
        }
        i++;
      } else if (Character.isLowSurrogate(c)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Decodes strict UTF-8.
   *
   * @param b bytes
   * @return the text, or empty when the bytes are not valid UTF-8
   */
  public static Optional<String> decode(byte[] b) {
    try {
      return Optional.of(StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(b))
          .toString());
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
  }

  /**
   * Compares two strings as Go compares strings: by their UTF-8 bytes, which is code point order
   * (lone surrogates sort by their WTF-8 bytes, which is also their code point order).
   *
   * @param a a string
   * @param b another string
   * @return negative, zero or positive as {@code a} sorts before, with or after {@code b}
   */
  public static int compare(String a, String b) {
    int n = Math.min(a.length(), b.length());
    for (int i = 0; i < n; i++) {
      char x = a.charAt(i);
      char y = b.charAt(i);
      if (x != y) {
        // Surrogates (U+D800..U+DFFF as chars) encode code points above U+FFFF, which sort after
        // U+E000..U+FFFF in UTF-8; a lone surrogate's WTF-8 bytes sort by its own value.
        int cx = Character.isSurrogate(x) ? surrogateRank(a, i) : x;
        int cy = Character.isSurrogate(y) ? surrogateRank(b, i) : y;
        if (cx != cy) {
          return cx < cy ? -1 : 1;
        }
        return x < y ? -1 : 1;
      }
    }
    return Integer.compare(a.length(), b.length());
  }

  private static int surrogateRank(String s, int i) {
    char c = s.charAt(i);
    if (Character.isHighSurrogate(c) && i + 1 < s.length()
        && Character.isLowSurrogate(s.charAt(i + 1))) {
      return Character.toCodePoint(c, s.charAt(i + 1));
    }
    if (Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(s.charAt(i - 1))) {
      return Character.toCodePoint(s.charAt(i - 1), c);
    }
    return c;
  }
}
