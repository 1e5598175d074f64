package io.github.goproxy4j.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded random go.mod files and {@code go mod edit} flags for differential tests: every directive
 * go1.19 knows (or, with {@code newer}, those of go1.27 too), single lines and blocks, comments
 * before, after and inside blocks, runs of blank lines, stray spaces, quoted tokens, CRLF lines,
 * duplicates for SortBlocks to drop. The files are meant to parse; a few do not, on purpose.
 */
public final class RandomGoMod {
  /** Module paths the files and flags use. */
  public static final List<String> PATHS = List.of("example.com/a", "example.com/b", "example.com/b/v2",
      "golang.org/x/text", "gopkg.in/yaml.v3", "example.com/c", "example.com/d/v3", "rsc.io/quote");
  private static final List<String> V1 = List.of("v1.0.0", "v1.2.3", "v0.3.1", "v1.10.0", "v1.2.0-pre",
      "v0.0.0-20200101000000-abcdefabcdef", "v1.9.9");

  private final Random r;
  private final boolean newer;
  private final StringBuilder b = new StringBuilder();

  private RandomGoMod(Random r, boolean newer) {
    this.r = r;
    this.newer = newer;
  }

  /**
   * A random go.mod.
   *
   * @param r the random source
   * @param newer whether to use go1.21+ directives (toolchain, godebug, tool, ignore, go 1.21.3)
   * @return the file's text
   */
  public static String file(Random r, boolean newer) {
    return new RandomGoMod(r, newer).build();
  }

  /** A version that fits the path's major version. */
  public static String version(Random r, String path) {
    if (path.endsWith("/v2")) {
      return pick(r, List.of("v2.0.0", "v2.1.0", "v2.3.4-rc.1"));
    }
    if (path.endsWith("/v3") || path.endsWith(".v3")) {
      return pick(r, List.of("v3.0.0", "v3.0.1", "v3.2.0"));
    }
    return r.nextInt(8) == 0 ? "v2.0.0+incompatible" : pick(r, V1);
  }

  static <T> T pick(Random r, List<T> l) {
    return l.get(r.nextInt(l.size()));
  }

  private String nl() {
    String sp = r.nextInt(6) == 0 ? pick(r, List.of(" ", "\t", "  ")) : "";
    return sp + (r.nextInt(15) == 0 ? "\r\n" : "\n");
  }

  private void blank() {
    int n = r.nextInt(10) < 6 ? 0 : r.nextInt(4);
    for (int i = 0; i < n; i++) {
      b.append(r.nextInt(4) == 0 ? " " : "").append('\n');
    }
  }

  private void comments(String indent) {
    if (r.nextInt(3) != 0) {
      return;
    }
    int n = 1 + r.nextInt(3);
    for (int i = 0; i < n; i++) {
      b.append(indent).append(pick(r, List.of("// a comment", "//no space", "//   spaced  ", "//", "// Deprecated: use x",
          "// indirect"))).append(nl());
      if (r.nextInt(5) == 0) {
        b.append('\n');
      }
    }
  }

  private String suffix() {
    switch (r.nextInt(8)) {
      case 0:
        return " // indirect";
      case 1:
        return "\t// note ";
      case 2:
        return " //indirect; why";
      default:
        return "";
    }
  }

  private String quoted(String s) {
    return r.nextInt(10) == 0 ? "\"" + s + "\"" : s;
  }

  private String requireArgs() {
    String p = pick(r, PATHS);
    return quoted(p) + " " + version(r, p);
  }

  private String replaceArgs() {
    String p = pick(r, PATHS);
    String left = quoted(p) + (r.nextBoolean() ? " " + version(r, p) : "");
    String right;
    if (r.nextBoolean()) {
      right = pick(r, List.of("../local", "./x", "/abs/dir", "\"../with space\""));
    } else {
      String q = pick(r, PATHS);
      right = quoted(q) + " " + version(r, q);
    }
    return left + " => " + right;
  }

  private String retractArgs() {
    if (r.nextBoolean()) {
      return pick(r, V1.subList(0, 4));
    }
    return "[" + pick(r, List.of("v1.0.0", "v0.1.0")) + pick(r, List.of(", ", ",", " , ")) + pick(r, List.of("v1.2.3", "v1.9.9"))
        + "]";
  }

  private String args(String verb) {
    switch (verb) {
      case "require":
        return requireArgs();
      case "exclude": {
        String p = pick(r, PATHS);
        String v = version(r, p);
        return quoted(p) + " " + (v.equals("v1.2.0-pre") ? "v1.2.0" : v);
      }
      case "replace":
        return replaceArgs();
      case "retract":
        return retractArgs();
      case "godebug":
        return pick(r, List.of("default=go1.21", "panicnil=1", "http2client=0"));
      case "tool":
        return pick(r, List.of("example.com/a/cmd/x", "golang.org/x/tools/cmd/stringer", "example.com/b"));
      case "ignore":
        return pick(r, List.of("./node_modules", "static", "./x/y"));
      default:
        throw new IllegalArgumentException(verb);
    }
  }

  private void directive(String verb) {
    comments("");
    if (r.nextInt(5) < 2) {
      b.append(verb).append(' ').append(args(verb)).append(suffix()).append(nl());
      return;
    }
    b.append(verb).append(r.nextInt(5) == 0 ? "  (" : " (").append(r.nextInt(6) == 0 ? " // lparen" : "").append(nl());
    int n = r.nextInt(5);
    for (int i = 0; i < n; i++) {
      comments("\t");
      if (r.nextInt(6) == 0) {
        b.append('\n');
      }
      b.append(pick(r, List.of("\t", "    ", "\t\t", ""))).append(args(verb)).append(suffix()).append(nl());
    }
    if (r.nextInt(5) == 0) {
      b.append("\t// before rparen\n");
    }
    if (r.nextInt(5) == 0) {
      b.append("\n");
    }
    b.append(')').append(r.nextInt(6) == 0 ? " // rparen" : "").append(nl());
  }

  private String build() {
    comments("");
    blank();
    b.append("module ").append(quoted(pick(r, List.of("example.com/m", "example.com/m/v2", "rsc.io/m"))))
        .append(r.nextInt(5) == 0 ? " // the module" : "").append(nl());
    blank();
    if (r.nextInt(6) != 0) {
      String go = newer ? pick(r, List.of("1.16", "1.20", "1.21", "1.21.3", "1.23.0", "1.24", "1.22rc1"))
          : pick(r, List.of("1.13", "1.16", "1.17", "1.19", "1.21"));
      b.append("go ").append(go).append(suffix()).append(nl());
      blank();
    }
    if (newer && r.nextInt(3) == 0) {
      b.append("toolchain ").append(pick(r, List.of("go1.21.0", "go1.23.4", "default"))).append(nl());
      blank();
    }
    List<String> verbs = new ArrayList<>(List.of("require", "require", "exclude", "replace", "retract"));
    if (newer) {
      verbs.addAll(List.of("godebug", "tool", "ignore"));
    }
    int n = r.nextInt(7);
    for (int i = 0; i < n; i++) {
      directive(pick(r, verbs));
      blank();
    }
    if (r.nextInt(4) == 0) {
      comments("");
    }
    if (r.nextInt(6) == 0) {
      b.append("\n\n");
    }
    return b.toString();
  }

  /**
   * Random {@code go mod edit} editing flags, valid or (now and then) not.
   *
   * @param r the random source
   * @param newer whether to use go1.21+ flags (-toolchain, -godebug, -tool, -ignore, -go=none)
   * @return the flags, each one argument
   */
  public static List<String> editFlags(Random r, boolean newer) {
    List<String> out = new ArrayList<>();
    int n = 1 + r.nextInt(5);
    for (int i = 0; i < n; i++) {
      String p = pick(r, PATHS);
      String v = version(r, p);
      int k = r.nextInt(newer ? 19 : 13);
      switch (k) {
        case 0: case 1:
          out.add("-require=" + p + "@" + v);
          break;
        case 2:
          out.add("-droprequire=" + p);
          break;
        case 3:
          out.add("-exclude=" + p + "@" + (v.endsWith("-pre") ? "v1.2.0" : v));
          break;
        case 4:
          out.add("-dropexclude=" + p + "@" + v);
          break;
        case 5: {
          String q = pick(r, PATHS);
          String left = r.nextBoolean() ? p : p + "@" + v;
          String right = r.nextBoolean() ? pick(r, List.of("../dir", "./x", "/abs")) : q + "@" + version(r, q);
          out.add("-replace=" + left + "=" + right);
          break;
        }
        case 6:
          out.add("-dropreplace=" + (r.nextBoolean() ? p : p + "@" + v));
          break;
        case 7:
          out.add("-retract=" + pick(r, List.of("v1.0.0", "v1.2.3", "[v1.0.0,v1.1.0]", "[v0.1.0, v1.9.9]")));
          break;
        case 8:
          out.add("-dropretract=" + pick(r, List.of("v1.0.0", "v1.2.3", "[v1.0.0,v1.2.3]", "[v0.1.0,v1.9.9]")));
          break;
        case 9:
          out.add("-go=" + pick(r, newer ? List.of("1.21", "1.16", "1.22.1", "none") : List.of("1.17", "1.21", "1.12")));
          break;
        case 10:
          out.add("-module=" + pick(r, List.of("example.com/n", "example.com/n/v2")));
          break;
        case 11:
          // now and then a bad one
          out.add(pick(r, List.of("-require=" + p, "-require=" + p + "@v1.2", "-exclude=" + p + "@v1.2",
              "-go=bogus", "-droprequire=" + p + "@" + v, "-replace=" + p, "-replace=" + p + "=" + q(r),
              "-module=Bad Path", "-retract=v1", "-retract=[v1.0.0", "-require=-x@v1.0.0", "-exclude=" + p + "@latest")));
          break;
        case 12:
          out.add("-fmt");
          break;
        case 13:
          out.add("-toolchain=" + pick(r, List.of("go1.22.0", "default", "none", "bogus")));
          break;
        case 14:
          out.add("-godebug=" + pick(r, List.of("panicnil=0", "default=go1.20", "nokey")));
          break;
        case 15:
          out.add("-dropgodebug=" + pick(r, List.of("panicnil", "default")));
          break;
        case 16:
          out.add((r.nextBoolean() ? "-tool=" : "-droptool=") + pick(r, List.of("example.com/a/cmd/x", "example.com/b")));
          break;
        case 17:
          out.add((r.nextBoolean() ? "-ignore=" : "-dropignore=") + pick(r, List.of("./node_modules", "static")));
          break;
        default:
          out.add("-require=" + p + "@" + v);
      }
    }
    return out;
  }

  private static String q(Random r) {
    return pick(r, PATHS);
  }
}
