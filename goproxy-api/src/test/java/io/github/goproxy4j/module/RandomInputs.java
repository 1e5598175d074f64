package io.github.goproxy4j.module;

import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;

/** Seeded generators of module paths and versions, valid and almost valid, for tests. */
final class RandomInputs {
  private static final String[] PATH_PIECES = {
    "example.com", "gopkg.in", "github.com", "x.y", "golang.org", "a", "B", "Azure", "go-yaml",
    "yaml", "v2", "v0", "v1", "v02", "v10", "v2.0", ".v1", ".v0", ".v2", "-unstable", "con", "COM1",
    "lpt9", "aux.go", "~1", "x~12", "~", ".", "..", "/", "//", "-", "_", "+", "!", "!a", "@", " ",
    "é", "中", "ǅ", "\u00a0", "\u200b", "\u0000", "\t", "\n", "\"", "\\", "'", "\ud800", "\udc00",
    "\ud83d\ude00", "\ufffd", "%21", "x.", ".x", "ASCII", "Z", "9",
  };
  private static final String[] VERSION_PIECES = {
    "v", "v", "v", "0", "1", "2", "9", "10", "01", "00", "99999999999999999999", ".", ".", ".",
    "-", "-", "+", "rc", "RC", "alpha", "beta", "pre", "incompatible", "+incompatible", "0.",
    "20191109021931", "20060102150405", "00010101000000", "20191399999999", "-abcdef123456",
    "abc", "ABC", "meta", "x", "!", "/", "é", "\ud800", " ", "_", "a.b", "-0.", ".0.",
  };
  private static final char[] CHARS =
      "abcxyzABCXYZ0189-._~+!@#$%&()[]{}^=,; /\\\"'`*?:<>|\u0000\t\n\u007f\u00a0\u00ad\u00e9\u01c5\u4e2d\ud800\udc00\ufffd"
          .toCharArray();

  private RandomInputs() {}

  /** The seeds of the {@code <Class>PropertyTest} classes (each test's name shows its seed). */
  static LongStream seeds() {
    return LongStream.of(1, 2, 3, 0xC0FFEE);
  }

  static String path(SplittableRandom r) {
    StringBuilder b = new StringBuilder();
    int n = 1 + r.nextInt(6);
    for (int i = 0; i < n; i++) {
      if (i > 0 && r.nextInt(4) != 0) {
        b.append('/');
      }
      b.append(PATH_PIECES[r.nextInt(PATH_PIECES.length)]);
    }
    return maybeMutate(r, b.toString());
  }

  private static final String[] DOMAINS = {
    "example.com", "github.com", "gopkg.in", "golang.org", "k8s.io", "a.b", "x-y.z9", "rsc.io",
  };
  private static final String[] ELEMS = {
    "x", "Azure", "go-yaml", "yaml.v2", "a_b", "a~b", "A.B", "v", "vv2", "mod", "QUOTE", "x9",
    "v2", "v3", "v10", "yaml.v1", "pkg.v3-unstable", "c0n", "x.y.z",
  };

  /** A path built from valid-looking parts: mostly valid, sometimes mutated. */
  static String validishPath(SplittableRandom r) {
    StringBuilder b = new StringBuilder(DOMAINS[r.nextInt(DOMAINS.length)]);
    int n = r.nextInt(4);
    for (int i = 0; i < n; i++) {
      b.append('/').append(ELEMS[r.nextInt(ELEMS.length)]);
    }
    return r.nextInt(4) == 0 ? maybeMutate(r, b.toString()) : b.toString();
  }

  static String validishVersion(SplittableRandom r) {
    StringBuilder b = new StringBuilder("v");
    b.append(num(r));
    int form = r.nextInt(10);
    if (form > 0) {
      b.append('.').append(num(r));
    }
    if (form > 1) {
      b.append('.').append(num(r));
      if (r.nextInt(3) == 0) {
        b.append('-').append(ident(r));
        while (r.nextInt(3) == 0) {
          b.append('.').append(ident(r));
        }
      }
      if (r.nextInt(5) == 0) {
        b.append(r.nextBoolean() ? "+incompatible" : "+" + ident(r));
      }
    }
    return b.toString();
  }

  static String pseudo(SplittableRandom r) {
    String ts = String.format("%04d%02d%02d%02d%02d%02d", r.nextInt(3000), r.nextInt(14),
        r.nextInt(33), r.nextInt(25), r.nextInt(61), r.nextInt(61));
    String rev = r.nextInt(10) == 0 ? "ABC" : "abcdef012345";
    switch (r.nextInt(4)) {
      case 0:
        return "v" + num(r) + ".0.0-" + ts + "-" + rev;
      case 1:
        return "v" + num(r) + "." + num(r) + "." + num(r) + "-0." + ts + "-" + rev;
      case 2:
        return "v" + num(r) + "." + num(r) + "." + num(r) + "-" + ident(r) + ".0." + ts + "-" + rev
            + (r.nextBoolean() ? "+incompatible" : "");
      default:
        return maybeMutate(r, "v0.0.0-" + ts + "-" + rev);
    }
  }

  static String version(SplittableRandom r) {
    switch (r.nextInt(4)) {
      case 0:
        return validishVersion(r);
      case 1:
        return maybeMutate(r, validishVersion(r));
      case 2:
        return pseudo(r);
      default:
        StringBuilder b = new StringBuilder();
        int n = 1 + r.nextInt(8);
        for (int i = 0; i < n; i++) {
          b.append(VERSION_PIECES[r.nextInt(VERSION_PIECES.length)]);
        }
        return b.toString();
    }
  }

  static String major(SplittableRandom r) {
    List<String> m = List.of("", "/v2", "/v3", "/v1", "/v0", ".v0", ".v1", ".v2", ".v1-unstable",
        ".v-unstable", "v2", "/v10");
    return m.get(r.nextInt(m.size()));
  }

  static String any(SplittableRandom r) {
    switch (r.nextInt(4)) {
      case 0:
        return path(r);
      case 1:
        return validishPath(r);
      default:
        return version(r);
    }
  }

  private static String num(SplittableRandom r) {
    switch (r.nextInt(8)) {
      case 0:
        return "0";
      case 1:
        return "1";
      case 2:
        return "2";
      case 3:
        return Integer.toString(r.nextInt(1000));
      case 4:
        return "0" + r.nextInt(10);
      case 5:
        return "99999999999999999999" + r.nextInt(10);
      default:
        return Integer.toString(r.nextInt(20));
    }
  }

  private static String ident(SplittableRandom r) {
    String[] ids = {"rc", "RC", "1", "0", "01", "10", "alpha", "a-b", "-", "x7", "0a", "pre", "9"};
    return ids[r.nextInt(ids.length)];
  }

  static String maybeMutate(SplittableRandom r, String s) {
    int n = r.nextInt(3);
    StringBuilder b = new StringBuilder(s);
    for (int k = 0; k < n; k++) {
      int pos = b.length() == 0 ? 0 : r.nextInt(b.length() + 1);
      switch (r.nextInt(4)) {
        case 0:
          b.insert(pos, CHARS[r.nextInt(CHARS.length)]);
          break;
        case 1:
          if (pos < b.length()) {
            b.deleteCharAt(pos);
          }
          break;
        case 2:
          if (pos < b.length()) {
            b.setCharAt(pos, CHARS[r.nextInt(CHARS.length)]);
          }
          break;
        default:
          if (pos < b.length()) {
            char c = b.charAt(pos);
            b.setCharAt(pos, Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c));
          }
          break;
      }
    }
    return b.toString();
  }
}
