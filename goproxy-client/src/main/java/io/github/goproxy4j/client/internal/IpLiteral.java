package io.github.goproxy4j.client.internal;

import java.util.Arrays;

/**
 * IP address literals parsed with Go's rules (net.ParseIP, netip.ParseAddr, net.ParseCIDR),
 * never with a name lookup. Addresses are 16 bytes, IPv4 as IPv4-mapped IPv6 (as Go's
 * {@code net.IP}).
 */
final class IpLiteral {
  private static final byte[] V4_PREFIX = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff};

  private IpLiteral() {}

  /** Go's {@code net.ParseIP}: IPv4 or IPv6 without zone; null when not an IP literal. */
  static byte[] parseIp(String s) {
    byte[] v4 = parseV4(s);
    if (v4 != null) {
      return v4;
    }
    return parseV6(s);
  }

  /** Go's {@code netip.ParseAddr}: like {@link #parseIp} but an IPv6 zone is allowed. */
  static byte[] parseAddr(String s) {
    byte[] v4 = parseV4(s);
    if (v4 != null) {
      return v4;
    }
    int pct = s.indexOf('%');
    if (pct >= 0) {
      if (pct == s.length() - 1) {
        return null;
      }
      s = s.substring(0, pct);
    }
    return parseV6(s);
  }

  /** Whether the 16-byte address is an IPv4 address (Go's {@code To4() != nil}). */
  static boolean isV4(byte[] ip) {
    return Arrays.equals(ip, 0, 12, V4_PREFIX, 0, 12);
  }

  /**
   * Go's {@code net.IP.String} of a 4- or 16-byte address: dotted decimal for IPv4 (and
   * IPv4-mapped IPv6), else lower-case hex groups with the longest run of two or more zero groups
   * (the first of equal runs) written {@code ::}.
   */
  static String format(byte[] ip) {
    if (ip.length == 4 || (ip.length == 16 && isV4(ip))) {
      int o = ip.length - 4;
      return (ip[o] & 0xff) + "." + (ip[o + 1] & 0xff) + "." + (ip[o + 2] & 0xff) + "."
          + (ip[o + 3] & 0xff);
    }
    if (ip.length != 16) {
      throw new IllegalArgumentException("not an IP address: " + ip.length + " bytes");
    }
    int runStart = -1;
    int runLen = 0;
    for (int g = 0; g < 8; g++) {
      int end = g;
      while (end < 8 && ip[2 * end] == 0 && ip[2 * end + 1] == 0) {
        end++;
      }
      if (end - g > runLen) {
        runStart = g;
        runLen = end - g;
      }
      g = Math.max(g, end);
    }
    if (runLen < 2) {
      runStart = -1;
    }
    StringBuilder b = new StringBuilder();
    for (int g = 0; g < 8; g++) {
      if (g == runStart) {
        b.append("::");
        g += runLen - 1;
        continue;
      }
      if (b.length() > 0 && b.charAt(b.length() - 1) != ':') {
        b.append(':');
      }
      b.append(Integer.toHexString(((ip[2 * g] & 0xff) << 8) | (ip[2 * g + 1] & 0xff)));
    }
    return b.toString();
  }

  /** Go's {@code IP.IsLoopback}: 127.0.0.0/8 or ::1. */
  static boolean isLoopback(byte[] ip) {
    if (isV4(ip)) {
      return ip[12] == 127;
    }
    for (int i = 0; i < 15; i++) {
      if (ip[i] != 0) {
        return false;
      }
    }
    return ip[15] == 1;
  }

  /** A network from Go's {@code net.ParseCIDR}. */
  record Cidr(byte[] network, int bits, boolean v4) {
    /** Go's {@code IPNet.Contains}. */
    boolean contains(byte[] ip) {
      if (isV4(ip) != v4) {
        return false;
      }
      int off = v4 ? 12 : 0;
      for (int b = 0; b < bits; b++) {
        int i = off + b / 8;
        int mask = 0x80 >>> (b % 8);
        if ((ip[i] & mask) != (network[i] & mask)) {
          return false;
        }
      }
      return true;
    }
  }

  /** Go's {@code net.ParseCIDR}; null when {@code s} is not {@code ip/prefix}. */
  static Cidr parseCidr(String s) {
    int slash = s.indexOf('/');
    if (slash < 0) {
      return null;
    }
    String addr = s.substring(0, slash);
    String mask = s.substring(slash + 1);
    byte[] ip = parseV4(addr);
    boolean v4 = ip != null;
    if (ip == null) {
      ip = parseV6(addr);
    }
    if (ip == null || mask.isEmpty() || mask.length() > 6) {
      return null;
    }
    int n = 0;
    for (int i = 0; i < mask.length(); i++) {
      char c = mask.charAt(i);
      if (c < '0' || c > '9') {
        return null;
      }
      n = n * 10 + (c - '0');
    }
    if (n > (v4 ? 32 : 128)) {
      return null;
    }
    return new Cidr(ip, n, v4);
  }

  private static byte[] parseV4(String s) {
    byte[] out = new byte[16];
    System.arraycopy(V4_PREFIX, 0, out, 0, 12);
    int i = 0;
    int n = s.length();
    for (int part = 0; part < 4; part++) {
      if (part > 0) {
        if (i >= n || s.charAt(i) != '.') {
          return null;
        }
        i++;
      }
      int start = i;
      int v = 0;
      while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9' && i - start < 4) {
        v = v * 10 + (s.charAt(i) - '0');
        i++;
      }
      int digits = i - start;
      if (digits == 0 || digits > 3 || v > 255 || (digits > 1 && s.charAt(start) == '0')) {
        return null;
      }
      out[12 + part] = (byte) v;
    }
    return i == n ? out : null;
  }

  private static byte[] parseV6(String s) {
    byte[] ip = new byte[16];
    int ellipsis = -1;
    int i = 0;
    int n = s.length();
    if (n >= 2 && s.charAt(0) == ':' && s.charAt(1) == ':') {
      ellipsis = 0;
      i = 2;
      if (i == n) {
        return ip;
      }
    }
    int k = 0;
    while (k < 16) {
      int start = i;
      int v = 0;
      while (i < n && Character.digit(s.charAt(i), 16) >= 0 && s.charAt(i) < 0x80) {
        v = v * 16 + Character.digit(s.charAt(i), 16);
        i++;
        if (i - start > 4) {
          return null;
        }
      }
      if (i == start) {
        return null;
      }
      if (i < n && s.charAt(i) == '.') {
        if (ellipsis < 0 && k != 12) {
          return null;
        }
        if (k + 4 > 16) {
          return null;
        }
        byte[] v4 = parseV4(s.substring(start));
        if (v4 == null) {
          return null;
        }
        System.arraycopy(v4, 12, ip, k, 4);
        k += 4;
        i = n;
        break;
      }
      ip[k] = (byte) (v >>> 8);
      ip[k + 1] = (byte) v;
      k += 2;
      if (i == n) {
        break;
      }
      if (s.charAt(i) != ':' || i + 1 == n) {
        return null;
      }
      i++;
      if (s.charAt(i) == ':') {
        if (ellipsis >= 0) {
          return null;
        }
        ellipsis = k;
        i++;
        if (i == n) {
          break;
        }
      }
    }
    if (i != n) {
      return null;
    }
    if (k < 16) {
      if (ellipsis < 0) {
        return null;
      }
      int tail = k - ellipsis;
      System.arraycopy(ip, ellipsis, ip, 16 - tail, tail);
      Arrays.fill(ip, ellipsis, 16 - tail, (byte) 0);
    } else if (ellipsis >= 0) {
      return null;
    }
    return ip;
  }
}
