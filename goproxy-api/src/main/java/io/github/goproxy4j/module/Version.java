package io.github.goproxy4j.module;

import io.github.goproxy4j.internal.GoUtf8;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A Go semantic version, exactly as golang.org/x/mod/semver accepts it: {@code v1.2.3},
 * {@code v1.2.3-rc.1}, {@code v1.2.3+meta}, and the shorthands {@code v1} and {@code v1.2}
 * (which mean {@code v1.0.0} and {@code v1.2.0}). Pseudo-versions and {@code +incompatible}
 * versions are versions too.
 *
 * <pre>{@code
 * Version v = Version.parse("v1.2.3-rc.1");
 * v.major();          // "v1"
 * v.prerelease();     // "-rc.1"
 * v.compareTo(Version.parse("v1.2.3")) < 0;   // true
 * Version.parse("v1.2").canonical();           // v1.2.0
 * Version.escape("v1.0.0-RC1");                // "v1.0.0-!r!c1"
 * }</pre>
 *
 * <p><b>Equality and ordering.</b> {@link #toString()} is the version exactly as written, and
 * {@link #equals(Object)}/{@link #hashCode()} compare that string. {@link #compareTo(Version)}
 * is {@code semver.Compare}, which ignores build metadata and expands shorthands, so — like
 * {@link java.math.BigDecimal} — the natural ordering is <em>not consistent with equals</em>:
 * {@code v1.2} and {@code v1.2.0} (or {@code v1.2.0+meta}) compare as equal but are not
 * {@code equals}. Use {@link #sort(List)} for Go's deterministic order (ties broken by the
 * string), or compare {@link #canonical()} forms.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class Version implements Comparable<Version> {
  private final String text;
  private final int majorEnd; // major digits are text[1, majorEnd)
  private final int minorStart; // -1 when the minor is implied ("v1")
  private final int minorEnd;
  private final int patchStart; // -1 when the patch is implied ("v1", "v1.2")
  private final int patchEnd;
  private final int preEnd; // prerelease = text[patchEnd, preEnd) (empty when short)
  // build = text[preEnd, length)

  private Version(
      String text, int majorEnd, int minorStart, int minorEnd, int patchStart, int patchEnd,
      int preEnd) {
    this.text = text;
    this.majorEnd = majorEnd;
    this.minorStart = minorStart;
    this.minorEnd = minorEnd;
    this.patchStart = patchStart;
    this.patchEnd = patchEnd;
    this.preEnd = preEnd;
  }

  // ---- parsing -------------------------------------------------------------------------

  /**
   * Parses a Go semantic version ({@code semver.IsValid}).
   *
   * <pre>{@code
   * Version v = Version.parse("v2.0.0+incompatible");
   * v.isIncompatible();   // true
   * }</pre>
   *
   * @param version the version text, for example {@code v1.2.3}
   * @return the version, whose {@link #toString()} is {@code version}
   * @throws InvalidVersionException if {@code version} is null or not valid semver, with the
   *     message {@code version "1.2.3" invalid: not a semantic version}
   */
  public static Version parse(String version) {
    Version v = tryParse(version);
    if (v == null) {
      throw new InvalidVersionException(
          version, PathRules.invalidVersion(version, "not a semantic version"));
    }
    return v;
  }

  /**
   * Tells whether {@code version} is a valid Go semantic version ({@code semver.IsValid}).
   *
   * @param version any string, may be {@code null}
   * @return whether {@link #parse(String)} would accept it
   */
  public static boolean isValid(String version) {
    return tryParse(version) != null;
  }

  /** semver's parse: the version, or null when invalid. Never throws. */
  static Version tryParse(String v) {
    if (v == null) {
      return null;
    }
    int n = v.length();
    if (n == 0 || v.charAt(0) != 'v') {
      return null;
    }
    int majorEnd = parseInt(v, 1, n);
    if (majorEnd < 0) {
      return null;
    }
    if (majorEnd == n) {
      return new Version(v, majorEnd, -1, -1, -1, -1, n);
    }
    if (v.charAt(majorEnd) != '.') {
      return null;
    }
    int minorEnd = parseInt(v, majorEnd + 1, n);
    if (minorEnd < 0) {
      return null;
    }
    if (minorEnd == n) {
      return new Version(v, majorEnd, majorEnd + 1, minorEnd, -1, -1, n);
    }
    if (v.charAt(minorEnd) != '.') {
      return null;
    }
    int patchEnd = parseInt(v, minorEnd + 1, n);
    if (patchEnd < 0) {
      return null;
    }
    int i = patchEnd;
    if (i < n && v.charAt(i) == '-') {
      i = parsePrerelease(v, i, n);
      if (i < 0) {
        return null;
      }
    }
    int preEnd = i;
    if (i < n && v.charAt(i) == '+') {
      i = parseBuild(v, i, n);
      if (i < 0) {
        return null;
      }
    }
    if (i != n) {
      return null;
    }
    return new Version(v, majorEnd, majorEnd + 1, minorEnd, minorEnd + 1, patchEnd, preEnd);
  }

  private static int parseInt(String v, int start, int n) {
    if (start >= n) {
      return -1;
    }
    char c = v.charAt(start);
    if (c < '0' || c > '9') {
      return -1;
    }
    int i = start + 1;
    while (i < n) {
      c = v.charAt(i);
      if (c < '0' || c > '9') {
        break;
      }
      i++;
    }
    if (v.charAt(start) == '0' && i != start + 1) {
      return -1;
    }
    return i;
  }

  /** Letters and '-' (digits are handled apart): the identifier characters of semver. */
  private static boolean isIdentLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-';
  }

  /** v[start] == '-'; returns the end of the prerelease or -1. One pass, no rescans. */
  private static int parsePrerelease(String v, int start, int n) {
    int i = start + 1;
    int identStart = i;
    boolean allDigits = true;
    while (i < n) {
      char c = v.charAt(i);
      if (c >= '0' && c <= '9') {
        i++;
        continue;
      }
      if (c == '.') {
        if (identStart == i || (allDigits && i - identStart > 1 && v.charAt(identStart) == '0')) {
          return -1;
        }
        identStart = i + 1;
        allDigits = true;
      } else if (c == '+') {
        break;
      } else if (isIdentLetter(c)) {
        allDigits = false;
      } else {
        return -1;
      }
      i++;
    }
    if (identStart == i || (allDigits && i - identStart > 1 && v.charAt(identStart) == '0')) {
      return -1;
    }
    return i;
  }

  /** v[start] == '+'; returns the end of the build metadata (n) or -1. */
  private static int parseBuild(String v, int start, int n) {
    int i = start + 1;
    int identStart = i;
    while (i < n) {
      char c = v.charAt(i);
      if (c == '.') {
        if (identStart == i) {
          return -1;
        }
        identStart = i + 1;
      } else if (!(c >= '0' && c <= '9') && !isIdentLetter(c)) {
        return -1;
      }
      i++;
    }
    if (identStart == i) {
      return -1;
    }
    return i;
  }

  int patchEndIndex() {
    return patchEnd;
  }

  int preEndIndex() {
    return preEnd;
  }

  int minorStartIndex() {
    return minorStart;
  }

  // ---- accessors -----------------------------------------------------------------------

  /**
   * The major version with its {@code v}, as {@code semver.Major}: {@code "v2"} for
   * {@code v2.1.0}.
   *
   * @return the major version
   */
  public String major() {
    return text.substring(0, majorEnd);
  }

  /**
   * The major and minor version, as {@code semver.MajorMinor}: {@code "v2.1"} for
   * {@code v2.1.0}, {@code "v2.0"} for {@code v2}.
   *
   * @return the major.minor prefix
   */
  public String majorMinor() {
    if (minorStart < 0) {
      return text.substring(0, majorEnd) + ".0";
    }
    return text.substring(0, minorEnd);
  }

  /**
   * The prerelease suffix with its leading {@code -}, as {@code semver.Prerelease}:
   * {@code "-rc.1"}, or {@code ""} for a release.
   *
   * @return the prerelease, possibly empty
   */
  public String prerelease() {
    return patchStart < 0 ? "" : text.substring(patchEnd, preEnd);
  }

  /**
   * The build metadata with its leading {@code +}, as {@code semver.Build}: {@code "+meta"},
   * {@code "+incompatible"}, or {@code ""}.
   *
   * @return the build metadata, possibly empty
   */
  public String build() {
    return text.substring(preEnd);
  }

  /**
   * Whether this version has a prerelease suffix. Pseudo-versions are prereleases.
   *
   * @return whether {@link #prerelease()} is non-empty
   */
  public boolean isPrerelease() {
    return patchStart >= 0 && preEnd > patchEnd;
  }

  /**
   * Whether this is a pseudo-version ({@code module.IsPseudoVersion}).
   *
   * @return whether this version is a pseudo-version
   * @see PseudoVersion
   */
  public boolean isPseudo() {
    return PseudoVersion.hasPseudoSyntax(this);
  }

  /**
   * Whether the build metadata is exactly {@code +incompatible}.
   *
   * @return whether this is an {@code +incompatible} version
   */
  public boolean isIncompatible() {
    return text.length() - preEnd == 13 && text.endsWith("+incompatible");
  }

  /**
   * The canonical form, as {@code module.CanonicalVersion}: shorthands expanded and build
   * metadata dropped, except that {@code +incompatible} is kept ({@code v1.2 -> v1.2.0},
   * {@code v1.2.3+meta -> v1.2.3}, {@code v2.0.0+incompatible} unchanged). This is the form the
   * proxy protocol and the module cache use.
   *
   * @return this instance when already canonical, else the canonical version
   */
  public Version canonical() {
    if (isCanonical()) {
      return this;
    }
    String c = semverCanonical();
    if (isIncompatible()) {
      c += "+incompatible";
    }
    return tryParse(c);
  }

  /**
   * Whether this version is in canonical form ({@code v == module.CanonicalVersion(v)}).
   *
   * @return whether {@link #canonical()} equals this version
   */
  public boolean isCanonical() {
    return patchStart >= 0 && (preEnd == text.length() || isIncompatible());
  }

  /** semver.Canonical: shorthands expanded and all build metadata dropped. */
  String semverCanonical() {
    if (preEnd < text.length()) {
      return text.substring(0, preEnd);
    }
    if (minorStart < 0) {
      return text + ".0.0";
    }
    if (patchStart < 0) {
      return text + ".0";
    }
    return text;
  }

  /**
   * The escaped form used in proxy URLs and cache paths ({@code module.EscapeVersion}): each
   * upper-case letter becomes {@code !} and its lower-case form.
   *
   * @return the escaped version, for example {@code v1.0.0-!r!c1}
   */
  public String escaped() {
    // A valid version is ASCII without '!', so escaping always succeeds.
    return PathRules.escapeString(text);
  }

  /**
   * Escapes any version or revision string for use in a proxy URL ({@code
   * module.EscapeVersion}). Unlike {@link #escaped()} this accepts non-semver strings such as
   * branch names, as the proxy protocol's {@code .info} queries do.
   *
   * <pre>{@code
   * Version.escape("master");       // "master"
   * Version.escape("v1.0.0-RC1");   // "v1.0.0-!r!c1"
   * }</pre>
   *
   * @param version a version, query or revision; {@code null} is rejected as invalid, with the exception below
   * @return the escaped form
   * @throws InvalidVersionException with x/mod's message ({@code version "a/b" invalid:
   *     disallowed version string}) when the string may not be used as a file name element or
   *     contains {@code !}; for a non-ASCII letter (allowed in file names, but not escapable)
   *     x/mod's own text {@code internal error: inconsistency in EscapePath} is kept, and
   *     {@link InvalidVersionException#input()} names the input
   */
  public static String escape(String version) {
    if (version == null) {
      throw new InvalidVersionException(null, PathRules.invalidVersion(null, "disallowed version string"));
    }
    String err = PathRules.escapeVersionError(version);
    if (err != null) {
      throw new InvalidVersionException(version, err);
    }
    return PathRules.escapeString(version);
  }

  /**
   * Reverses {@link #escape(String)} ({@code module.UnescapeVersion}).
   *
   * <pre>{@code
   * Version.unescape("v1.0.0-!r!c1");   // "v1.0.0-RC1"
   * }</pre>
   *
   * @param escaped an escaped version or revision; {@code null} is rejected as invalid, with the exception below
   * @return the version as written
   * @throws InvalidVersionException with x/mod's message ({@code invalid escaped version
   *     "v1.0.0-RC1"}) when the escaping is malformed or the result is not a valid file name
   *     element
   */
  public static String unescape(String escaped) {
    if (escaped == null) {
      throw new InvalidVersionException(null, "invalid escaped version null");
    }
    String err = PathRules.unescapeVersionError(escaped);
    if (err != null) {
      throw new InvalidVersionException(escaped, err);
    }
    return PathRules.unescapeString(escaped);
  }

  // ---- comparison ----------------------------------------------------------------------

  /**
   * Compares by semantic version precedence ({@code semver.Compare}); build metadata is ignored
   * and {@code v1.2} equals {@code v1.2.0}. Not consistent with {@link #equals(Object)}.
   *
   * @param o the other version
   * @return negative, zero or positive
   * @throws NullPointerException if {@code o} is null, as {@link Comparable} requires
   */
  @Override
  public int compareTo(Version o) {
    Objects.requireNonNull(o, "o");
    int c = compareNum(text, 1, majorEnd, o.text, 1, o.majorEnd);
    if (c != 0) {
      return c;
    }
    c = compareNum(text, minorStart, minorEnd, o.text, o.minorStart, o.minorEnd);
    if (c != 0) {
      return c;
    }
    c = compareNum(text, patchStart, patchEnd, o.text, o.patchStart, o.patchEnd);
    if (c != 0) {
      return c;
    }
    int xs = patchStart < 0 ? preEnd : patchEnd;
    int ys = o.patchStart < 0 ? o.preEnd : o.patchEnd;
    return comparePrerelease(text, xs, preEnd, o.text, ys, o.preEnd);
  }

  /**
   * Compares two version strings as {@code semver.Compare} does: an invalid version is less
   * than every valid one, and two invalid versions are equal.
   *
   * <pre>{@code
   * Version.compare("v1.2.3", "v1.10.0");   // -1
   * Version.compare("junk", "v0.0.1");      // -1
   * }</pre>
   *
   * @param v a version, may be invalid or {@code null}
   * @param w a version, may be invalid or {@code null}
   * @return -1, 0 or +1
   */
  public static int compare(String v, String w) {
    Version pv = tryParse(v);
    Version pw = tryParse(w);
    if (pv == null) {
      return pw == null ? 0 : -1;
    }
    if (pw == null) {
      return 1;
    }
    int c = pv.compareTo(pw);
    return c < 0 ? -1 : (c > 0 ? 1 : 0);
  }

  /**
   * Sorts versions into Go's order ({@code semver.Sort}): by {@link #compareTo(Version)}, ties
   * broken by the strings, so the result is deterministic.
   *
   * @param versions the list to sort in place (must be modifiable)
   * @throws InvalidVersionException if the list or one of its elements is {@code null}
   */
  public static void sort(List<Version> versions) {
    requireNoNulls(versions);
    versions.sort(Version::compareGoOrder);
  }

  private static void requireNoNulls(List<?> versions) {
    if (versions == null) {
      throw new InvalidVersionException(null, "cannot sort a null list of versions");
    }
    int i = 0;
    for (Object v : versions) {
      if (v == null) {
        throw new InvalidVersionException(null, "cannot sort versions: element " + i + " is null");
      }
      i++;
    }
  }

  /**
   * Sorts version strings exactly as {@code semver.Sort} does: invalid strings first (in string
   * order), then valid versions by precedence, ties broken by the strings (byte order).
   *
   * <pre>{@code
   * List<String> list = new ArrayList<>(List.of("v1.10.0", "v1.2.0", "v1.2"));
   * Version.sortStrings(list);   // [v1.2, v1.2.0, v1.10.0]
   * }</pre>
   *
   * @param versions the list to sort in place (must be modifiable); {@code null} elements
   *     count as invalid versions and sort first
   * @throws InvalidVersionException if the list is {@code null}
   */
  public static void sortStrings(List<String> versions) {
    if (versions == null) {
      throw new InvalidVersionException(null, "cannot sort a null list of versions");
    }
    int n = versions.size();
    List<Object[]> keyed = new ArrayList<>(n);
    for (String s : versions) {
      keyed.add(new Object[] {s, tryParse(s)});
    }
    keyed.sort((a, b) -> {
      Version x = (Version) a[1];
      Version y = (Version) b[1];
      int c;
      if (x == null || y == null) {
        c = x == null ? (y == null ? 0 : -1) : 1;
      } else {
        c = x.compareTo(y);
      }
      if (c != 0) {
        return c;
      }
      String sa = (String) a[0];
      String sb = (String) b[0];
      if (sa == null || sb == null) {
        return sa == null ? (sb == null ? 0 : -1) : 1;
      }
      return GoUtf8.compare(sa, sb);
    });
    for (int i = 0; i < n; i++) {
      versions.set(i, (String) keyed.get(i)[0]);
    }
  }

  private static int compareGoOrder(Version a, Version b) {
    int c = a.compareTo(b);
    return c != 0 ? c : a.text.compareTo(b.text); // ASCII: UTF-16 order is byte order
  }

  /** compareInt over text ranges; a start of -1 stands for the implied "0". */
  private static int compareNum(String x, int xs, int xe, String y, int ys, int ye) {
    int xl = xs < 0 ? 1 : xe - xs;
    int yl = ys < 0 ? 1 : ye - ys;
    if (xl != yl) {
      return xl < yl ? -1 : 1;
    }
    for (int k = 0; k < xl; k++) {
      char cx = xs < 0 ? '0' : x.charAt(xs + k);
      char cy = ys < 0 ? '0' : y.charAt(ys + k);
      if (cx != cy) {
        return cx < cy ? -1 : 1;
      }
    }
    return 0;
  }

  private static int comparePrerelease(String x, int xs, int xe, String y, int ys, int ye) {
    if (xs == xe) {
      return ys == ye ? 0 : 1;
    }
    if (ys == ye) {
      return -1;
    }
    int i = xs;
    int j = ys;
    while (i < xe && j < ye) {
      i++; // skip '-' or '.'
      j++;
      int ie = i;
      while (ie < xe && x.charAt(ie) != '.') {
        ie++;
      }
      int je = j;
      while (je < ye && y.charAt(je) != '.') {
        je++;
      }
      int c = compareIdent(x, i, ie, y, j, je);
      if (c != 0) {
        return c;
      }
      i = ie;
      j = je;
    }
    if (i >= xe) {
      return j >= ye ? 0 : -1;
    }
    return 1;
  }

  private static int compareIdent(String x, int xs, int xe, String y, int ys, int ye) {
    boolean ix = isNum(x, xs, xe);
    boolean iy = isNum(y, ys, ye);
    int xl = xe - xs;
    int yl = ye - ys;
    if (ix != iy) {
      return ix ? -1 : 1;
    }
    if (ix && xl != yl) {
      return xl < yl ? -1 : 1;
    }
    int m = Math.min(xl, yl);
    for (int k = 0; k < m; k++) {
      char cx = x.charAt(xs + k);
      char cy = y.charAt(ys + k);
      if (cx != cy) {
        return cx < cy ? -1 : 1;
      }
    }
    return Integer.compare(xl, yl);
  }

  private static boolean isNum(String v, int start, int end) {
    for (int i = start; i < end; i++) {
      char c = v.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  // ---- identity ------------------------------------------------------------------------

  /**
   * Compares the version strings as written: {@code v1.2} is not equal to {@code v1.2.0}.
   *
   * @param o another object
   * @return whether {@code o} is a {@code Version} with the same text
   */
  @Override
  public boolean equals(Object o) {
    return o instanceof Version && ((Version) o).text.equals(text);
  }

  /**
   * The hash of the version string as written.
   *
   * @return {@code toString().hashCode()}
   */
  @Override
  public int hashCode() {
    return text.hashCode();
  }

  /**
   * The version exactly as written (and parsed).
   *
   * @return the version string
   */
  @Override
  public String toString() {
    return text;
  }
}
