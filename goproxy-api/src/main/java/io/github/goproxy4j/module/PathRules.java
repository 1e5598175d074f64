package io.github.goproxy4j.module;

import io.github.goproxy4j.internal.GoText;
import io.github.goproxy4j.internal.UnicodeTables;

/**
 * The path rules of golang.org/x/mod/module (CheckPath, CheckImportPath, CheckFilePath,
 * SplitPathVersion, CheckPathMajor, EscapePath/UnescapePath, EscapeVersion/UnescapeVersion),
 * written for Java strings without regular expressions or allocation on the success path.
 *
 * <p>Methods named {@code ...Error} return {@code null} when the input is fine, otherwise the
 * exact text of the error x/mod returns.
 */
final class PathRules {
  static final int MODULE = 0;
  static final int IMPORT = 1;
  static final int FILE = 2;

  private PathRules() {}

  // ---- checkPath / checkElem -------------------------------------------------------------

  /**
   * The reason {@code checkPath(path, kind)} fails, or {@code null}; {@code unicode} (a Go
   * release's tables) decides which non-ASCII file-path characters are letters and how the
   * message quotes.
   */
  static String checkPathReason(String path, int kind, UnicodeTables unicode) {
    int n = path.length();
    for (int i = 0; i < n; i++) {
      char c = path.charAt(i);
      if (c >= 0xD800 && c <= 0xDFFF) {
        if (c <= 0xDBFF && i + 1 < n && Character.isLowSurrogate(path.charAt(i + 1))) {
          i++;
          continue;
        }
        return "invalid UTF-8";
      }
    }
    if (n == 0) {
      return "empty string";
    }
    if (path.charAt(0) == '-' && kind != FILE) {
      return "leading dash";
    }
    if (path.indexOf("//") >= 0) {
      return "double slash";
    }
    if (path.charAt(n - 1) == '/') {
      return "trailing slash";
    }
    int start = 0;
    for (int i = 0; i < n; i++) {
      if (path.charAt(i) == '/') {
        String err = checkElemReason(path, start, i, kind, unicode);
        if (err != null) {
          return err;
        }
        start = i + 1;
      }
    }
    return checkElemReason(path, start, n, kind, unicode);
  }

  /** The reason {@code checkElem(s[start:end], kind)} fails, or {@code null}. */
  static String checkElemReason(String s, int start, int end, int kind, UnicodeTables unicode) {
    if (start == end) {
      return "empty path element";
    }
    boolean allDots = true;
    for (int i = start; i < end; i++) {
      if (s.charAt(i) != '.') {
        allDots = false;
        break;
      }
    }
    if (allDots) {
      return "invalid path element " + GoText.quote(s.substring(start, end), unicode);
    }
    if (s.charAt(start) == '.' && kind == MODULE) {
      return "leading dot in path element";
    }
    if (s.charAt(end - 1) == '.') {
      return "trailing dot in path element";
    }
    int shortEnd = -1;
    for (int i = start; i < end; ) {
      char c = s.charAt(i);
      if (c < 0x80) {
        if (c == '.' && shortEnd < 0) {
          shortEnd = i;
        }
        if (!asciiOk(c, kind)) {
          return "invalid char " + GoText.quoteRune(c, unicode);
        }
        i++;
        continue;
      }
      int cp = c;
      int width = 1;
      if (Character.isHighSurrogate(c) && i + 1 < end && Character.isLowSurrogate(s.charAt(i + 1))) {
        cp = Character.toCodePoint(c, s.charAt(i + 1));
        width = 2;
      } else if (Character.isSurrogate(c)) {
        cp = 0xFFFD; // what Go's range loop yields for invalid UTF-8
      }
      if (kind != FILE || !unicode.isLetter(cp)) {
        return "invalid char " + GoText.quoteRune(cp, unicode);
      }
      i += width;
    }
    if (shortEnd < 0) {
      shortEnd = end;
    }
    if (isWindowsReserved(s, start, shortEnd)) {
      return GoText.quote(s.substring(start, shortEnd), unicode)
          + " disallowed as path element component on Windows";
    }
    if (kind == FILE) {
      return null;
    }
    int tilde = -1;
    for (int i = shortEnd - 1; i >= start; i--) {
      if (s.charAt(i) == '~') {
        tilde = i;
        break;
      }
    }
    if (tilde >= 0 && tilde < shortEnd - 1) {
      for (int i = tilde + 1; i < shortEnd; i++) {
        char c = s.charAt(i);
        if (c < '0' || c > '9') {
          return null;
        }
      }
      return "trailing tilde and digits in path element";
    }
    return null;
  }

  private static boolean asciiOk(char c, int kind) {
    if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
      return true;
    }
    switch (kind) {
      case MODULE:
        return c == '-' || c == '.' || c == '_' || c == '~';
      case IMPORT:
        return c == '-' || c == '.' || c == '_' || c == '~' || c == '+';
      default:
        return "!#$%&()+,-.=@[]^_{}~ ".indexOf(c) >= 0;
    }
  }

  /**
   * Whether s[start:end] equals CON, PRN, AUX, NUL, COM1-9 or LPT1-9 ignoring case. Go uses
   * strings.EqualFold; no non-ASCII rune folds to one of these letters or digits, so ASCII
   * case-insensitivity is the same thing.
   */
  private static boolean isWindowsReserved(String s, int start, int end) {
    int len = end - start;
    if (len != 3 && len != 4) {
      return false;
    }
    char a = upper(s.charAt(start));
    char b = upper(s.charAt(start + 1));
    char c = upper(s.charAt(start + 2));
    if (len == 3) {
      return (a == 'C' && b == 'O' && c == 'N')
          || (a == 'P' && b == 'R' && c == 'N')
          || (a == 'A' && b == 'U' && c == 'X')
          || (a == 'N' && b == 'U' && c == 'L');
    }
    char d = s.charAt(start + 3);
    if (d < '1' || d > '9') {
      return false;
    }
    return (a == 'C' && b == 'O' && c == 'M') || (a == 'L' && b == 'P' && c == 'T');
  }

  private static char upper(char c) {
    return c >= 'a' && c <= 'z' ? (char) (c - ('a' - 'A')) : c;
  }

  // ---- CheckPath ----------------------------------------------------------------------

  /** The reason module.CheckPath fails (without the "malformed module path" prefix), or null. */
  static String checkModulePathReason(String path) {
    String err = checkPathReason(path, MODULE, UnicodeTables.newest());
    if (err != null) {
      return err;
    }
    int i = path.indexOf('/');
    if (i < 0) {
      i = path.length();
    }
    if (i == 0) {
      return "leading slash";
    }
    if (path.lastIndexOf('.', i - 1) < 0) {
      return "missing dot in first path element";
    }
    if (path.charAt(0) == '-') {
      return "leading dash in first path element";
    }
    for (int k = 0; k < i; k++) {
      char c = path.charAt(k);
      // checkPath already allowed only [-._~0-9A-Za-z]; the first element is narrower.
      if (!(c == '-' || c == '.' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z'))) {
        return "invalid char " + GoText.quoteRune(c) + " in first path element";
      }
    }
    if (splitPathVersion(path) < 0) {
      return "invalid version";
    }
    return null;
  }

  /** Go's text for a failed module.CheckPath, or null. */
  static String checkPathError(String path) {
    String r = checkModulePathReason(path);
    return r == null ? null : "malformed module path " + GoText.quote(path) + ": " + r;
  }

  /** Go's text for a failed module.CheckImportPath, or null. */
  static String checkImportPathError(String path) {
    String r = checkPathReason(path, IMPORT, UnicodeTables.newest());
    return r == null ? null : "malformed import path " + GoText.quote(path) + ": " + r;
  }

  /** Go's text for a failed module.CheckFilePath by the release whose tables are given, or null. */
  static String checkFilePathError(String path, UnicodeTables unicode) {
    String r = checkPathReason(path, FILE, unicode);
    return r == null ? null : "malformed file path " + GoText.quote(path, unicode) + ": " + r;
  }

  // ---- SplitPathVersion ----------------------------------------------------------------

  /**
   * module.SplitPathVersion: the length of the prefix (the major suffix is the rest), or -1 when
   * x/mod returns ok = false.
   */
  static int splitPathVersion(String path) {
    if (path.startsWith("gopkg.in/")) {
      return splitGopkgIn(path);
    }
    int n = path.length();
    int i = n;
    boolean dot = false;
    while (i > 0) {
      char c = path.charAt(i - 1);
      if (c == '.') {
        dot = true;
      } else if (c < '0' || c > '9') {
        break;
      }
      i--;
    }
    if (i <= 1 || i == n || path.charAt(i - 1) != 'v' || path.charAt(i - 2) != '/') {
      return n;
    }
    int p = i - 2;
    // pathMajor = path[p:], "/v" + digits-and-dots (at least one char)
    if (dot || n - p <= 2 || path.charAt(p + 2) == '0' || (n - p == 3 && path.charAt(p + 2) == '1')) {
      return -1;
    }
    return p;
  }

  private static int splitGopkgIn(String path) {
    int n = path.length();
    int i = n;
    if (path.endsWith("-unstable")) {
      i -= "-unstable".length();
    }
    while (i > 0 && path.charAt(i - 1) >= '0' && path.charAt(i - 1) <= '9') {
      i--;
    }
    if (i <= 1 || path.charAt(i - 1) != 'v' || path.charAt(i - 2) != '.') {
      return -1;
    }
    int p = i - 2;
    int majorLen = n - p;
    if (majorLen <= 2) {
      return -1;
    }
    if (path.charAt(p + 2) == '0' && !(majorLen == 3)) {
      return -1;
    }
    return p;
  }

  // ---- CheckPathMajor ------------------------------------------------------------------

  /**
   * module.CheckPathMajor: null when v fits pathMajor, else the InvalidVersionError's inner
   * reason ("should be v2, not v1").
   */
  static String checkPathMajorReason(String v, String pathMajor) {
    if (pathMajor.startsWith(".v") && pathMajor.endsWith("-unstable")) {
      pathMajor = pathMajor.substring(0, pathMajor.length() - "-unstable".length());
    }
    if (v.startsWith("v0.0.0-") && pathMajor.equals(".v1")) {
      return null;
    }
    Version pv = Version.tryParse(v);
    String m = pv == null ? "" : pv.major();
    if (pathMajor.isEmpty()) {
      if (m.equals("v0") || m.equals("v1") || (pv != null && pv.isIncompatible())) {
        return null;
      }
      pathMajor = "v0 or v1";
    } else if (pathMajor.charAt(0) == '/' || pathMajor.charAt(0) == '.') {
      if (m.equals(pathMajor.substring(1))) {
        return null;
      }
      pathMajor = pathMajor.substring(1);
    }
    return "should be " + pathMajor + ", not " + m;
  }

  /** Go's InvalidVersionError text: {@code version "v" invalid: reason}. */
  static String invalidVersion(String v, String reason) {
    return "version " + GoText.quote(v) + " invalid: " + reason;
  }

  /** Go's InvalidVersionError text for a pseudo-version. */
  static String invalidPseudoVersion(String v, String reason) {
    return "pseudo-version " + GoText.quote(v) + " invalid: " + reason;
  }

  // ---- escaping ------------------------------------------------------------------------

  static final String INCONSISTENT = "internal error: inconsistency in EscapePath";

  /** escapeString: the escaped form, or null for x/mod's "internal error". */
  static String escapeString(String s) {
    boolean haveUpper = false;
    int n = s.length();
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c == '!' || c >= 0x80) {
        return null;
      }
      if (c >= 'A' && c <= 'Z') {
        haveUpper = true;
      }
    }
    if (!haveUpper) {
      return s;
    }
    StringBuilder b = new StringBuilder(n + 8);
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c >= 'A' && c <= 'Z') {
        b.append('!').append((char) (c + ('a' - 'A')));
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  /** unescapeString: the unescaped form, or null when x/mod reports !ok. */
  static String unescapeString(String escaped) {
    int n = escaped.length();
    boolean any = false;
    for (int i = 0; i < n; i++) {
      char c = escaped.charAt(i);
      if (c >= 0x80 || (c >= 'A' && c <= 'Z')) {
        return null;
      }
      if (c == '!') {
        any = true;
      }
    }
    if (!any) {
      return escaped;
    }
    StringBuilder b = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      char c = escaped.charAt(i);
      if (c == '!') {
        if (i + 1 >= n) {
          return null;
        }
        char d = escaped.charAt(++i);
        if (d < 'a' || d > 'z') {
          return null;
        }
        b.append((char) (d - ('a' - 'A')));
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  /** Go's text for a failed module.EscapeVersion, or null. */
  static String escapeVersionError(String v) {
    if (checkElemReason(v, 0, v.length(), FILE, UnicodeTables.newest()) != null || v.indexOf('!') >= 0) {
      return invalidVersion(v, "disallowed version string");
    }
    return escapeString(v) == null ? INCONSISTENT : null;
  }

  /** Go's text for a failed module.UnescapeVersion, or null. */
  static String unescapeVersionError(String escaped) {
    String v = unescapeString(escaped);
    if (v == null) {
      return "invalid escaped version " + GoText.quote(escaped);
    }
    String r = checkElemReason(v, 0, v.length(), FILE, UnicodeTables.newest());
    if (r != null) {
      return "invalid escaped version " + GoText.quote(v) + ": " + r;
    }
    return null;
  }

  /** Go's text for a failed module.UnescapePath, or null. */
  static String unescapePathError(String escaped) {
    String p = unescapeString(escaped);
    if (p == null) {
      return "invalid escaped module path " + GoText.quote(escaped);
    }
    String err = checkPathError(p);
    if (err != null) {
      return "invalid escaped module path " + GoText.quote(escaped) + ": " + err;
    }
    return null;
  }
}
