package io.github.goproxy4j.modfile.internal;

/**
 * The parts of golang.org/x/mod/semver that go.mod parsing and zip checks need, on raw strings
 * (which may be invalid): {@code IsValid}, {@code Canonical}, {@code module.CanonicalVersion},
 * {@code Major}, {@code Build} and {@code Compare}. Not exported from the module.
 */
public final class Semver {
  private final String major;
  private final String minor;
  private final String patch;
  private final String prerelease;
  private final String build;

  private Semver(String major, String minor, String patch, String prerelease, String build) {
    this.major = major;
    this.minor = minor;
    this.patch = patch;
    this.prerelease = prerelease;
    this.build = build;
  }

  /**
   * Parses {@code v} with semver's rules.
   *
   * @param v any string, may be {@code null}
   * @return the parts, or {@code null} when {@code v} is not a valid semantic version
   */
  public static Semver parse(String v) {
    if (v == null || v.isEmpty() || v.charAt(0) != 'v') {
      return null;
    }
    int[] pos = {1};
    String major = parseInt(v, pos);
    if (major == null) {
      return null;
    }
    if (pos[0] == v.length()) {
      return new Semver(major, "0", "0", "", "");
    }
    if (v.charAt(pos[0]) != '.') {
      return null;
    }
    pos[0]++;
    String minor = parseInt(v, pos);
    if (minor == null) {
      return null;
    }
    if (pos[0] == v.length()) {
      return new Semver(major, minor, "0", "", "");
    }
    if (v.charAt(pos[0]) != '.') {
      return null;
    }
    pos[0]++;
    String patch = parseInt(v, pos);
    if (patch == null) {
      return null;
    }
    String pre = "";
    String build = "";
    int i = pos[0];
    if (i < v.length() && v.charAt(i) == '-') {
      int end = v.indexOf('+', i);
      if (end < 0) {
        end = v.length();
      }
      if (!validIdents(v.substring(i + 1, end), true)) {
        return null;
      }
      pre = v.substring(i, end);
      i = end;
    }
    if (i < v.length() && v.charAt(i) == '+') {
      if (!validIdents(v.substring(i + 1), false)) {
        return null;
      }
      build = v.substring(i);
      i = v.length();
    }
    if (i != v.length()) {
      return null;
    }
    return new Semver(major, minor, patch, pre, build);
  }

  private static String parseInt(String v, int[] pos) {
    int i = pos[0];
    int start = i;
    while (i < v.length() && v.charAt(i) >= '0' && v.charAt(i) <= '9') {
      i++;
    }
    if (i == start || (v.charAt(start) == '0' && i != start + 1)) {
      return null;
    }
    pos[0] = i;
    return v.substring(start, i);
  }

  private static boolean validIdents(String s, boolean prerelease) {
    int start = 0;
    for (int i = 0; i <= s.length(); i++) {
      if (i == s.length() || s.charAt(i) == '.') {
        if (start == i) {
          return false;
        }
        if (prerelease && isBadNum(s, start, i)) {
          return false;
        }
        start = i + 1;
        continue;
      }
      char c = s.charAt(i);
      if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-')) {
        return false;
      }
    }
    return true;
  }

  private static boolean isBadNum(String s, int start, int end) {
    int i = start;
    while (i < end && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
      i++;
    }
    return i == end && end - start > 1 && s.charAt(start) == '0';
  }

  /**
   * {@code semver.IsValid}.
   *
   * @param v any string
   * @return validity
   */
  public static boolean isValid(String v) {
    return parse(v) != null;
  }

  /**
   * {@code module.CanonicalVersion}: {@code semver.Canonical}, keeping a {@code +incompatible} build.
   *
   * @param v any string
   * @return the canonical form, or "" when {@code v} is invalid
   */
  public static String canonicalVersion(String v) {
    Semver p = parse(v);
    if (p == null) {
      return "";
    }
    String c = "v" + p.major + "." + p.minor + "." + p.patch + p.prerelease;
    if (p.build.equals("+incompatible")) {
      c += p.build;
    }
    return c;
  }

  /**
   * {@code semver.Major}.
   *
   * @param v any string
   * @return "v2" and so on, or "" when invalid
   */
  public static String major(String v) {
    Semver p = parse(v);
    return p == null ? "" : "v" + p.major;
  }

  /**
   * {@code semver.Build}.
   *
   * @param v any string
   * @return "+meta" or ""
   */
  public static String build(String v) {
    Semver p = parse(v);
    return p == null ? "" : p.build;
  }

  /**
   * {@code semver.Compare}: an invalid version is less than every valid one, and all invalid
   * versions compare equal.
   *
   * @param v a version string
   * @param w a version string
   * @return negative, zero or positive
   */
  public static int compare(String v, String w) {
    Semver pv = parse(v);
    Semver pw = parse(w);
    if (pv == null && pw == null) {
      return 0;
    }
    if (pv == null) {
      return -1;
    }
    if (pw == null) {
      return 1;
    }
    int c = compareInt(pv.major, pw.major);
    if (c == 0) {
      c = compareInt(pv.minor, pw.minor);
    }
    if (c == 0) {
      c = compareInt(pv.patch, pw.patch);
    }
    if (c == 0) {
      c = comparePrerelease(pv.prerelease, pw.prerelease);
    }
    return c;
  }

  private static int compareInt(String x, String y) {
    if (x.length() != y.length()) {
      return x.length() < y.length() ? -1 : 1;
    }
    return Integer.signum(x.compareTo(y));
  }

  private static int comparePrerelease(String x, String y) {
    if (x.equals(y)) {
      return 0;
    }
    if (x.isEmpty()) {
      return 1;
    }
    if (y.isEmpty()) {
      return -1;
    }
    String[] xs = x.substring(1).split("\\.", -1);
    String[] ys = y.substring(1).split("\\.", -1);
    for (int i = 0; i < xs.length && i < ys.length; i++) {
      String dx = xs[i];
      String dy = ys[i];
      if (dx.equals(dy)) {
        continue;
      }
      boolean nx = isNum(dx);
      boolean ny = isNum(dy);
      if (nx != ny) {
        return nx ? -1 : 1;
      }
      if (nx) {
        return compareInt(dx, dy);
      }
      return Integer.signum(dx.compareTo(dy));
    }
    return Integer.compare(xs.length, ys.length);
  }

  private static boolean isNum(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return !s.isEmpty();
  }
}
