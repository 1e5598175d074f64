package io.github.goproxy4j.sumdb.internal;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/** Go's text rules that Java does not share: base64 with required padding, unicode.IsSpace. */
public final class GoText {
  private GoText() {}

  /**
   * Decodes standard base64 as Go's {@code base64.StdEncoding.DecodeString} does: padding is
   * required, {@code \r} and {@code \n} are skipped, anything else outside the alphabet fails.
   *
   * @param s the text
   * @return the bytes, or empty when Go would report an error
   */
  public static Optional<byte[]> decodeBase64(String s) {
    if (s == null) {
      return Optional.empty();
    }
    String t = s;
    if (t.indexOf('\r') >= 0 || t.indexOf('\n') >= 0) {
      t = t.replace("\r", "").replace("\n", "");
    }
    if (t.length() % 4 != 0) {
      return Optional.empty();
    }
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
          || c == '+' || c == '/' || c == '=';
      if (!ok) {
        return Optional.empty();
      }
    }
    try {
      return Optional.of(Base64.getDecoder().decode(t));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /**
   * Encodes standard padded base64.
   *
   * @param b the bytes
   * @return the text
   */
  public static String encodeBase64(byte[] b) {
    return Base64.getEncoder().encodeToString(b);
  }

  /**
   * Reports whether Go's {@code unicode.IsSpace} holds for the code point.
   *
   * @param c a code point
   * @return whether Go treats it as white space
   */
  public static boolean isGoSpace(int c) {
    if (c < 0x80) {
      return c == ' ' || (c >= 0x09 && c <= 0x0d);
    }
    switch (c) {
      case 0x85:
      case 0xa0:
      case 0x1680:
      case 0x2028:
      case 0x2029:
      case 0x202f:
      case 0x205f:
      case 0x3000:
        return true;
      default:
        return c >= 0x2000 && c <= 0x200a;
    }
  }

  /**
   * Splits a string on runs of Go white space, as Go's {@code strings.Fields} does.
   *
   * @param s the text
   * @return the fields, in order
   */
  public static List<String> fields(String s) {
    List<String> out = new ArrayList<>();
    int start = -1;
    int i = 0;
    while (i < s.length()) {
      int c = s.codePointAt(i);
      int n = Character.charCount(c);
      if (isGoSpace(c)) {
        if (start >= 0) {
          out.add(s.substring(start, i));
          start = -1;
        }
      } else if (start < 0) {
        start = i;
      }
      i += n;
    }
    if (start >= 0) {
      out.add(s.substring(start));
    }
    return out;
  }

  /**
   * Decodes strict UTF-8.
   *
   * @param b bytes
   * @return the text, or empty when the bytes are not valid UTF-8
   */
  public static Optional<String> decodeUtf8(byte[] b) {
    try {
      return Optional.of(StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(b))
          .toString());
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
  }

  /**
   * Reports whether a Java string is well-formed UTF-16 (no unpaired surrogates), so that it
   * round-trips through UTF-8.
   *
   * @param s text
   * @return whether every surrogate is paired
   */
  public static boolean isWellFormed(String s) {
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

  /**
   * Quotes a string for an error message the way Go's {@code %q} does for printable text
   * (non-printable characters are escaped), truncating very long input.
   *
   * @param s the text (null gives {@code null})
   * @return the quoted form
   */
  public static String quote(String s) {
    if (s == null) {
      return "null";
    }
    StringBuilder b = new StringBuilder("\"");
    int limit = Math.min(s.length(), 200);
    for (int i = 0; i < limit; i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"':
          b.append("\\\"");
          break;
        case '\\':
          b.append("\\\\");
          break;
        case '\n':
          b.append("\\n");
          break;
        case '\t':
          b.append("\\t");
          break;
        case '\r':
          b.append("\\r");
          break;
        default:
          if (c < 0x20 || c == 0x7f || Character.isSurrogate(c) && !isPairedAt(s, i)) {
            b.append(String.format("\\x%02x", (int) c & 0xff));
          } else {
            b.append(c);
          }
      }
    }
    if (s.length() > limit) {
      b.append("...");
    }
    return b.append('"').toString();
  }

  private static boolean isPairedAt(String s, int i) {
    char c = s.charAt(i);
    if (Character.isHighSurrogate(c)) {
      return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
    }
    return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
  }
}
