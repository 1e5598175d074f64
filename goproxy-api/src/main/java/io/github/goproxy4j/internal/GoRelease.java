package io.github.goproxy4j.internal;

import java.util.Objects;
import java.util.Optional;

/**
 * A Go release or language version ({@code 1.21}, {@code 1.21.3}, {@code 1.21rc1},
 * {@code 1.19}), parsed and ordered as Go's {@code internal/gover} and {@code cmd/go/internal/gover}
 * do. This is the one parser of Go versions in goproxy4j: settings ({@code goVersion}), go.mod
 * {@code go}/{@code toolchain} lines and toolchain names all use it.
 *
 * <p>Rules (gover.Parse): {@code MAJOR[.MINOR[.PATCH]]} or {@code MAJOR.MINOR<kind><n>} with a
 * lower-case kind ({@code alpha}, {@code beta}, {@code rc}); no leading zeros; {@code "1"} means
 * {@code 1.0.0}; before 1.21 a language version names its first release ({@code 1.20} =
 * {@code 1.20.0}), from 1.21 the language version {@code 1.21} sorts before {@code 1.21rc1}, which
 * sorts before {@code 1.21.0}. Invalid strings compare as the zero version, as in Go.
 *
 * <pre>{@code
 * GoRelease.compare("1.21rc1", "1.21.0");      // < 0
 * GoRelease.lang("1.21.3");                    // "1.21"
 * GoRelease.fromToolchain("go1.22.1-custom");  // "1.22.1"
 * GoRelease r = GoRelease.modelled("go1.28");  // accepted; r.behaviourMinor() == 27
 * }</pre>
 */
public final class GoRelease implements Comparable<GoRelease> {
  /** The oldest release whose behaviour goproxy4j models. */
  public static final int OLDEST_MINOR = 19;
  /** The newest release whose behaviour goproxy4j models; newer ones behave like it. */
  public static final int NEWEST_MINOR = 27;
  /** {@code "1.19"}. */
  public static final String OLDEST = "1." + OLDEST_MINOR;
  /** {@code "1.27"}: the default {@code goVersion}. */
  public static final String NEWEST = "1." + NEWEST_MINOR;

  private static final GoRelease ZERO = new GoRelease("", "", "", "", "", "");

  private final String text;
  private final String major;
  private final String minor;
  private final String patch;
  private final String kind;
  private final String pre;

  private GoRelease(String text, String major, String minor, String patch, String kind, String pre) {
    this.text = text;
    this.major = major;
    this.minor = minor;
    this.patch = patch;
    this.kind = kind;
    this.pre = pre;
  }

  /**
   * Parses a version without the {@code go} prefix (gover.Parse).
   *
   * @param x for example {@code "1.21.3"}
   * @return the version, or empty when {@code x} is not a valid Go version
   */
  public static Optional<GoRelease> parse(String x) {
    GoRelease r = parseOrZero(x);
    return r == ZERO ? Optional.empty() : Optional.of(r);
  }

  private static GoRelease parseOrZero(String x) {
    if (x == null) {
      return ZERO;
    }
    int n = x.length();
    int i = intEnd(x, 0);
    if (i < 0) {
      return ZERO;
    }
    String major = x.substring(0, i);
    if (i == n) {
      return new GoRelease(x, major, "0", "0", "", "");
    }
    if (x.charAt(i) != '.') {
      return ZERO;
    }
    int j = intEnd(x, i + 1);
    if (j < 0) {
      return ZERO;
    }
    String minor = x.substring(i + 1, j);
    if (j == n) {
      return new GoRelease(x, major, minor, cmpInt(minor, "21") < 0 ? "0" : "", "", "");
    }
    if (x.charAt(j) == '.') {
      int k = intEnd(x, j + 1);
      if (k != n) {
        return ZERO;
      }
      return new GoRelease(x, major, minor, x.substring(j + 1), "", "");
    }
    int k = j;
    while (k < n && !isDigit(x.charAt(k))) {
      char c = x.charAt(k);
      if (c < 'a' || c > 'z') {
        return ZERO;
      }
      k++;
    }
    if (k == j) {
      return ZERO;
    }
    String kind = x.substring(j, k);
    if (k == n) {
      return new GoRelease(x, major, minor, "", kind, "");
    }
    int m = intEnd(x, k);
    if (m != n) {
      return ZERO;
    }
    return new GoRelease(x, major, minor, "", kind, x.substring(k));
  }

  /** The end of a decimal at {@code start} (no unnecessary leading zero), or -1. */
  private static int intEnd(String x, int start) {
    int i = start;
    while (i < x.length() && isDigit(x.charAt(i))) {
      i++;
    }
    if (i == start || (x.charAt(start) == '0' && i != start + 1)) {
      return -1;
    }
    return i;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /**
   * Whether {@code x} is a valid Go version (gover.IsValid).
   *
   * @param x the version, without {@code go}
   * @return whether it parses
   */
  public static boolean isValid(String x) {
    return parseOrZero(x) != ZERO;
  }

  /**
   * Compares two Go versions (gover.Compare); invalid versions sort as the zero version.
   *
   * @param x a version
   * @param y a version
   * @return negative, zero or positive
   */
  public static int compare(String x, String y) {
    return parseOrZero(x).compareTo(parseOrZero(y));
  }

  /**
   * The larger of two versions, {@code x} on a tie (gover.Max).
   *
   * @param x a version
   * @param y a version
   * @return the larger
   */
  public static String max(String x, String y) {
    return compare(x, y) < 0 ? y : x;
  }

  /**
   * Whether {@code x} is a language version such as {@code 1.21}: valid, no patch, not a
   * prerelease (gover.IsLang). Before 1.21 {@code 1.N} means the release {@code 1.N.0}, so
   * {@code 1.20} is not a language version.
   *
   * @param x a version
   * @return whether it is one
   */
  public static boolean isLang(String x) {
    GoRelease v = parseOrZero(x);
    return v != ZERO && v.patch.isEmpty() && v.kind.isEmpty() && v.pre.isEmpty();
  }

  /**
   * The language version of {@code x} (gover.Lang): {@code 1.21.3} → {@code 1.21}; {@code 1} and
   * {@code 1.0} → {@code 1}.
   *
   * @param x a version
   * @return the language version ({@code ""} for an invalid one)
   */
  public static String lang(String x) {
    GoRelease v = parseOrZero(x);
    if (v.minor.isEmpty() || v.major.equals("1") && v.minor.equals("0")) {
      return v.major;
    }
    return v.major + "." + v.minor;
  }

  /**
   * Whether {@code x} is a prerelease such as {@code 1.21rc1} (gover.IsPrerelease).
   *
   * @param x a version
   * @return whether it has a kind
   */
  public static boolean isPrerelease(String x) {
    return !parseOrZero(x).kind.isEmpty();
  }

  /**
   * gover.Compare(v, Local()) > 0, where the running release may be given without a patch
   * ({@code 1.27}: any go1.27.x, so only a newer language version is newer).
   *
   * @param v a Go version
   * @param running the release followed
   * @return whether {@code v} is newer than the running go
   */
  public static boolean newerThanRunning(String v, String running) {
    if (isLang(running) && !isPrerelease(running)) {
      return compare(lang(v), running) > 0;
    }
    return compare(v, running) > 0;
  }

  /**
   * The language version before {@code x}'s (gover.Prev): {@code 1.21.3} → {@code 1.20};
   * {@code 1.1} and {@code 1.0} → {@code 1}.
   *
   * @param x a version
   * @return the previous language version
   */
  public static String prev(String x) {
    GoRelease v = parseOrZero(x);
    if (cmpInt(v.minor, "1") <= 0) {
      return v.major;
    }
    return v.major + "." + decInt(v.minor);
  }

  /**
   * The Go version a toolchain name names (gover.FromToolchain): {@code go1.21.3} →
   * {@code 1.21.3}, {@code go1.22rc1-custom} → {@code 1.22rc1} (anything after a space, tab or
   * {@code -} is dropped); {@code ""} when the name is not {@code go} followed by a valid version
   * or contains a slash or backslash.
   *
   * @param name a toolchain name
   * @return the version, or {@code ""}
   */
  public static String fromToolchain(String name) {
    if (name == null || name.indexOf('/') >= 0 || name.indexOf('\\') >= 0 || !name.startsWith("go")) {
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

  /**
   * gover.GoModLookup: the value of the first {@code key} line of a go.mod or go.work ({@code go},
   * {@code toolchain}), its comment cut, read as go reads it before parsing the file (toolchain
   * selection, a downloaded module's go line); {@code ""} when there is none.
   *
   * @param gomod the file's bytes
   * @param key the directive
   * @return the value, or {@code ""}
   */
  public static String goModLookup(byte[] gomod, String key) {
    String text = new String(gomod, java.nio.charset.StandardCharsets.UTF_8);
    for (String raw : text.split("\n", -1)) {
      String line = GoStrings.trimSpace(raw);
      if (!line.startsWith(key)) {
        continue;
      }
      String s = line.substring(key.length());
      if (s.isEmpty() || (s.charAt(0) != ' ' && s.charAt(0) != '\t')) {
        continue;
      }
      int c = s.indexOf("//");
      if (c >= 0) {
        s = s.substring(0, c);
      }
      return GoStrings.trimSpace(s);
    }
    return "";
  }

  /**
   * A version that may be a Go version or a toolchain name, as a version (gover's
   * maybeToolchainVersion, used to order {@code toolchain} lines).
   *
   * @param name {@code 1.21.3} or {@code go1.21.3}
   * @return the version, or {@code ""}
   */
  public static String maybeToolchainVersion(String name) {
    return isValid(name) ? name : fromToolchain(name);
  }

  /**
   * Parses the release whose behaviour goproxy4j should follow: a Go 1 version from
   * {@value #OLDEST} on, with or without {@code go}: {@code 1.21}, {@code 1.21.3},
   * {@code go1.22rc1}. A release newer than {@value #NEWEST} is accepted and behaves as
   * {@value #NEWEST} ({@link #isNewerThanModelled()}).
   *
   * @param version the release
   * @return the parsed release
   * @throws IllegalArgumentException naming the input when it is not a Go 1 release from
   *     {@value #OLDEST} on
   */
  public static GoRelease modelled(String version) {
    Objects.requireNonNull(version, "go version");
    String v = version.startsWith("go") ? version.substring(2) : version;
    GoRelease r = parseOrZero(v);
    if (r == ZERO || !r.major.equals("1") || cmpInt(r.minor, Integer.toString(OLDEST_MINOR)) < 0) {
      throw new IllegalArgumentException("unsupported go version " + GoQuote.quote(version)
          + ": must be a Go release " + OLDEST + " or later, such as " + OLDEST + ", 1.21.3, 1.22rc1 or "
          + NEWEST + " (" + OLDEST + " to " + NEWEST + " are modelled)");
    }
    return r;
  }

  /**
   * The minor release whose behaviour applies: the minor number, at most {@value #NEWEST_MINOR}.
   *
   * @return for example 21
   */
  public int behaviourMinor() {
    if (minor.isEmpty() || cmpInt(minor, Integer.toString(NEWEST_MINOR)) > 0) {
      return NEWEST_MINOR;
    }
    return Integer.parseInt(minor);
  }

  /**
   * Whether this is Go 1.{@code minor} or later (by language version).
   *
   * @param minorRelease the minor number, for example 24
   * @return whether this release's behaviour includes that release's changes
   */
  public boolean atLeast(int minorRelease) {
    return !major.equals("1") || cmpInt(minor, Integer.toString(minorRelease)) >= 0;
  }

  /**
   * Whether this release contains a fix that was released in the given releases (one per minor
   * line it was backported to, oldest line first): true when this release is at least the fixed
   * release of its own line, or belongs to a line newer than every listed one. A language version
   * without a patch ({@code 1.24}) stands for the newest release of its line and so has every
   * fix of that line.
   *
   * <pre>{@code
   * GoRelease.modelled("1.24.4").includesFix("1.24.8", "1.25.2");  // false
   * GoRelease.modelled("1.24").includesFix("1.24.8", "1.25.2");    // true
   * GoRelease.modelled("1.26.0").includesFix("1.24.8", "1.25.2");  // true
   * GoRelease.modelled("1.23.9").includesFix("1.24.8", "1.25.2");  // false
   * }</pre>
   *
   * @param fixedIn the first release of each line that has the fix, for example {@code 1.25.8}
   * @return whether this release behaves with the fix
   */
  public boolean includesFix(String... fixedIn) {
    String myLang = lang();
    String newest = "";
    for (String f : fixedIn) {
      if (lang(f).equals(myLang)) {
        return isLang(text) || compare(text, f) >= 0;
      }
      newest = max(newest, lang(f));
    }
    return compare(myLang, newest) > 0;
  }

  /**
   * Whether this release is newer than the newest one modelled ({@value #NEWEST}).
   *
   * @return whether its behaviour is taken as {@value #NEWEST}'s
   */
  public boolean isNewerThanModelled() {
    return cmpInt(minor, Integer.toString(NEWEST_MINOR)) > 0;
  }

  /**
   * The language version ({@link #lang(String)}).
   *
   * @return for example {@code 1.21}
   */
  public String lang() {
    return lang(text);
  }

  /** The parsed fields, as gover.Version: major, minor, patch, kind, pre ("" when absent). */
  java.util.List<String> components() {
    return java.util.List.of(major, minor, patch, kind, pre);
  }

  /** Compares as gover.Compare. */
  @Override
  public int compareTo(GoRelease o) {
    int c = cmpInt(major, o.major);
    if (c == 0) {
      c = cmpInt(minor, o.minor);
    }
    if (c == 0) {
      c = cmpInt(patch, o.patch);
    }
    if (c == 0) {
      c = Integer.signum(kind.compareTo(o.kind)); // "" < alpha < beta < rc
    }
    if (c == 0) {
      c = cmpInt(pre, o.pre);
    }
    return c;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GoRelease && ((GoRelease) o).text.equals(text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }

  /** The version as written, without {@code go}. */
  @Override
  public String toString() {
    return text;
  }

  /** Compares decimal strings without leading zeros (gover.CmpInt); "" is the smallest. */
  static int cmpInt(String x, String y) {
    if (x.equals(y)) {
      return 0;
    }
    if (x.length() != y.length()) {
      return x.length() < y.length() ? -1 : 1;
    }
    return x.compareTo(y) < 0 ? -1 : 1;
  }

  /** The decimal one less than {@code decimal} (gover.DecInt); "" for "0". */
  static String decInt(String decimal) {
    char[] d = decimal.toCharArray();
    int i = d.length - 1;
    while (i >= 0 && d[i] == '0') {
      d[i] = '9';
      i--;
    }
    if (i < 0) {
      return "";
    }
    if (i == 0 && d[i] == '1' && d.length > 1) {
      return new String(d, 1, d.length - 1);
    }
    d[i]--;
    return new String(d);
  }
}
