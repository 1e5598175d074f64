package io.github.goproxy4j.internal;

/**
 * Go's {@code unicode} predicates as Go's rules use them ({@code IsSpace}, {@code IsPrint},
 * {@code IsGraphic}, {@code IsLetter}) and the case folding behind x/mod's collision check
 * ({@code unicode.SimpleFold}), by Go's own tables ({@link UnicodeTables}; the newest release
 * unless one is given). Exported only to the
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
   * Go's {@code unicode.IsPrint} (the newest release's tables): letters, marks, numbers,
   * punctuation, symbols and the ASCII space.
   *
   * @param r a rune
   * @return whether Go considers it printable
   */
  public static boolean isPrint(int r) {
    if (r < 0x80) {
      // ASCII, the whole of almost every go.mod: space and 0x21-0x7E, as in every release's
      // tables (go's own Latin-1 fast path); answering here keeps the tables unread (parsing them
      // is a noticeable part of a cold CLI command)
      return r >= 0x20 && r < 0x7F;
    }
    return UnicodeTables.newest().isPrint(r);
  }

  /**
   * Go's {@code unicode.IsGraphic} (the newest release's tables): {@link #isPrint(int)} plus the
   * other space separators (Zs).
   *
   * @param r a rune
   * @return whether Go considers it graphic
   */
  public static boolean isGraphic(int r) {
    if (r < 0x80) {
      return r >= 0x20 && r < 0x7F; // as isPrint: the only ASCII space is printable too
    }
    return UnicodeTables.newest().isGraphic(r);
  }

  /**
   * Go's {@code unicode.IsLetter} (the newest release's tables): categories Lu, Ll, Lt, Lm, Lo.
   *
   * @param r a rune
   * @return whether Go considers it a letter
   */
  public static boolean isLetter(int r) {
    return UnicodeTables.newest().isLetter(r);
  }

  /**
   * The per-rune part of {@link #foldKey(String, UnicodeTables)}: the smallest rune of the
   * {@code unicode.SimpleFold} orbit, A-Z taken as a-z (x/mod's {@code strToFold}).
   *
   * @param r a rune
   * @param unicode the Go release's tables
   * @return the representative
   */
  public static int foldRune(int r, UnicodeTables unicode) {
    int k = unicode.orbitMin(r);
    return k >= 'A' && k <= 'Z' ? k + ('a' - 'A') : k;
  }

  /**
   * A key such that two strings have equal keys exactly when Go's x/mod zip package considers
   * them a case-insensitive collision (its {@code strToFold}, built on {@code unicode.SimpleFold}),
   * by the newest Go release's tables.
   *
   * @param s a path
   * @return the folding key
   */
  public static String foldKey(String s) {
    return foldKey(s, UnicodeTables.newest());
  }

  /**
   * {@link #foldKey(String)} by a given Go release's {@code SimpleFold} orbits (Unicode 16 added
   * case pairs such as U+1C89/U+1C8A, which go1.27 folds and earlier releases do not).
   *
   * @param s a path
   * @param unicode the release's tables
   * @return the folding key
   */
  public static String foldKey(String s, UnicodeTables unicode) {
    boolean upper = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 0x80) {
        return foldKeyNonAscii(s, unicode);
      }
      upper |= c >= 'A' && c <= 'Z';
    }
    if (!upper) {
      return s;
    }
    // ASCII only: every ASCII letter's orbit starts at its upper-case form (the other members,
    // such as the Kelvin sign of k and the long s of s, are above ASCII), so the key is the
    // lower-case string, in every release's tables.
    byte[] b = new byte[s.length()];
    for (int i = 0; i < b.length; i++) {
      char c = s.charAt(i);
      b[i] = (byte) (c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
    }
    return new String(b, java.nio.charset.StandardCharsets.ISO_8859_1);
  }

  /** {@link #foldKey(String, UnicodeTables)} of a string with a non-ASCII character. */
  private static String foldKeyNonAscii(String s, UnicodeTables unicode) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); ) {
      int r = s.codePointAt(i);
      i += Character.charCount(r);
      sb.appendCodePoint(foldRune(r, unicode));
    }
    return sb.toString();
  }
}
