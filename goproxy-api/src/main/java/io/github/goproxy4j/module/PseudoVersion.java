package io.github.goproxy4j.module;

import io.github.goproxy4j.internal.GoQuote;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * A Go pseudo-version: a version that names a commit that has no tag, such as
 * {@code v0.0.0-20191109021931-daa7c04131f5} (no earlier tag),
 * {@code v1.2.4-0.20191109021931-daa7c04131f5} (after release {@code v1.2.3}) or
 * {@code v1.2.3-pre.0.20191109021931-daa7c04131f5} (after prerelease {@code v1.2.3-pre}),
 * optionally followed by {@code +incompatible}. The rules are golang.org/x/mod's
 * ({@code module.IsPseudoVersion}, {@code PseudoVersionBase}, {@code PseudoVersionTime},
 * {@code PseudoVersionRev}, {@code PseudoVersion}).
 *
 * <pre>{@code
 * PseudoVersion p = PseudoVersion.parse("v1.2.4-0.20191109021931-daa7c04131f5");
 * p.base();       // Optional[v1.2.3]
 * p.time();       // 2019-11-09T02:19:31Z
 * p.revision();   // "daa7c04131f5"
 * PseudoVersion.of("v1", "v1.2.3", Instant.parse("2019-11-09T02:19:31Z"), "daa7c04131f5");
 *                 // v1.2.4-0.20191109021931-daa7c04131f5
 * }</pre>
 *
 * <p>{@link #toString()} is the pseudo-version as written; {@link #equals(Object)} and
 * {@link #hashCode()} compare that string. Instances are immutable and thread-safe.
 */
public final class PseudoVersion {
  private final Version version;
  private final Version base; // null when there is no base version (form 1)
  private final Instant time;
  private final String revision;

  private PseudoVersion(Version version, Version base, Instant time, String revision) {
    this.version = version;
    this.base = base;
    this.time = time;
    this.revision = revision;
  }

  /**
   * Parses a pseudo-version. Stricter than {@link #isPseudo(String)}, which is only x/mod's
   * syntax test: the timestamp must be a real time ({@code PseudoVersionTime}) and the base
   * version must be derivable ({@code PseudoVersionBase}).
   *
   * <pre>{@code
   * PseudoVersion p = PseudoVersion.parse("v0.0.0-20191109021931-daa7c04131f5");
   * }</pre>
   *
   * @param version the pseudo-version text; {@code null} is rejected as invalid, with the exception below
   * @return the pseudo-version
   * @throws InvalidVersionException with x/mod's message: {@code pseudo-version "v1.2.3"
   *     invalid: syntax error}, {@code ... malformed time "20191399999999"}, {@code ... version
   *     before v1.2.0 would have negative patch number}, {@code ... lacks base version, but has
   *     build metadata "+incompatible"}
   */
  public static PseudoVersion parse(String version) {
    Version v = Version.tryParse(version);
    int[] parts = v == null ? null : split(v);
    if (parts == null) {
      throw new InvalidVersionException(
          version, PathRules.invalidPseudoVersion(version, "syntax error"));
    }
    String text = v.toString();
    Instant t = parseTime(text, parts);
    if (t == null) {
      throw new InvalidVersionException(
          text, PathRules.invalidPseudoVersion(text, "malformed time "
              + GoQuote.quote(text.substring(parts[1], parts[1] + 14))));
    }
    String b = baseOrError(v, parts, true);
    if (b == null) {
      throw new InvalidVersionException(text, baseOrError(v, parts, false));
    }
    return new PseudoVersion(
        v, b.isEmpty() ? null : Version.tryParse(b), t, text.substring(parts[2], parts[3]));
  }

  /**
   * Tells whether {@code version} has the syntax of a pseudo-version ({@code
   * module.IsPseudoVersion}). It does not check the timestamp; see {@link #parse(String)}.
   *
   * @param version any string, may be {@code null}
   * @return whether it looks like a pseudo-version
   */
  public static boolean isPseudo(String version) {
    Version v = Version.tryParse(version);
    return v != null && split(v) != null;
  }

  static boolean hasPseudoSyntax(Version v) {
    return split(v) != null;
  }

  /**
   * Builds a pseudo-version ({@code module.PseudoVersion}) for a commit at {@code time} with
   * revision {@code revision}, following {@code older}, the highest tag before it, if any.
   *
   * <pre>{@code
   * Instant t = Instant.parse("2006-01-02T15:04:05Z");
   * PseudoVersion.of("v2", "", t, "abcdefabcdef");           // v2.0.0-20060102150405-abcdefabcdef
   * PseudoVersion.of("", "v1.2.3-pre", t, "abcdefabcdef");   // v1.2.3-pre.0.20060102150405-abcdefabcdef
   * }</pre>
   *
   * @param major the major version such as {@code v2}; used (and checked) only when {@code
   *     older} is empty; empty means {@code v0}
   * @param older the preceding tag, or empty; build metadata such as {@code +incompatible} is
   *     carried over
   * @param time the commit time (sub-second precision is dropped, the time zone is UTC); its
   *     year must be between 0 and 9999
   * @param revision the commit hash prefix (conventionally 12 hex digits): ASCII letters and
   *     digits only
   * @return the pseudo-version
   * @throws InvalidVersionException if an argument is null or malformed, naming it
   */
  public static PseudoVersion of(String major, String older, Instant time, String revision) {
    if (major == null || older == null || time == null || revision == null) {
      throw new InvalidVersionException(
          older, "pseudo-version needs major, older, time and revision; got major=" + major
              + " older=" + older + " time=" + time + " revision=" + revision);
    }
    if (older.isEmpty() && !major.isEmpty()) {
      Version m = Version.tryParse(major);
      if (m == null || !m.major().equals(major)) {
        throw new InvalidVersionException(
            major, "invalid major version " + GoQuote.quote(major) + ": must be like \"v2\"");
      }
    }
    Version o = null;
    if (!older.isEmpty()) {
      o = Version.tryParse(older);
      if (o == null) {
        throw new InvalidVersionException(
            older, PathRules.invalidVersion(older, "not a semantic version"));
      }
    }
    if (revision.isEmpty() || !isAlnum(revision, 0, revision.length())) {
      throw new InvalidVersionException(
          revision, "invalid pseudo-version revision " + GoQuote.quote(revision)
              + ": must be ASCII letters and digits");
    }
    LocalDateTime t;
    try {
      t = LocalDateTime.ofInstant(time, ZoneOffset.UTC);
    } catch (DateTimeException e) {
      t = null;
    }
    if (t == null || t.getYear() < 0 || t.getYear() > 9999) {
      throw new InvalidVersionException(
          null, "pseudo-version time " + time + " is outside years 0000-9999");
    }
    StringBuilder seg = new StringBuilder(40);
    pad(seg, t.getYear(), 4);
    pad(seg, t.getMonthValue(), 2);
    pad(seg, t.getDayOfMonth(), 2);
    pad(seg, t.getHour(), 2);
    pad(seg, t.getMinute(), 2);
    pad(seg, t.getSecond(), 2);
    seg.append('-').append(revision);
    String result;
    if (o == null) {
      result = (major.isEmpty() ? "v0" : major) + ".0.0-" + seg;
    } else {
      String build = o.build();
      String canon = o.semverCanonical();
      if (o.isPrerelease()) {
        result = canon + ".0." + seg + build;
      } else {
        int i = canon.lastIndexOf('.') + 1;
        result = canon.substring(0, i) + incDecimal(canon.substring(i)) + "-0." + seg + build;
      }
    }
    return parse(result);
  }

  /**
   * The zero pseudo-version for a major version ({@code module.ZeroPseudoVersion}), such as
   * {@code v0.0.0-00010101000000-000000000000} for {@code v0}. Go uses it as a placeholder
   * version in go.mod requirements.
   *
   * @param major {@code ""} (meaning v0) or a major version such as {@code v2};
   *     {@code null} is rejected as invalid, with the exception below
   * @return the zero pseudo-version
   * @throws InvalidVersionException if {@code major} is malformed
   */
  public static PseudoVersion zero(String major) {
    return of(major, "", Instant.parse("0001-01-01T00:00:00Z"), "000000000000");
  }

  /**
   * The pseudo-version as a {@link Version}.
   *
   * @return the version
   */
  public Version version() {
    return version;
  }

  /**
   * The tag this pseudo-version follows ({@code module.PseudoVersionBase}): {@code v1.2.3}
   * for {@code v1.2.4-0.2019...}, {@code v1.2.3-pre} for {@code v1.2.3-pre.0.2019...}, with
   * {@code +incompatible} kept; empty for the {@code vX.0.0-2019...} form.
   *
   * @return the base version, if any
   */
  public Optional<Version> base() {
    return Optional.ofNullable(base);
  }

  /**
   * The commit time encoded in the pseudo-version ({@code module.PseudoVersionTime}), UTC, to
   * the second.
   *
   * @return the time
   */
  public Instant time() {
    return time;
  }

  /**
   * The revision (commit hash prefix) at the end ({@code module.PseudoVersionRev}).
   *
   * @return the revision, such as {@code daa7c04131f5}
   */
  public String revision() {
    return revision;
  }

  /**
   * Compares the pseudo-version strings.
   *
   * @param o another object
   * @return whether {@code o} is a {@code PseudoVersion} with the same text
   */
  @Override
  public boolean equals(Object o) {
    return o instanceof PseudoVersion && ((PseudoVersion) o).version.equals(version);
  }

  /**
   * The hash of the pseudo-version string.
   *
   * @return {@code toString().hashCode()}
   */
  @Override
  public int hashCode() {
    return version.hashCode();
  }

  /**
   * The pseudo-version as written.
   *
   * @return the pseudo-version string
   */
  @Override
  public String toString() {
    return version.toString();
  }

  // ---- x/mod's pseudo-version syntax, without regular expressions ----------------------

  /**
   * module.IsPseudoVersion for a valid semver: null when not a pseudo-version, else {base end,
   * timestamp start, revision start, revision end (= build start)}.
   */
  static int[] split(Version v) {
    String s = v.toString();
    int patchEnd = v.patchEndIndex();
    int preEnd = v.preEndIndex();
    if (patchEnd < 0 || preEnd == patchEnd) {
      return null; // shorthand, or no prerelease
    }
    int lastDot = -1;
    for (int i = preEnd - 1; i > patchEnd; i--) {
      if (s.charAt(i) == '.') {
        lastDot = i;
        break;
      }
    }
    int ts = lastDot < 0 ? patchEnd + 1 : lastDot + 1;
    // The last identifier must be 14 digits, '-', and one or more letters or digits.
    if (preEnd - ts < 16 || !isDigits(s, ts, ts + 14) || s.charAt(ts + 14) != '-'
        || !isAlnum(s, ts + 15, preEnd)) {
      return null;
    }
    int baseEnd;
    if (lastDot < 0) {
      // Form vX.0.0-yyyymmddhhmmss-rev: minor and patch written as "0".
      int minorStart = v.minorStartIndex();
      if (!s.startsWith(".0.0-", minorStart - 1)) {
        return null;
      }
      baseEnd = patchEnd;
    } else {
      // ... "-0." or ".0." right before the timestamp.
      if (s.charAt(lastDot - 1) != '0') {
        return null;
      }
      char before = s.charAt(lastDot - 2);
      if (before != '.' && lastDot - 2 != patchEnd) {
        return null;
      }
      baseEnd = lastDot;
    }
    return new int[] {baseEnd, ts, ts + 15, preEnd};
  }

  private static boolean isDigits(String s, int start, int end) {
    for (int i = start; i < end; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  private static boolean isAlnum(String s, int start, int end) {
    for (int i = start; i < end; i++) {
      char c = s.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) {
        return false;
      }
    }
    return true;
  }

  /** time.Parse("20060102150405", ts), or null when Go would fail. */
  static Instant parseTime(String s, int[] parts) {
    int p = parts[1];
    int year = num(s, p, 4);
    int month = num(s, p + 4, 2);
    int day = num(s, p + 6, 2);
    int hour = num(s, p + 8, 2);
    int minute = num(s, p + 10, 2);
    int second = num(s, p + 12, 2);
    if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59 || day < 1
        || day > daysIn(month, year)) {
      return null;
    }
    long epochDay = java.time.LocalDate.of(year, month, day).toEpochDay();
    return Instant.ofEpochSecond(epochDay * 86_400L + hour * 3600L + minute * 60L + second);
  }

  private static int daysIn(int month, int year) {
    switch (month) {
      case 2:
        return (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
      case 4:
      case 6:
      case 9:
      case 11:
        return 30;
      default:
        return 31;
    }
  }

  private static int num(String s, int start, int len) {
    int n = 0;
    for (int i = start; i < start + len; i++) {
      n = n * 10 + (s.charAt(i) - '0');
    }
    return n;
  }

  /**
   * module.PseudoVersionBase for a pseudo-version: with {@code wantBase} the base string ("" for
   * none, null on error), otherwise the error text or null.
   */
  static String baseOrError(Version v, int[] parts, boolean wantBase) {
    String s = v.toString();
    String build = s.substring(parts[3]);
    String base = s.substring(0, parts[0]);
    String err = null;
    String result;
    Version bv = Version.tryParse(base);
    String pre = bv == null ? "" : bv.prerelease();
    if (pre.isEmpty()) {
      result = "";
      if (!build.isEmpty()) {
        err = "lacks base version, but has build metadata " + GoQuote.quote(build);
      }
    } else if (pre.equals("-0")) {
      String b = base.substring(0, base.length() - 2);
      int i = b.lastIndexOf('.');
      String patch = decDecimal(b.substring(i + 1));
      if (patch.isEmpty()) {
        result = "";
        err = "version before " + b + " would have negative patch number";
      } else {
        result = b.substring(0, i + 1) + patch + build;
      }
    } else {
      result = base.substring(0, base.length() - 2) + build;
    }
    if (wantBase) {
      return err == null ? result : null;
    }
    return err == null ? null : PathRules.invalidPseudoVersion(s, err);
  }

  static String incDecimal(String decimal) {
    char[] d = decimal.toCharArray();
    int i = d.length - 1;
    while (i >= 0 && d[i] == '9') {
      d[i] = '0';
      i--;
    }
    if (i >= 0) {
      d[i]++;
      return new String(d);
    }
    return "1" + new String(d);
  }

  static String decDecimal(String decimal) {
    char[] d = decimal.toCharArray();
    int i = d.length - 1;
    while (i >= 0 && d[i] == '0') {
      d[i] = '9';
      i--;
    }
    if (i < 0) {
      return "";
    }
    if (i == 0 && d[0] == '1' && d.length > 1) {
      return new String(d, 1, d.length - 1);
    }
    d[i]--;
    return new String(d);
  }

  private static void pad(StringBuilder b, int value, int width) {
    String s = Integer.toString(value);
    for (int k = s.length(); k < width; k++) {
      b.append('0');
    }
    b.append(s);
  }
}
