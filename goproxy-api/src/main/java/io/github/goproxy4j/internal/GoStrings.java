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
   * A message as the go command's log (base.Errorf, log.Print) prints it on one line: a message
   * ending in a newline keeps it (one is added only when missing), so that newline is taken off
   * here before the line is printed with one.
   *
   * @param s the message
   * @return it without one trailing newline
   */
  public static String logLine(String s) {
    return s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
  }

  /**
   * Go's {@code strings.TrimSpace}: removes leading and trailing white space as Go defines it.
   *
   * @param s the text
   * @return the text without surrounding white space
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
