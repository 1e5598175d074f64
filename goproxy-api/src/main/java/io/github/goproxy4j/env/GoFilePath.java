package io.github.goproxy4j.env;

import java.util.ArrayList;
import java.util.List;

/** Go's path/filepath (Join, Clean, IsAbs, SplitList) for a chosen operating system. */
final class GoFilePath {
  private GoFilePath() {}

  static boolean isAbs(GoEnv.Os os, String p) {
    if (os == GoEnv.Os.WINDOWS) {
      int vol = volumeLength(p);
      if (vol == 0) {
        return false;
      }
      if (isUncStart(p)) {
        return true;
      }
      String rest = p.substring(vol);
      return !rest.isEmpty() && isSlash(rest.charAt(0));
    }
    return p.startsWith("/");
  }

  static String join(GoEnv.Os os, String... elems) {
    StringBuilder b = new StringBuilder();
    char sep = os == GoEnv.Os.WINDOWS ? '\\' : '/';
    for (String e : elems) {
      if (e.isEmpty()) {
        continue;
      }
      if (b.length() > 0) {
        b.append(sep);
      }
      b.append(e);
    }
    return b.length() == 0 ? "" : clean(os, b.toString());
  }

  static List<String> splitList(GoEnv.Os os, String list) {
    List<String> out = new ArrayList<>();
    if (list.isEmpty()) {
      return out;
    }
    if (os == GoEnv.Os.WINDOWS) {
      // Windows: ';' separates, double quotes protect separators and are removed.
      StringBuilder cur = new StringBuilder();
      boolean quo = false;
      for (int i = 0; i < list.length(); i++) {
        char c = list.charAt(i);
        if (c == '"') {
          quo = !quo;
        } else if (c == ';' && !quo) {
          out.add(cur.toString());
          cur.setLength(0);
        } else {
          cur.append(c);
        }
      }
      out.add(cur.toString());
      return out;
    }
    char sep = os == GoEnv.Os.PLAN9 ? '\0' : ':';
    int start = 0;
    for (int i = 0; i <= list.length(); i++) {
      if (i == list.length() || list.charAt(i) == sep) {
        out.add(list.substring(start, i));
        start = i + 1;
      }
    }
    return out;
  }

  private static boolean isSlash(char c) {
    return c == '/' || c == '\\';
  }

  private static boolean isUncStart(String p) {
    return p.length() >= 2 && isSlash(p.charAt(0)) && isSlash(p.charAt(1));
  }

  /** Length of a Windows volume name: "C:" or "\\host\share". */
  private static int volumeLength(String p) {
    if (p.length() >= 2 && p.charAt(1) == ':' && Character.isLetter(p.charAt(0)) && p.charAt(0) < 0x80) {
      return 2;
    }
    if (p.length() >= 5 && isUncStart(p) && !isSlash(p.charAt(2)) && p.charAt(2) != '.') {
      int n = 3;
      while (n < p.length() && !isSlash(p.charAt(n))) {
        n++;
      }
      n++;
      if (n < p.length() && !isSlash(p.charAt(n))) {
        while (n < p.length() && !isSlash(p.charAt(n))) {
          n++;
        }
        return n;
      }
    }
    return 0;
  }

  /** filepath.Clean. */
  static String clean(GoEnv.Os os, String path) {
    boolean win = os == GoEnv.Os.WINDOWS;
    String vol = win ? path.substring(0, volumeLength(path)) : "";
    String p = path.substring(vol.length());
    if (win) {
      p = p.replace('/', '\\');
      vol = vol.replace('/', '\\');
    }
    char sep = win ? '\\' : '/';
    if (p.isEmpty()) {
      return vol.length() > 1 && vol.charAt(1) != ':' ? vol : vol + ".";
    }
    boolean rooted = p.charAt(0) == sep;
    List<String> parts = new ArrayList<>();
    int dotdot = 0;
    // the segments between separators (empty ones included), without a regular expression
    // (String.split with a quoted separator compiles a pattern on every call)
    List<String> segs = new ArrayList<>();
    int from = 0;
    for (int at = p.indexOf(sep); at >= 0; at = p.indexOf(sep, from)) {
      segs.add(p.substring(from, at));
      from = at + 1;
    }
    segs.add(p.substring(from));
    for (String seg : segs) {
      if (seg.isEmpty() || seg.equals(".")) {
        continue;
      }
      if (seg.equals("..")) {
        if (parts.size() > dotdot) {
          parts.remove(parts.size() - 1);
        } else if (!rooted) {
          parts.add("..");
          dotdot++;
        }
        continue;
      }
      parts.add(seg);
    }
    String joined = String.join(String.valueOf(sep), parts);
    String out = (rooted ? String.valueOf(sep) : "") + joined;
    if (out.isEmpty()) {
      out = ".";
    }
    return vol + out;
  }
}
