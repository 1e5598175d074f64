package io.github.goproxy4j.client.internal;

import java.util.ArrayList;
import java.util.List;

/** Go's string helpers where their exact rules matter. */
final class GoStrings {
  private GoStrings() {}

  /** Go's {@code unicode.IsSpace}. */
  static boolean isSpace(int c) {
    switch (c) {
      case '\t':
      case '\n':
      case 0x0B:
      case '\f':
      case '\r':
      case ' ':
      case 0x85:
      case 0xA0:
      case 0x1680:
      case 0x2028:
      case 0x2029:
      case 0x202F:
      case 0x205F:
      case 0x3000:
        return true;
      default:
        return c >= 0x2000 && c <= 0x200A;
    }
  }

  /** Go's {@code strings.Fields}: split around runs of {@link #isSpace} characters. */
  static List<String> fields(String s) {
    List<String> out = new ArrayList<>();
    int i = 0;
    int n = s.length();
    while (i < n) {
      while (i < n && isSpace(s.codePointAt(i))) {
        i += Character.charCount(s.codePointAt(i));
      }
      int start = i;
      while (i < n && !isSpace(s.codePointAt(i))) {
        i += Character.charCount(s.codePointAt(i));
      }
      if (i > start) {
        out.add(s.substring(start, i));
      }
    }
    return out;
  }

  /** Go's {@code strings.TrimSpace}. */
  static String trimSpace(String s) {
    int a = 0;
    int b = s.length();
    while (a < b && isSpace(s.codePointAt(a))) {
      a += Character.charCount(s.codePointAt(a));
    }
    while (b > a && isSpace(s.codePointBefore(b))) {
      b -= Character.charCount(s.codePointBefore(b));
    }
    return s.substring(a, b);
  }

  /**
   * Go's {@code cmd/internal/quoted.Split}: fields separated by ASCII white space, single or
   * double quotes group a field (no escapes).
   *
   * @throws IllegalArgumentException {@code unterminated ' string} / {@code unterminated " string}
   */
  static List<String> splitQuoted(String s) {
    List<String> out = new ArrayList<>();
    int i = 0;
    int n = s.length();
    while (true) {
      while (i < n && " \t\n\r".indexOf(s.charAt(i)) >= 0) {
        i++;
      }
      if (i >= n) {
        return out;
      }
      char q = s.charAt(i);
      if (q == '\'' || q == '"') {
        int close = s.indexOf(q, i + 1);
        if (close < 0) {
          throw new IllegalArgumentException("unterminated " + q + " string");
        }
        out.add(s.substring(i + 1, close));
        i = close + 1;
        continue;
      }
      int start = i;
      while (i < n && " \t\n\r".indexOf(s.charAt(i)) < 0) {
        i++;
      }
      out.add(s.substring(start, i));
    }
  }
}
