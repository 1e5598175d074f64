package io.github.goproxy4j.internal;

/** Go's {@code path} package ({@code path.Clean}). Exported only to the other goproxy4j modules; not API. */
public final class GoPath {
  private GoPath() {}

  /**
   * Reports whether {@code p} is clean, that is {@code clean(p).equals(p)}, without building the
   * cleaned path (the zip checks ask this of every entry name): not empty, no empty, {@code .}
   * or trailing element, and {@code ..} only at the start of a relative path; {@code "."} and
   * {@code "/"} are clean.
   *
   * @param p a slash-separated path
   * @return whether {@link #clean} would return it unchanged
   */
  public static boolean isClean(String p) {
    int n = p.length();
    if (n == 0) {
      return false;
    }
    if (n == 1) {
      return true; // ".", "/" and any one-byte name
    }
    if (p.charAt(n - 1) == '/') {
      return false;
    }
    boolean rooted = p.charAt(0) == '/';
    boolean leading = !rooted; // in the leading run of ".." elements of a relative path
    for (int i = rooted ? 1 : 0; i <= n; ) {
      int j = p.indexOf('/', i);
      if (j < 0) {
        j = n;
      }
      int len = j - i;
      if (len == 0 || (len == 1 && p.charAt(i) == '.')) {
        return false;
      }
      if (len == 2 && p.charAt(i) == '.' && p.charAt(i + 1) == '.') {
        if (!leading) {
          return false;
        }
      } else {
        leading = false;
      }
      i = j + 1;
    }
    return true;
  }

  /**
   * Go's {@code path.Clean}.
   *
   * @param p a slash-separated path
   * @return the cleaned path
   */
  public static String clean(String p) {
    // the usual case (a module zip's checked names): one scan, no copy; the walk apart, so that
    // the JIT compiles this small method alone where paths are clean
    return isClean(p) ? p : walk(p);
  }

  /** {@link #clean}'s walk over the elements. */
  private static String walk(String p) {
    if (p.isEmpty()) {
      return ".";
    }
    boolean rooted = p.charAt(0) == '/';
    int n = p.length();
    StringBuilder out = new StringBuilder(n);
    int r = 0;
    int dotdot = 0;
    if (rooted) {
      out.append('/');
      r = 1;
      dotdot = 1;
    }
    while (r < n) {
      if (p.charAt(r) == '/') {
        r++;
      } else if (p.charAt(r) == '.' && (r + 1 == n || p.charAt(r + 1) == '/')) {
        r++;
      } else if (p.charAt(r) == '.' && p.charAt(r + 1) == '.' && (r + 2 == n || p.charAt(r + 2) == '/')) {
        r += 2;
        if (out.length() > dotdot) {
          int w = out.length() - 1;
          while (w > dotdot && out.charAt(w) != '/') {
            w--;
          }
          out.setLength(w);
        } else if (!rooted) {
          if (out.length() > 0) {
            out.append('/');
          }
          out.append("..");
          dotdot = out.length();
        }
      } else {
        if ((rooted && out.length() != 1) || (!rooted && out.length() != 0)) {
          out.append('/');
        }
        while (r < n && p.charAt(r) != '/') {
          out.append(p.charAt(r));
          r++;
        }
      }
    }
    if (out.length() == 0) {
      return ".";
    }
    return out.toString();
  }
}
