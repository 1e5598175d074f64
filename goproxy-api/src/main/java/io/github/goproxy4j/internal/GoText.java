package io.github.goproxy4j.internal;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Go's text rules that our messages and parsers need: UTF-8 decoding as Go's {@code utf8.DecodeRune}
 * does it (one replacement rune per invalid byte), {@code unicode.IsPrint}, {@code strconv.Quote},
 * {@code QuoteRune} and {@code Unquote}, {@code path.Clean}, and the case-folding key x/mod's
 * zip package uses for collision checks; {@code strings.TrimSpace} and {@code Fields}; Go's padded
 * base64. Exported only to the other goproxy4j modules; not API.
 */
public final class GoText {
  /** The Unicode replacement character that Go decodes invalid bytes to. */
  public static final int RUNE_ERROR = 0xFFFD;

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private GoText() {}

  /**
   * Decodes one rune at {@code off} like Go's {@code utf8.DecodeRune}.
   *
   * @param b bytes
   * @param off start, {@code < end}
   * @param end end of the valid region
   * @return {@code (rune << 3) | size}: size is 1..4; an invalid byte gives (0xFFFD, 1)
   */
  public static long decodeRune(byte[] b, int off, int end) {
    int b0 = b[off] & 0xFF;
    if (b0 < 0x80) {
      return ((long) b0 << 3) | 1;
    }
    int n;
    int min;
    int r;
    if (b0 >= 0xC2 && b0 <= 0xDF) {
      n = 2;
      min = 0x80;
      r = b0 & 0x1F;
    } else if (b0 >= 0xE0 && b0 <= 0xEF) {
      n = 3;
      min = 0x800;
      r = b0 & 0x0F;
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
      n = 4;
      min = 0x10000;
      r = b0 & 0x07;
    } else {
      return ((long) RUNE_ERROR << 3) | 1;
    }
    if (end - off < n) {
      return ((long) RUNE_ERROR << 3) | 1;
    }
    for (int i = 1; i < n; i++) {
      int c = b[off + i] & 0xFF;
      if ((c & 0xC0) != 0x80) {
        return ((long) RUNE_ERROR << 3) | 1;
      }
      r = (r << 6) | (c & 0x3F);
    }
    if (r < min || r > 0x10FFFF || (r >= 0xD800 && r <= 0xDFFF)) {
      return ((long) RUNE_ERROR << 3) | 1;
    }
    return ((long) r << 3) | n;
  }

  /**
   * Reports whether {@code b} is entirely valid UTF-8 ({@code utf8.Valid}).
   *
   * @param b bytes
   * @return validity
   */
  public static boolean isValidUtf8(byte[] b) {
    int i = 0;
    while (i < b.length) {
      long d = decodeRune(b, i, b.length);
      int size = (int) (d & 7);
      if (size == 1 && (d >>> 3) == RUNE_ERROR) {
        return false;
      }
      i += size;
    }
    return true;
  }

  /**
   * Go's {@code unicode.IsPrint} (the newest release's tables): letters, marks, numbers,
   * punctuation, symbols and the ASCII space.
   *
   * @param r a rune
   * @return whether Go considers it printable
   */
  public static boolean isPrint(int r) {
    return UnicodeTables.newest().isPrint(r);
  }

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
   * {@code strconv.Quote} ({@code fmt}'s {@code %q}) of a Java string, taken as the UTF-8 encoding
   * of its code points. A lone surrogate, which has no UTF-8 encoding, is taken as its three WTF-8
   * bytes; Go sees those as invalid UTF-8 and quotes them as {@code \xed\xa0\x80}, as this does.
   *
   * @param s text; {@code null} gives {@code null} (unquoted)
   * @return the Go double-quoted form
   */
  public static String quote(String s) {
    return quote(s, UnicodeTables.newest());
  }

  /**
   * {@link #quote(String)} with a given Go release's {@code strconv.IsPrint}.
   *
   * @param s text; {@code null} gives {@code null} (unquoted)
   * @param unicode the release's tables
   * @return the Go double-quoted form
   */
  public static String quote(String s, UnicodeTables unicode) {
    if (s == null) {
      return "null";
    }
    int n = s.length();
    StringBuilder b = new StringBuilder(n + 2).append('"');
    for (int i = 0; i < n; ) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
        appendEscapedRune(b, Character.toCodePoint(c, s.charAt(i + 1)), '"', unicode);
        i += 2;
      } else if (Character.isSurrogate(c)) {
        appendHexByte(b, 0xE0 | (c >> 12));
        appendHexByte(b, 0x80 | ((c >> 6) & 0x3F));
        appendHexByte(b, 0x80 | (c & 0x3F));
        i++;
      } else {
        appendEscapedRune(b, c, '"', unicode);
        i++;
      }
    }
    return b.append('"').toString();
  }

  private static void appendHexByte(StringBuilder b, int v) {
    b.append('\\').append('x').append(HEX[(v >> 4) & 0xF]).append(HEX[v & 0xF]);
  }

  /**
   * Compares two strings as Go compares strings: by their UTF-8 bytes, which is code point order
   * (lone surrogates sort by their WTF-8 bytes, which is also their code point order).
   *
   * @param a a string
   * @param b another string
   * @return negative, zero or positive as {@code a} sorts before, with or after {@code b}
   */
  public static int compareUtf8(String a, String b) {
    int n = Math.min(a.length(), b.length());
    for (int i = 0; i < n; i++) {
      char x = a.charAt(i);
      char y = b.charAt(i);
      if (x != y) {
        // Surrogates (U+D800..U+DFFF as chars) encode code points above U+FFFF, which sort after
        // U+E000..U+FFFF in UTF-8; a lone surrogate's WTF-8 bytes sort by its own value.
        int cx = Character.isSurrogate(x) ? surrogateRank(a, i) : x;
        int cy = Character.isSurrogate(y) ? surrogateRank(b, i) : y;
        if (cx != cy) {
          return cx < cy ? -1 : 1;
        }
        return x < y ? -1 : 1;
      }
    }
    return Integer.compare(a.length(), b.length());
  }

  private static int surrogateRank(String s, int i) {
    char c = s.charAt(i);
    if (Character.isHighSurrogate(c) && i + 1 < s.length()
        && Character.isLowSurrogate(s.charAt(i + 1))) {
      return Character.toCodePoint(c, s.charAt(i + 1));
    }
    if (Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(s.charAt(i - 1))) {
      return Character.toCodePoint(s.charAt(i - 1), c);
    }
    return c;
  }

  /**
   * {@code strconv.Quote} of raw bytes (invalid UTF-8 bytes come out as {@code \xNN}).
   *
   * @param b bytes, never {@code null}
   * @return the Go double-quoted form
   */
  public static String quote(byte[] b) {
    return quote(b, UnicodeTables.newest());
  }

  /**
   * {@link #quote(byte[])} with a given Go release's {@code strconv.IsPrint}.
   *
   * @param b bytes, never {@code null}
   * @param unicode the release's tables
   * @return the Go double-quoted form
   */
  public static String quote(byte[] b, UnicodeTables unicode) {
    StringBuilder sb = new StringBuilder(b.length + 2).append('"');
    int i = 0;
    while (i < b.length) {
      long d = decodeRune(b, i, b.length);
      int r = (int) (d >>> 3);
      int size = (int) (d & 7);
      if (size == 1 && r == RUNE_ERROR) {
        int c = b[i] & 0xFF;
        sb.append("\\x").append(HEX[c >> 4]).append(HEX[c & 0xF]);
      } else {
        appendEscapedRune(sb, r, '"', unicode);
      }
      i += size;
    }
    return sb.append('"').toString();
  }

  /**
   * {@code strconv.QuoteRune} (also what {@code fmt}'s {@code %q} and {@code %#q} print for a rune).
   *
   * @param r a rune; invalid values print as U+FFFD
   * @return the Go single-quoted form
   */
  public static String quoteRune(int r) {
    return quoteRune(r, UnicodeTables.newest());
  }

  /**
   * {@link #quoteRune(int)} with a given Go release's {@code strconv.IsPrint}.
   *
   * @param r a rune; invalid values print as U+FFFD
   * @param unicode the release's tables
   * @return the Go single-quoted form
   */
  public static String quoteRune(int r, UnicodeTables unicode) {
    if (r < 0 || r > 0x10FFFF || (r >= 0xD800 && r <= 0xDFFF)) {
      r = RUNE_ERROR;
    }
    StringBuilder sb = new StringBuilder().append('\'');
    appendEscapedRune(sb, r, '\'', unicode);
    return sb.append('\'').toString();
  }

  private static void appendEscapedRune(StringBuilder sb, int r, char quote) {
    appendEscapedRune(sb, r, quote, UnicodeTables.newest());
  }

  private static void appendEscapedRune(StringBuilder sb, int r, char quote, UnicodeTables unicode) {
    if (r == quote || r == '\\') {
      sb.append('\\').append((char) r);
      return;
    }
    if (unicode.strconvIsPrint(r)) {
      sb.appendCodePoint(r);
      return;
    }
    switch (r) {
      case 7: sb.append("\\a"); return;
      case '\b': sb.append("\\b"); return;
      case '\f': sb.append("\\f"); return;
      case '\n': sb.append("\\n"); return;
      case '\r': sb.append("\\r"); return;
      case '\t': sb.append("\\t"); return;
      case 0x0B: sb.append("\\v"); return;
      default:
        if (r < ' ' || r == 0x7F) {
          sb.append("\\x").append(HEX[r >> 4]).append(HEX[r & 0xF]);
        } else if (r < 0x10000) {
          sb.append("\\u");
          for (int s = 12; s >= 0; s -= 4) {
            sb.append(HEX[(r >> s) & 0xF]);
          }
        } else {
          sb.append("\\U");
          for (int s = 28; s >= 0; s -= 4) {
            sb.append(HEX[(r >> s) & 0xF]);
          }
        }
    }
  }

  /**
   * {@code strconv.Unquote} for a double-quoted Go string given as raw bytes.
   *
   * @param in the token including its quotes
   * @return the unquoted bytes, or {@code null} for Go's {@code invalid syntax}
   */
  public static byte[] unquoteDoubleQuoted(byte[] in) {
    if (in.length < 2 || in[0] != '"') {
      return null;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(in.length);
    int i = 1;
    int n = in.length;
    while (i < n && in[i] != '"') {
      int c = in[i] & 0xFF;
      if (c == '\n') {
        return null;
      }
      if (c >= 0x80) {
        long d = decodeRune(in, i, n);
        writeRune(out, (int) (d >>> 3));
        i += (int) (d & 7);
        continue;
      }
      if (c != '\\') {
        out.write(c);
        i++;
        continue;
      }
      if (i + 1 >= n) {
        return null;
      }
      int e = in[i + 1] & 0xFF;
      i += 2;
      switch (e) {
        case 'a': out.write(7); break;
        case 'b': out.write('\b'); break;
        case 'f': out.write('\f'); break;
        case 'n': out.write('\n'); break;
        case 'r': out.write('\r'); break;
        case 't': out.write('\t'); break;
        case 'v': out.write(0x0B); break;
        case '\\': out.write('\\'); break;
        case '"': out.write('"'); break;
        case 'x': case 'u': case 'U': {
          int len = e == 'x' ? 2 : e == 'u' ? 4 : 8;
          if (n - i < len) {
            return null;
          }
          int v = 0;
          for (int j = 0; j < len; j++) {
            int h = Character.digit(in[i + j] & 0xFF, 16);
            if (h < 0 || (in[i + j] & 0xFF) >= 0x80) {
              return null;
            }
            v = (v << 4) | h;
          }
          i += len;
          if (e == 'x') {
            out.write(v);
          } else {
            if (v < 0 || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) {
              return null;
            }
            writeRune(out, v);
          }
          break;
        }
        case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': {
          int v = e - '0';
          if (n - i < 2) {
            return null;
          }
          for (int j = 0; j < 2; j++) {
            int x = (in[i + j] & 0xFF) - '0';
            if (x < 0 || x > 7) {
              return null;
            }
            v = (v << 3) | x;
          }
          i += 2;
          if (v > 255) {
            return null;
          }
          out.write(v);
          break;
        }
        default:
          return null;
      }
    }
    if (i != n - 1) {
      return null; // no terminating quote, or text after it
    }
    return out.toByteArray();
  }

  private static void writeRune(ByteArrayOutputStream out, int r) {
    byte[] b = new String(Character.toChars(r)).getBytes(StandardCharsets.UTF_8);
    out.write(b, 0, b.length);
  }

  /**
   * Go's {@code path.Clean}.
   *
   * @param p a slash-separated path
   * @return the cleaned path
   */
  public static String cleanPath(String p) {
    if (p.isEmpty()) {
      return ".";
    }
    boolean rooted = p.charAt(0) == '/';
    int n = p.length();
    StringBuilder out = new StringBuilder(n);
    int r = 0;
    int dotdot = 0;
    if (rooted) {
      out.append('/');
      r = 1;
      dotdot = 1;
    }
    while (r < n) {
      if (p.charAt(r) == '/') {
        r++;
      } else if (p.charAt(r) == '.' && (r + 1 == n || p.charAt(r + 1) == '/')) {
        r++;
      } else if (p.charAt(r) == '.' && p.charAt(r + 1) == '.' && (r + 2 == n || p.charAt(r + 2) == '/')) {
        r += 2;
        if (out.length() > dotdot) {
          int w = out.length() - 1;
          while (w > dotdot && out.charAt(w) != '/') {
            w--;
          }
          out.setLength(w);
        } else if (!rooted) {
          if (out.length() > 0) {
            out.append('/');
          }
          out.append("..");
          dotdot = out.length();
        }
      } else {
        if ((rooted && out.length() != 1) || (!rooted && out.length() != 0)) {
          out.append('/');
        }
        while (r < n && p.charAt(r) != '/') {
          out.append(p.charAt(r));
          r++;
        }
      }
    }
    if (out.length() == 0) {
      return ".";
    }
    return out.toString();
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
      sb.appendCodePoint(foldRune(r, unicode));
    }
    return sb.toString();
  }

  /**
   * Go's {@code strings.TrimSpace} (white space as {@link #isSpace(int)}).
   *
   * @param s text
   * @return {@code s} without leading and trailing Go white space
   */
  public static String trimSpace(String s) {
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

  /**
   * Reports whether a Java string is well-formed UTF-16 (no unpaired surrogate), so that its UTF-8
   * form is valid.
   *
   * @param s text
   * @return whether every surrogate is paired
   */
  public static boolean isValidUtf16(String s) {
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
   * {@code strconv.Quote} of a Java string for an error message, cut at 300 chars: a longer input
   * is quoted up to there and followed by {@code ...} after the closing quote; an unpaired
   * surrogate prints as the escape of U+FFFD.
   *
   * @param s text, never {@code null}
   * @return the Go double-quoted form, possibly cut
   */
  public static String quoteCut(String s) {
    String cut = s.length() > 300 ? s.substring(0, 300) : s;
    StringBuilder b = new StringBuilder(cut.length() + 2).append('"');
    for (int i = 0; i < cut.length(); ) {
      int c = cut.codePointAt(i);
      if (Character.isSurrogate((char) c)) {
        b.append("\\ufffd");
      } else {
        appendEscapedRune(b, c, '"');
      }
      i += Character.charCount(c);
    }
    b.append('"');
    if (cut.length() < s.length()) {
      b.append("...");
    }
    return b.toString();
  }

  /**
   * {@code %q} of bytes for an error message: valid UTF-8 is quoted as {@link #quoteCut(String)};
   * otherwise every ASCII byte is escaped as Go does and every other byte prints as {@code \xNN}.
   *
   * @param s bytes, never {@code null}
   * @return the quoted form
   */
  public static String quoteBytesCut(byte[] s) {
    String decoded = new String(s, StandardCharsets.UTF_8);
    if (Arrays.equals(decoded.getBytes(StandardCharsets.UTF_8), s)) {
      return quoteCut(decoded);
    }
    StringBuilder b = new StringBuilder(s.length + 2).append('"');
    for (byte x : s) {
      int c = x & 0xFF;
      if (c < 0x80) {
        appendEscapedRune(b, c, '"');
      } else {
        b.append("\\x").append(HEX[c >> 4]).append(HEX[c & 0xF]);
      }
    }
    return b.append('"').toString();
  }

  /**
   * A simplified {@code %q} for error messages (the checksum code's form): only {@code "},
   * {@code \}, {@code \n}, {@code \t} and {@code \r} get their escapes; other ASCII controls,
   * DEL and unpaired surrogates print as {@code \xNN} (of the char's low byte); everything else
   * prints as is. Input beyond 200 chars is cut, with {@code ...} before the closing quote.
   *
   * @param s the text ({@code null} gives {@code null} unquoted)
   * @return the quoted form
   */
  public static String quoteSimple(String s) {
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
