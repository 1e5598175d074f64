package io.github.goproxy4j.internal;

/**
 * Go's {@code unicode} predicates as Go's rules use them ({@code IsSpace}, {@code IsPrint},
 * {@code IsGraphic}, {@code IsLetter}) and the case folding behind x/mod's collision check
 * ({@code unicode.SimpleFold}). Backed by the running JDK's Unicode tables. Exported only to the
 * other goproxy4j modules; not API.
 */
public final class GoUnicode {
  private GoUnicode() {}

  /**
   * Go's {@code unicode.IsSpace}.
   *
   * @param r a rune
   * @return whether Go considers it white space
   */
  public static boolean isSpace(int r) {
    switch (r) {
      case '\t': case '\n': case 0x0B: case '\f': case '\r': case ' ': case 0x85: case 0xA0:
      case 0x1680: case 0x2028: case 0x2029: case 0x202F: case 0x205F: case 0x3000:
        return true;
      default:
        return r >= 0x2000 && r <= 0x200A;
    }
  }

  /**
   * Go's {@code unicode.IsPrint}: letters, marks, numbers, punctuation, symbols and the ASCII space.
   *
   * @param r a rune
   * @return whether Go considers it printable
   */
  public static boolean isPrint(int r) {
    if (r < 0 || r > 0x10FFFF) {
      return false;
    }
    if (r == ' ') {
      return true;
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
   * Go's {@code unicode.IsGraphic}: {@link #isPrint(int)} plus the other space separators (Zs).
   *
   * @param r a rune
   * @return whether Go considers it graphic
   */
  public static boolean isGraphic(int r) {
    return isPrint(r) || (r >= 0 && r <= 0x10FFFF && Character.getType(r) == Character.SPACE_SEPARATOR);
  }

  /**
   * Go's {@code unicode.IsLetter}: the Unicode categories L (Lu, Ll, Lt, Lm, Lo).
   *
   * @param r a rune
   * @return whether Go considers it a letter
   */
  public static boolean isLetter(int r) {
    return r >= 0 && r <= 0x10FFFF && Character.isLetter(r);
  }

  /**
   * The per-rune part of {@link #foldKey(String)}: a representative of the rune's case-folding class.
   *
   * @param r a rune
   * @return the representative
   */
  public static int foldRune(int r) {
    // Go folds nothing with U+0130 and U+0131 (dotted/dotless I); Java's case mappings would.
    return r == 0x130 || r == 0x131 ? r : Character.toLowerCase(Character.toUpperCase(r));
  }

  /**
   * A key such that two strings have equal keys exactly when Go's x/mod zip package considers
   * them a case-insensitive collision (its {@code strToFold}, built on {@code unicode.SimpleFold}).
   * Verified rune by rune against Go 1.19 (Unicode 13, as Java 17); case pairs added in later
   * Unicode versions are folded only if the running JDK knows them.
   *
   * @param s a path
   * @return the folding key
   */
  public static String foldKey(String s) {
    StringBuilder sb = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 0x80 || (c >= 'A' && c <= 'Z')) {
        sb = new StringBuilder(s.length());
        break;
      }
    }
    if (sb == null) {
      return s;
    }
    for (int i = 0; i < s.length(); ) {
      int r = s.codePointAt(i);
      i += Character.charCount(r);
      sb.appendCodePoint(foldRune(r));
    }
    return sb.toString();
  }
}
