package io.github.goproxy4j.module;

/**
 * Go's text conventions for Java strings: {@code %q} quoting ({@code strconv.Quote} and
 * {@code strconv.QuoteRune}) and byte-wise (UTF-8) string order.
 *
 * <p>A Java string is treated as the UTF-8 encoding of its code points. A lone surrogate, which
 * has no UTF-8 encoding, is treated as its three WTF-8 bytes; Go sees those as invalid UTF-8 and
 * quotes them as {@code \xed\xa0\x80}, which is what this class does too.
 */
final class GoText {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private GoText() {}

  /**
   * Quotes like Go's {@code fmt.Sprintf("%q", s)} for a string.
   *
   * @param s the string, may be {@code null} (quoted as {@code null}, unquoted)
   * @return the quoted form
   */
  static String quote(String s) {
    if (s == null) {
      return "null";
    }
    StringBuilder b = new StringBuilder(s.length() + 2);
    b.append('"');
    int n = s.length();
    for (int i = 0; i < n; ) {
      char c = s.charAt(i);
      if (c < 0x80) {
        appendRune(b, c, '"');
        i++;
        continue;
      }
      if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
        appendRune(b, Character.toCodePoint(c, s.charAt(i + 1)), '"');
        i += 2;
        continue;
      }
      if (Character.isSurrogate(c)) {
        // WTF-8 bytes of the lone surrogate; each is invalid UTF-8 to Go.
        appendHexByte(b, 0xE0 | (c >> 12));
        appendHexByte(b, 0x80 | ((c >> 6) & 0x3F));
        appendHexByte(b, 0x80 | (c & 0x3F));
        i++;
        continue;
      }
      appendRune(b, c, '"');
      i++;
    }
    b.append('"');
    return b.toString();
  }

  /**
   * Quotes like Go's {@code fmt.Sprintf("%q", r)} for a rune.
   *
   * @param cp a code point
   * @return the single-quoted form
   */
  static String quoteRune(int cp) {
    StringBuilder b = new StringBuilder(12);
    b.append('\'');
    if (cp >= 0xD800 && cp <= 0xDFFF) {
      cp = 0xFFFD; // Go never sees a surrogate rune; it decodes to RuneError.
    }
    appendRune(b, cp, '\'');
    b.append('\'');
    return b.toString();
  }

  private static void appendHexByte(StringBuilder b, int v) {
    b.append('\\').append('x').append(HEX[(v >> 4) & 0xF]).append(HEX[v & 0xF]);
  }

  private static void appendRune(StringBuilder b, int r, char quote) {
    if (r == quote || r == '\\') {
      b.append('\\').append((char) r);
      return;
    }
    if (isPrint(r)) {
      b.appendCodePoint(r);
      return;
    }
    switch (r) {
      case 7:
        b.append("\\a");
        return;
      case '\b':
        b.append("\\b");
        return;
      case '\f':
        b.append("\\f");
        return;
      case '\n':
        b.append("\\n");
        return;
      case '\r':
        b.append("\\r");
        return;
      case '\t':
        b.append("\\t");
        return;
      case 11:
        b.append("\\v");
        return;
      default:
        break;
    }
    if (r < ' ' || r == 0x7F) {
      appendHexByte(b, r);
    } else if (r < 0x10000) {
      b.append("\\u");
      for (int s = 12; s >= 0; s -= 4) {
        b.append(HEX[(r >> s) & 0xF]);
      }
    } else {
      b.append("\\U");
      for (int s = 28; s >= 0; s -= 4) {
        b.append(HEX[(r >> s) & 0xF]);
      }
    }
  }

  /**
   * Go's {@code strconv.IsPrint}: letters, marks, numbers, punctuation, symbols and the ASCII
   * space. (Go 1.19 and Java 17 both implement Unicode 13.0.)
   */
  static boolean isPrint(int r) {
    if (r < 0x80) {
      return r >= 0x20 && r < 0x7F;
    }
    switch (Character.getType(r)) {
      case Character.UPPERCASE_LETTER:
      case Character.LOWERCASE_LETTER:
      case Character.TITLECASE_LETTER:
      case Character.MODIFIER_LETTER:
      case Character.OTHER_LETTER:
      case Character.NON_SPACING_MARK:
      case Character.ENCLOSING_MARK:
      case Character.COMBINING_SPACING_MARK:
      case Character.DECIMAL_DIGIT_NUMBER:
      case Character.LETTER_NUMBER:
      case Character.OTHER_NUMBER:
      case Character.CONNECTOR_PUNCTUATION:
      case Character.DASH_PUNCTUATION:
      case Character.START_PUNCTUATION:
      case Character.END_PUNCTUATION:
      case Character.INITIAL_QUOTE_PUNCTUATION:
      case Character.FINAL_QUOTE_PUNCTUATION:
      case Character.OTHER_PUNCTUATION:
      case Character.MATH_SYMBOL:
      case Character.CURRENCY_SYMBOL:
      case Character.MODIFIER_SYMBOL:
      case Character.OTHER_SYMBOL:
        return true;
      default:
        return false;
    }
  }

  /**
   * Compares two strings the way Go compares strings: by their UTF-8 bytes, which is code point
   * order (lone surrogates sort by their WTF-8 bytes, which is also their code point order).
   */
  static int compareUtf8(String a, String b) {
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
