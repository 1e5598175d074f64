package io.github.goproxy4j.client.internal;

/** Compares Go release names such as {@code "1.19"}, {@code "1.24.1"} or {@code "go1.25"}. */
final class GoVersions {
  private GoVersions() {}

  /**
   * Returns whether {@code version} is Go 1.{@code minor} or later. An unparsable or null
   * version counts as the newest release.
   */
  static boolean atLeast(String version, int minor) {
    return minor(version) >= minor;
  }

  static int minor(String version) {
    if (version == null) {
      return Integer.MAX_VALUE;
    }
    String v = version.startsWith("go") ? version.substring(2) : version;
    if (!v.startsWith("1.")) {
      return Integer.MAX_VALUE;
    }
    int i = 2;
    int m = 0;
    while (i < v.length() && Character.isDigit(v.charAt(i)) && m < 10_000) {
      m = m * 10 + (v.charAt(i) - '0');
      i++;
    }
    return i == 2 ? Integer.MAX_VALUE : m;
  }
}
