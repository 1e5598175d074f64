package io.github.goproxy4j.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Go's {@code strings} functions whose white-space rule differs from Java's ({@code TrimSpace},
 * {@code Fields}: Go's {@code unicode.IsSpace}, not {@link String#strip()}). Exported only to the
 * other goproxy4j modules; not API.
 */
public final class GoStrings {
  private GoStrings() {}

  /**
   * Go's {@code strings.TrimSpace} (white space as {@link GoUnicode#isSpace(int)}).
   *
   * @param s text
   * @return {@code s} without leading and trailing Go white space
   */
  public static String trimSpace(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && GoUnicode.isSpace(s.charAt(start))) {
      start++;
    }
    while (end > start && GoUnicode.isSpace(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(start, end);
  }

  /**
   * Go's {@code strings.Fields}: splits on runs of Go white space.
   *
   * @param s text
   * @return the fields, in order
   */
  public static List<String> fields(String s) {
    List<String> out = new ArrayList<>();
    int i = 0;
    int n = s.length();
    while (i < n) {
      while (i < n && GoUnicode.isSpace(s.charAt(i))) {
        i++;
      }
      int start = i;
      while (i < n && !GoUnicode.isSpace(s.charAt(i))) {
        i++;
      }
      if (i > start) {
        out.add(s.substring(start, i));
      }
    }
    return out;
  }
}
