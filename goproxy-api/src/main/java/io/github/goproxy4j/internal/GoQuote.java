package io.github.goproxy4j.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * Go's {@code strconv} quoting: {@code Quote} ({@code fmt}'s {@code %q}), {@code QuoteRune},
 * {@code Unquote} and {@code UnquoteChar}, and the cut form our own messages use
 * ({@link #quoteCut(String)}). Exported only to the other goproxy4j modules; not API.
 */
public final class GoQuote {
  private static final char[] HEX = "0123456789abcdef".toCharArray();
  private static final int CUT = 300;

  private GoQuote() {}

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
      long d = GoUtf8.decodeRune(b, i, b.length);
      int r = (int) (d >>> 3);
      int size = (int) (d & 7);
      if (size == 1 && r == GoUtf8.RUNE_ERROR) {
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
      r = GoUtf8.RUNE_ERROR;
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
   * {@code strconv.Unquote} for a double-quoted Go string given as raw bytes: each character is
   * {@link #unquoteChar}'s, an unescaped newline is refused, and the closing quote must be the
   * last byte. Invalid UTF-8 comes out as U+FFFD, as Go's does for a string with an escape or an
   * invalid byte.
   *
   * @param in the token including its quotes
   * @return the unquoted bytes, or {@code null} for Go's {@code invalid syntax}
   */
  public static byte[] unquote(byte[] in) {
    if (in.length < 2 || in[0] != '"') {
      return null;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(in.length);
    int i = 1;
    int n = in.length;
    while (i < n && in[i] != '"') {
      UnquotedChar c = in[i] == '\n' ? null : unquoteChar(in, i, '"');
      if (c == null) {
        return null;
      }
      if (c.value() < 0x80 || !c.multibyte()) {
        out.write(c.value());
      } else {
        writeRune(out, c.value());
      }
      i = c.end();
    }
    if (i != n - 1) {
      return null; // no terminating quote, or text after it
    }
    return out.toByteArray();
  }

  /**
   * One character of a quoted Go literal as {@code strconv.UnquoteChar} reads it.
   *
   * @param value the rune, or the byte of a {@code \x} or octal escape
   * @param multibyte whether {@code value} stands for a rune (written as its UTF-8 encoding in a
   *     string) rather than a single byte: true for a non-ASCII character and a <code>&#92;u</code> or
   *     {@code \U} escape
   * @param end the index just after the character or escape
   */
  public record UnquotedChar(int value, boolean multibyte, int end) {}

  /**
   * Go's {@code strconv.UnquoteChar}: the character or escape sequence at {@code index} of a
   * quoted literal whose quote is {@code quote}, the one reading {@code strconv.Unquote} and
   * text/template's character constants share. The quote itself unescaped is refused (for
   * {@code '} and {@code "}), and escaped only it may be ({@code \'} only in {@code '...'},
   * {@code \"} only in {@code "..."}). Escapes: {@code \a \b \f \n \r \t \v \\}, {@code \x}
   * with two hex digits (a byte), <code>&#92;u</code> with four and {@code \U} with eight (a rune; a
   * surrogate or a value above U+10FFFF is refused), and three octal digits up to {@code \377}
   * (a byte). Hex digits are ASCII only. A non-ASCII byte starts a UTF-8 sequence, decoded like
   * {@code utf8.DecodeRune} (U+FFFD for one invalid byte).
   *
   * <pre>{@code
   * GoQuote.unquoteChar("'\\x41'".getBytes(UTF_8), 1, '\'');  // UnquotedChar[value=65, multibyte=false, end=5]
   * GoQuote.unquoteChar("\\ud800".getBytes(UTF_8), 0, '"');   // null: a surrogate
   * }</pre>
   *
   * @param s the literal's bytes
   * @param index where the character starts
   * @param quote the literal's quote character ({@code '}, {@code "}, or another for none)
   * @return the character, or {@code null} for Go's {@code invalid syntax} (also at the end of
   *     {@code s})
   */
  public static UnquotedChar unquoteChar(byte[] s, int index, char quote) {
    int n = s.length;
    if (index < 0 || index >= n) {
      return null;
    }
    int c = s[index] & 0xFF;
    if (c == quote && (quote == '\'' || quote == '"')) {
      return null;
    }
    if (c >= 0x80) {
      long d = GoUtf8.decodeRune(s, index, n);
      return new UnquotedChar((int) (d >>> 3), true, index + (int) (d & 7));
    }
    if (c != '\\') {
      return new UnquotedChar(c, false, index + 1);
    }
    if (index + 1 >= n) {
      return null;
    }
    int e = s[index + 1] & 0xFF;
    int at = index + 2;
    switch (e) {
      case 'a': return new UnquotedChar(7, false, at);
      case 'b': return new UnquotedChar('\b', false, at);
      case 'f': return new UnquotedChar('\f', false, at);
      case 'n': return new UnquotedChar('\n', false, at);
      case 'r': return new UnquotedChar('\r', false, at);
      case 't': return new UnquotedChar('\t', false, at);
      case 'v': return new UnquotedChar(0x0B, false, at);
      case '\\': return new UnquotedChar('\\', false, at);
      case '\'': case '"':
        return e == quote ? new UnquotedChar(e, false, at) : null;
      case 'x': case 'u': case 'U': {
        int len = e == 'x' ? 2 : e == 'u' ? 4 : 8;
        if (n - at < len) {
          return null;
        }
        int v = 0;
        for (int j = 0; j < len; j++) {
          if (!HexFormat.isHexDigit(s[at + j])) { // ASCII hex digits only, as strconv's unhex
            return null;
          }
          // eight digits may pass 2^31: negative, so refused below like Go's rune
          v = (v << 4) | HexFormat.fromHexDigit(s[at + j]);
        }
        if (e == 'x') {
          return new UnquotedChar(v, false, at + len);
        }
        if (v < 0 || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) {
          return null;
        }
        return new UnquotedChar(v, true, at + len);
      }
      case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': {
        if (n - at < 2) {
          return null;
        }
        int v = e - '0';
        for (int j = 0; j < 2; j++) {
          int x = (s[at + j] & 0xFF) - '0';
          if (x < 0 || x > 7) {
            return null;
          }
          v = (v << 3) | x;
        }
        return v > 255 ? null : new UnquotedChar(v, false, at + 2);
      }
      default:
        return null;
    }
  }

  private static void writeRune(ByteArrayOutputStream out, int r) {
    byte[] b = new String(Character.toChars(r)).getBytes(StandardCharsets.UTF_8);
    out.write(b, 0, b.length);
  }

  /**
   * Go's {@code %q} ({@link #quote(String)}) of at most the first 300 chars, followed by
   * {@code ...} after the closing quote when the text was longer. Go prints the whole value; ours
   * is cut on purpose because these texts (settings, keys, hashes, note texts) can come from a
   * caller at any size and messages and {@code toString()} stay bounded. A cut never splits a
   * surrogate pair.
   *
   * @param s text; {@code null} gives {@code null} (unquoted)
   * @return the Go double-quoted form, possibly cut
   */
  public static String quoteCut(String s) {
    if (s == null || s.length() <= CUT) {
      return quote(s);
    }
    int end = Character.isHighSurrogate(s.charAt(CUT - 1)) ? CUT - 1 : CUT;
    return quote(s.substring(0, end)) + "...";
  }

  /**
   * {@link #quote(byte[])} bounded like {@link #quoteCut(String)}: valid UTF-8 is quoted and cut
   * as {@code quoteCut}; other bytes are quoted whole (their {@code \xNN} escapes keep the cut
   * from splitting a rune).
   *
   * @param b bytes, never {@code null}
   * @return the Go double-quoted form, possibly cut
   */
  public static String quoteCut(byte[] b) {
    return GoUtf8.valid(b) ? quoteCut(new String(b, StandardCharsets.UTF_8)) : quote(b);
  }
}
