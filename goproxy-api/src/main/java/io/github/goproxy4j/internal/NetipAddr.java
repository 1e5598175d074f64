package io.github.goproxy4j.internal;

import io.github.goproxy4j.internal.GoQuote;
import java.util.HexFormat;

/**
 * Go's {@code netip.ParseAddr}, for its verdict and its error text only: net/url checks what is
 * between square brackets with it (Go 1.24.8, 1.25.2 and 1.26 on). Written fresh from Go's rules
 * because the JDK's {@code InetAddress} accepts other forms and has no such errors.
 */
final class NetipAddr {
  /** Whether the address parsed as IPv4 (not IPv4-mapped IPv6). */
  final boolean is4;

  private NetipAddr(boolean is4) {
    this.is4 = is4;
  }

  /** A parse failure with Go's {@code ParseAddr("in"): msg (at "rest")} text. */
  static final class Error extends Exception {
    private static final long serialVersionUID = 1L;

    Error(String in, String msg, String at) {
      super("ParseAddr(" + quote(in) + "): " + msg
          + (at.isEmpty() ? "" : " (at " + quote(at) + ")"), null, false, false);
    }

    /** strconv.Quote of a byte string (one char per byte). */
    private static String quote(String byteString) {
      return GoQuote.quote(byteString.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    }
  }

  /**
   * Parses an address (netip.ParseAddr).
   *
   * @param s the text as a byte string (one char per byte), as GoUrl holds it
   * @return the address kind
   * @throws Error with Go's message
   */
  static NetipAddr parse(String s) throws Error {
    for (int i = 0; i < s.length(); i++) {
      switch (s.charAt(i)) {
        case '.':
          parseV4Fields(s, 0, s.length());
          return new NetipAddr(true);
        case ':':
          parseV6(s);
          return new NetipAddr(false);
        case '%':
          throw new Error(s, "missing IPv6 address", "");
        default:
          break;
      }
    }
    throw new Error(s, "unable to parse IP", "");
  }

  private static void parseV4Fields(String in, int off, int end) throws Error {
    String s = in.substring(off, end);
    int val = 0;
    int pos = 0;
    int digLen = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= '0' && c <= '9') {
        if (digLen == 1 && val == 0) {
          throw new Error(in, "IPv4 field has octet with leading zero", "");
        }
        val = val * 10 + (c - '0');
        digLen++;
        if (val > 255) {
          throw new Error(in, "IPv4 field has value >255", "");
        }
      } else if (c == '.') {
        if (i == 0 || i == s.length() - 1 || s.charAt(i - 1) == '.') {
          throw new Error(in, "IPv4 field must have at least one digit", s.substring(i));
        }
        if (pos == 3) {
          throw new Error(in, "IPv4 address too long", "");
        }
        pos++;
        val = 0;
        digLen = 0;
      } else {
        throw new Error(in, "unexpected character", s.substring(i));
      }
    }
    if (pos < 3) {
      throw new Error(in, "IPv4 address too short", "");
    }
  }

  private static void parseV6(String in) throws Error {
    String s = in;
    String zone = "";
    int pct = s.indexOf('%');
    if (pct >= 0) {
      zone = s.substring(pct + 1);
      s = s.substring(0, pct);
      if (zone.isEmpty()) {
        throw new Error(in, "zone must be a non-empty string", "");
      }
    }
    int ellipsis = -1;
    if (s.length() >= 2 && s.charAt(0) == ':' && s.charAt(1) == ':') {
      ellipsis = 0;
      s = s.substring(2);
      if (s.isEmpty()) {
        return;
      }
    }
    int i = 0;
    while (i < 16) {
      int off = 0;
      long acc = 0;
      for (; off < s.length(); off++) {
        char c = s.charAt(off);
        int d = HexFormat.isHexDigit(c) ? HexFormat.fromHexDigit(c) : -1;
        if (d < 0) {
          break;
        }
        acc = (acc << 4) + d;
        if (off > 3) {
          throw new Error(in, "each group must have 4 or less digits", s);
        }
        if (acc > 0xffff) {
          throw new Error(in, "IPv6 field has value >=2^16", s);
        }
      }
      if (off == 0) {
        throw new Error(in, "each colon-separated field must have at least one digit", s);
      }
      if (off < s.length() && s.charAt(off) == '.') {
        if (ellipsis < 0 && i != 12) {
          throw new Error(in, "embedded IPv4 address must replace the final 2 fields of the address", s);
        }
        if (i + 4 > 16) {
          throw new Error(in, "too many hex fields to fit an embedded IPv4 at the end of the address", s);
        }
        int end = in.length();
        if (!zone.isEmpty()) {
          end -= zone.length() + 1;
        }
        parseV4Fields(in, end - s.length(), end);
        s = "";
        i += 4;
        break;
      }
      i += 2;
      s = s.substring(off);
      if (s.isEmpty()) {
        break;
      }
      if (s.charAt(0) != ':') {
        throw new Error(in, "unexpected character, want colon", s);
      } else if (s.length() == 1) {
        throw new Error(in, "colon must be followed by more characters", s);
      }
      s = s.substring(1);
      if (s.charAt(0) == ':') {
        if (ellipsis >= 0) {
          throw new Error(in, "multiple :: in address", s);
        }
        ellipsis = i;
        s = s.substring(1);
        if (s.isEmpty()) {
          break;
        }
      }
    }
    if (!s.isEmpty()) {
      throw new Error(in, "trailing garbage after address", s);
    }
    if (i < 16) {
      if (ellipsis < 0) {
        throw new Error(in, "address string too short", "");
      }
    } else if (ellipsis >= 0) {
      throw new Error(in, "the :: must expand to at least one field of zeros", "");
    }
  }
}
