package io.github.goproxy4j.internal;

import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * cmd/go's {@code pkgpattern.MatchPattern}: a pattern with {@code ...} wildcards, as
 * {@code go list -m} matches module paths against it. {@code ...} matches any string, but not
 * across a {@code vendor} path element; a trailing {@code /...} also matches the empty suffix
 * ({@code net/...} matches {@code net}). Written on {@link Pattern} like go's on regexp, whose
 * matching of this translation is linear. Exported only to the other goproxy4j modules; not API.
 *
 * <pre>{@code
 * PkgPattern.matcher("golang.org/x/...").test("golang.org/x/mod");   // true
 * }</pre>
 */
public final class PkgPattern {
  /** Stands for a {@code vendor} element; a name holding it matches nothing. */
  private static final String VENDOR = "\u0000";

  private PkgPattern() {}

  /**
   * Returns whether {@code arg} is a pattern ({@code go list -m} treats an argument containing
   * {@code ...} as one).
   *
   * @param arg a command-line argument
   * @return whether it holds {@code ...}
   */
  public static boolean isPattern(String arg) {
    return arg.contains("...");
  }

  /**
   * Returns the matcher of {@code pattern} (MatchPattern, with vendor exclusion).
   *
   * @param pattern the pattern
   * @return a predicate over names
   */
  public static Predicate<String> matcher(String pattern) {
    if (pattern.contains(VENDOR)) {
      return name -> false;
    }
    String re = quoteMeta(replaceVendor(pattern));
    String wild = "[^" + VENDOR + "]*";
    String vendorTail = "/" + VENDOR + "/\\.\\.\\.";
    if (re.endsWith(vendorTail)) {
      re = re.substring(0, re.length() - vendorTail.length()) + "(/vendor|" + vendorTail + ")";
    } else if (re.equals(VENDOR + "/\\.\\.\\.")) {
      re = "(/vendor|" + vendorTail + ")";
    }
    if (re.endsWith("/\\.\\.\\.")) {
      re = re.substring(0, re.length() - "/\\.\\.\\.".length()) + "(/\\.\\.\\.)?";
    }
    re = re.replace("\\.\\.\\.", wild);
    Pattern p = Pattern.compile("^" + re + "$", Pattern.DOTALL);
    return name -> !name.contains(VENDOR) && p.matcher(replaceVendor(name)).matches();
  }

  /** regexp.QuoteMeta: a backslash before each of Go's regexp special characters. */
  private static String quoteMeta(String s) {
    StringBuilder b = new StringBuilder(s.length() * 2);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if ("\\.+*?()|[]{}^$".indexOf(c) >= 0) {
        b.append('\\');
      }
      b.append(c);
    }
    return b.toString();
  }

  /** Every {@code vendor} element but the last replaced by {@link #VENDOR}. */
  private static String replaceVendor(String x) {
    if (!x.contains("vendor")) {
      return x;
    }
    String[] elem = x.split("/", -1);
    for (int i = 0; i < elem.length - 1; i++) {
      if (elem[i].equals("vendor")) {
        elem[i] = VENDOR;
      }
    }
    return String.join("/", elem);
  }
}
