package io.github.goproxy4j.mvs;

import io.github.goproxy4j.module.Version;

/**
 * The version order of cmd/go's gover package for the {@code go} and {@code toolchain} nodes of
 * the module graph ({@code 1.21 < 1.21rc1 < 1.21.0 < 1.21.1}), and gover.ModCompare, which uses it
 * for those two paths and semver for every module path.
 */
final class GoVersions {
  private GoVersions() {}

  /** A parsed Go version: major, minor, patch, kind ("", alpha, beta, rc), pre; {@code null} when invalid. */
  private record Parsed(String major, String minor, String patch, String kind, String pre) {}

  private static Parsed parse(String x) {
    int i = digits(x, 0);
    if (i == 0) {
      return null;
    }
    String major = x.substring(0, i);
    if (i == x.length()) {
      return new Parsed(major, "0", "0", "", "");
    }
    if (x.charAt(i) != '.') {
      return null;
    }
    int j = digits(x, i + 1);
    if (j == i + 1) {
      return null;
    }
    String minor = x.substring(i + 1, j);
    if (j == x.length()) {
      // a language version: 1.21 (before 1.21, 1.N was the first release 1.N.0)
      boolean old = cmpInt(minor, "21") < 0;
      return new Parsed(major, minor, old ? "0" : "", "", "");
    }
    if (x.charAt(j) == '.') {
      int k = digits(x, j + 1);
      if (k == j + 1 || k != x.length()) {
        return null;
      }
      return new Parsed(major, minor, x.substring(j + 1, k), "", "");
    }
    int k = j;
    while (k < x.length() && x.charAt(k) >= 'a' && x.charAt(k) <= 'z') {
      k++;
    }
    String kind = x.substring(j, k);
    if (kind.isEmpty()) {
      return null;
    }
    if (k == x.length()) {
      return new Parsed(major, minor, "", kind, "");
    }
    int l = digits(x, k);
    if (l == k || l != x.length()) {
      return null;
    }
    return new Parsed(major, minor, "", kind, x.substring(k, l));
  }

  private static int digits(String s, int from) {
    int i = from;
    while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
      i++;
    }
    // a leading zero is not allowed in a number longer than one digit
    if (i - from > 1 && s.charAt(from) == '0') {
      return from;
    }
    return i;
  }

  private static int cmpInt(String x, String y) {
    if (x.equals(y)) {
      return 0;
    }
    if (x.length() != y.length()) {
      return x.length() < y.length() ? -1 : 1;
    }
    return x.compareTo(y) < 0 ? -1 : 1;
  }

  /** gover.Compare: an invalid version sorts before every valid one. */
  static int compare(String x, String y) {
    Parsed a = parse(x);
    Parsed b = parse(y);
    if (a == null || b == null) {
      return a == null ? (b == null ? 0 : -1) : 1;
    }
    int c = cmpInt(a.major, b.major);
    if (c == 0) {
      c = cmpInt(a.minor, b.minor);
    }
    if (c == 0) {
      c = cmpInt(a.patch, b.patch);
    }
    if (c == 0) {
      c = Integer.signum(a.kind.compareTo(b.kind));
    }
    if (c == 0) {
      c = cmpInt(a.pre, b.pre);
    }
    return c;
  }

  static boolean isValid(String x) {
    return parse(x) != null;
  }

  /** gover.FromToolchain: {@code go1.21.3-foo} → {@code 1.21.3}; "" when not a Go toolchain name. */
  static String fromToolchain(String name) {
    if (name.contains("/") || name.contains("\\") || !name.startsWith("go")) {
      return "";
    }
    String v = name.substring(2);
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c == ' ' || c == '\t' || c == '-') {
        v = v.substring(0, i);
        break;
      }
    }
    return isValid(v) ? v : "";
  }

  /** gover.ModCompare: gover order for {@code go} and {@code toolchain}, semver for modules. */
  static int modCompare(String path, String x, String y) {
    if (path.equals("go")) {
      return compare(x, y);
    }
    if (path.equals("toolchain")) {
      return compare(isValid(x) ? x : fromToolchain(x), isValid(y) ? y : fromToolchain(y));
    }
    return Version.compare(x, y);
  }

  /** modload's cmpVersion: the main module's empty version is greater than any other. */
  static int cmpVersion(String path, String v1, String v2) {
    if (v2.isEmpty()) {
      return v1.isEmpty() ? 0 : -1;
    }
    if (v1.isEmpty()) {
      return 1;
    }
    return modCompare(path, v1, v2);
  }
}
