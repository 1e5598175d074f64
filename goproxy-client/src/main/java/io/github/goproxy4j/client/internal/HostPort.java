package io.github.goproxy4j.client.internal;

/** Go's {@code net.SplitHostPort} and {@code url.URL.Hostname()/Port()} rules. */
final class HostPort {
  private HostPort() {}

  /**
   * Go's {@code net.SplitHostPort}: returns {host, port} (brackets removed from IPv6), or null
   * on error (missing port, too many colons, misplaced brackets).
   */
  static String[] split(String hostport) {
    int colon = hostport.lastIndexOf(':');
    if (colon < 0) {
      return null;
    }
    String host;
    int j = 0;
    int k = 0;
    if (hostport.startsWith("[")) {
      int end = hostport.indexOf(']');
      if (end < 0) {
        return null;
      }
      if (end + 1 == hostport.length()) {
        return null;
      } else if (end + 1 != colon) {
        return null;
      }
      host = hostport.substring(1, end);
      j = 1;
      k = end + 1;
    } else {
      host = hostport.substring(0, colon);
      if (host.indexOf(':') >= 0) {
        return null;
      }
    }
    if (hostport.indexOf('[', j) >= 0) {
      return null;
    }
    if (hostport.indexOf(']', k) >= 0) {
      return null;
    }
    return new String[] {host, hostport.substring(colon + 1)};
  }

  /**
   * Splits a raw URI authority as Go's {@code url.URL} does: the user info is everything up to
   * the last {@code @}; the port is kept only when it is all digits; brackets are removed and
   * percent-escapes in the host decoded.
   *
   * @return {hostname, port (possibly empty)}
   */
  static String[] ofAuthority(String rawAuthority) {
    String a = rawAuthority == null ? "" : rawAuthority;
    int at = a.lastIndexOf('@');
    if (at >= 0) {
      a = a.substring(at + 1);
    }
    String host = a;
    String port = "";
    int colon = a.lastIndexOf(':');
    if (colon >= 0 && colon > a.lastIndexOf(']')) {
      String p = a.substring(colon + 1);
      if (allDigits(p)) {
        host = a.substring(0, colon);
        port = p;
      }
    }
    if (host.startsWith("[") && host.endsWith("]") && host.length() >= 2) {
      host = host.substring(1, host.length() - 1);
    }
    return new String[] {percentDecode(host), port};
  }

  /** A loop, not a stream: this runs for every request, mostly in a cold JVM. */
  private static boolean allDigits(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  static String percentDecode(String s) {
    if (s.indexOf('%') < 0) {
      return s;
    }
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    for (int i = 0; i < b.length; i++) {
      if (b[i] == '%' && i + 2 < b.length
          && Character.digit(b[i + 1], 16) >= 0 && Character.digit(b[i + 2], 16) >= 0) {
        out.write(Character.digit(b[i + 1], 16) * 16 + Character.digit(b[i + 2], 16));
        i += 2;
      } else {
        out.write(b[i]);
      }
    }
    return out.toString(java.nio.charset.StandardCharsets.UTF_8);
  }
}
