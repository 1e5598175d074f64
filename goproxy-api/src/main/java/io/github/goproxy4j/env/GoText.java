package io.github.goproxy4j.env;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Go's text helpers written fresh in Java: unicode.IsSpace, strings.Fields/TrimSpace, %q. */
final class GoText {
  private GoText() {}

  /** Go's {@code unicode.IsSpace} (not Java's {@code Character.isWhitespace}). */
  static boolean isSpace(int c) {
    if (c < 0x100) {
      return c == ' ' || (c >= '\t' && c <= '\r') || c == 0x85 || c == 0xA0;
    }
    return c == 0x1680
        || (c >= 0x2000 && c <= 0x200A)
        || c == 0x2028
        || c == 0x2029
        || c == 0x202F
        || c == 0x205F
        || c == 0x3000;
  }

  /** Go's {@code strings.TrimSpace}. */
  static String trimSpace(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && isSpace(s.charAt(start))) {
      start++;
    }
    while (end > start && isSpace(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(start, end);
  }

  /** Go's {@code strings.Fields}. */
  static List<String> fields(String s) {
    List<String> out = new ArrayList<>();
    int i = 0;
    int n = s.length();
    while (i < n) {
      while (i < n && isSpace(s.charAt(i))) {
        i++;
      }
      int start = i;
      while (i < n && !isSpace(s.charAt(i))) {
        i++;
      }
      if (i > start) {
        out.add(s.substring(start, i));
      }
    }
    return out;
  }

  /** Whether the string has no unpaired surrogate (so its UTF-8 form is valid). */
  static boolean isValidUtf16(String s) {
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

  /** Go's {@code strconv.Quote} ({@code %q}) of a Java string; long input is cut at 300 chars. */
  static String quote(String s) {
    String cut = s.length() > 300 ? s.substring(0, 300) : s;
    StringBuilder b = new StringBuilder(cut.length() + 2).append('"');
    for (int i = 0; i < cut.length(); ) {
      int c = cut.codePointAt(i);
      int len = Character.charCount(c);
      if (Character.isSurrogate((char) c)) {
        b.append("\\ufffd");
      } else {
        appendQuoted(b, c);
      }
      i += len;
    }
    b.append('"');
    if (cut.length() < s.length()) {
      b.append("...");
    }
    return b.toString();
  }

  /** {@code %q} of bytes (UTF-8 decoded as Go does, invalid bytes as {@code \xNN}). */
  static String quoteBytes(byte[] s) {
    StringBuilder b = new StringBuilder(s.length + 2).append('"');
    String decoded = new String(s, StandardCharsets.UTF_8);
    if (java.util.Arrays.equals(decoded.getBytes(StandardCharsets.UTF_8), s)) {
      return quote(decoded);
    }
    for (byte x : s) {
      int c = x & 0xFF;
      if (c < 0x80) {
        appendQuoted(b, c);
      } else {
        b.append(String.format("\\x%02x", c));
      }
    }
    return b.append('"').toString();
  }

  private static void appendQuoted(StringBuilder b, int c) {
    switch (c) {
      case '"':
        b.append("\\\"");
        return;
      case '\\':
        b.append("\\\\");
        return;
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
      case 0x0B:
        b.append("\\v");
        return;
      default:
        break;
    }
    if (c < 0x20 || c == 0x7F) {
      b.append(String.format("\\x%02x", c));
    } else if (c < 0x7F || isPrint(c)) {
      b.appendCodePoint(c);
    } else if (c < 0x10000) {
      b.append(String.format("\\u%04x", c));
    } else {
      b.append(String.format("\\U%08x", c));
    }
  }

  private static boolean isPrint(int c) {
    switch (Character.getType(c)) {
      case Character.CONTROL:
      case Character.FORMAT:
      case Character.UNASSIGNED:
      case Character.SURROGATE:
      case Character.PRIVATE_USE:
      case Character.LINE_SEPARATOR:
      case Character.PARAGRAPH_SEPARATOR:
      case Character.SPACE_SEPARATOR:
        return false;
      default:
        return true;
    }
  }
}
