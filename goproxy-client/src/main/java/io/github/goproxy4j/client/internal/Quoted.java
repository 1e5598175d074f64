package io.github.goproxy4j.client.internal;

import java.util.ArrayList;
import java.util.List;

/** Go's {@code cmd/internal/quoted}: splitting a command line as GOAUTH commands are split. */
final class Quoted {
  private Quoted() {}

  /**
   * Go's {@code cmd/internal/quoted.Split}: fields separated by ASCII white space, single or
   * double quotes group a field (no escapes).
   *
   * @throws IllegalArgumentException {@code unterminated ' string} / {@code unterminated " string}
   */
  static List<String> split(String s) {
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
