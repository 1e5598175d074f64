package io.github.goproxy4j.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Go's {@code cmd/internal/quoted}: how the go command splits a command line held in one
 * variable (GOFLAGS from go1.20, GOAUTH commands).
 */
public final class GoQuoted {
  private GoQuoted() {}

  /**
   * Go's {@code quoted.Split}: fields separated by ASCII white space (space, tab, CR, LF); a
   * single or double quote at the start of a field runs to the next same quote (no escapes).
   *
   * @param s the line
   * @return the fields in order
   * @throws IllegalArgumentException {@code unterminated ' string} / {@code unterminated " string}
   */
  public static List<String> split(String s) {
    List<String> out = new ArrayList<>();
    int i = 0;
    int n = s.length();
    while (true) {
      while (i < n && isSpace(s.charAt(i))) {
        i++;
      }
      if (i == n) {
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
      while (i < n && !isSpace(s.charAt(i))) {
        i++;
      }
      out.add(s.substring(start, i));
    }
  }

  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
  }
}
