package io.github.goproxy4j.modfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.goproxy4j.testing.GoTool;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Differential test of {@link GoModFile#parseStrict} and {@link GoWorkFile#parse} against x/mod's
 * {@code modfile.Parse} / {@code ParseWork} with a nil fixer: x/mod v0.42 (the rules go1.27
 * vendors) for release 1.27, and Debian's x/mod v0.7.0 for release 1.19 (v0.7.0 differs from
 * go1.19's vendored copy in one message, for a replacement written {@code path@version}; those
 * inputs are left out of the 1.19 comparison). Every field and the complete error text must agree.
 */
class GoModFileStrictXModTest {
  private static final int FILES_PER_SEED = 250;

  static Stream<Arguments> cases() {
    return Stream.of(Arguments.of("1.27", 1L), Arguments.of("1.27", 2L), Arguments.of("1.19", 1L));
  }

  @ParameterizedTest(name = "go{0} seed={1}")
  @MethodSource("cases")
  void strictGoModAndGoWorkParseAlike(String release, long seed) {
    GoTool.assumeXMod();
    boolean newest = release.equals("1.27");
    if (newest) {
      assumeTrue(StrictOracle.hasNewest(), "SKIPPED: x/mod v0.42 or go1.27 not installed");
    }
    Path bin = Oracles.get(newest);
    SplittableRandom r = new SplittableRandom(seed);
    List<byte[]> mods = new ArrayList<>();
    List<byte[]> works = new ArrayList<>();
    for (int i = 0; i < FILES_PER_SEED; i++) {
      byte[] m = RandomMainFiles.goMod(r);
      byte[] w = RandomMainFiles.goWork(r);
      if (!newest && new String(m, StandardCharsets.UTF_8).matches("(?s).*=>\\s*\\S*@.*")) {
        m = "module x\n".getBytes(StandardCharsets.UTF_8);
      }
      if (!newest && new String(w, StandardCharsets.UTF_8).matches("(?s).*=>\\s*\\S*@.*")) {
        w = "go 1.18\n".getBytes(StandardCharsets.UTF_8);
      }
      mods.add(m);
      works.add(w);
    }
    List<List<String>> wantMod = StrictOracle.run(bin, "mod", mods);
    List<List<String>> wantWork = StrictOracle.run(bin, "work", works);
    int errors = 0;
    for (int i = 0; i < mods.size(); i++) {
      byte[] m = mods.get(i);
      assertEquals(wantMod.get(i), describeMod(m, release),
          "go.mod #" + i + " (seed=" + seed + "):\n" + new String(m, StandardCharsets.UTF_8));
      byte[] w = works.get(i);
      assertEquals(wantWork.get(i), describeWork(w, release),
          "go.work #" + i + " (seed=" + seed + "):\n" + new String(w, StandardCharsets.UTF_8));
      errors += wantMod.get(i).get(0).startsWith("E ") ? 1 : 0;
    }
    // both outcomes must be exercised, or the comparison proves little
    assertTrue(errors > FILES_PER_SEED / 10 && errors < FILES_PER_SEED * 19 / 20, "errors: " + errors);
  }

  /** Our result in the oracle's format. */
  static List<String> describeMod(byte[] data, String release) {
    List<String> lines = new ArrayList<>();
    GoModFile f;
    try {
      f = GoModFile.parseStrict("go.mod", data, release);
    } catch (GoModSyntaxException e) {
      lines.add("E " + e.getMessage());
      return lines;
    }
    f.module().ifPresent(m -> lines.add("M " + m));
    f.deprecated().ifPresent(d -> lines.add("D " + d));
    f.goVersion().ifPresent(g -> lines.add("G " + g));
    f.toolchain().ifPresent(t -> lines.add("T " + t));
    f.godebugs().forEach(g -> lines.add("B " + g.key() + "\0" + g.value()));
    f.tools().forEach(t -> lines.add("L " + t));
    f.ignores().forEach(t -> lines.add("I " + t));
    f.requires().forEach(q -> lines.add("R " + q.path() + "\0" + q.version() + "\0" + (q.indirect() ? "1" : "0")));
    f.excludes().forEach(x -> lines.add("X " + x.path() + "\0" + x.version()));
    f.replaces().forEach(p -> lines.add("P " + p.oldPath() + "\0" + p.oldVersion() + "\0" + p.newPath() + "\0"
        + p.newVersion()));
    f.retractions().forEach(x -> lines.add("Z " + x.low() + "\0" + x.high() + "\0" + x.rationale()));
    return lines;
  }

  static List<String> describeWork(byte[] data, String release) {
    List<String> lines = new ArrayList<>();
    GoWorkFile f;
    try {
      f = GoWorkFile.parse("go.work", data, release);
    } catch (GoModSyntaxException e) {
      lines.add("E " + e.getMessage());
      return lines;
    }
    f.goVersion().ifPresent(g -> lines.add("G " + g));
    f.toolchain().ifPresent(t -> lines.add("T " + t));
    f.godebugs().forEach(g -> lines.add("B " + g.key() + "\0" + g.value()));
    f.uses().forEach(u -> lines.add("U " + u));
    f.replaces().forEach(p -> lines.add("P " + p.oldPath() + "\0" + p.oldVersion() + "\0" + p.newPath() + "\0"
        + p.newVersion()));
    return lines;
  }

  /** The two oracle binaries, built once. */
  private static final class Oracles {
    private static Path old;
    private static Path newest;

    static synchronized Path get(boolean wantNewest) {
      if (wantNewest) {
        if (newest == null) {
          newest = StrictOracle.build(true);
        }
        return newest;
      }
      if (old == null) {
        old = StrictOracle.build(false);
      }
      return old;
    }
  }

  /** Seeded random main-module go.mod and go.work files: mostly valid lines, with one bad fragment now and then. */
  static final class RandomMainFiles {
    private static final String[] PATHS = {"example.com/m", "\"example.com/m\"", "example.com/m/v2", "gopkg.in/yaml.v2",
        "example.com/m/v1", "\"\"", "a'b", "rsc.io/quote/v3", "\"bad\\q\"", "x"};
    private static final String[] VERSIONS = {"v1.2.3", "v1.2", "v2.0.0", "v2.0.0+incompatible", "v1.2.3-pre",
        "v0.0.0-20200101000000-abcdefabcdef", "\"v1.0.0\"", "junk", "v3.1.0", "latest"};
    private static final String[] DIRS = {"./a", "/abs", "../b", ".", "..", "c:\\x", ".\\w", "\\root", "dir",
        "example.com/n@v1.0.0", "\"./sp ace\""};
    private static final String[] GO = {"1.17", "1.21", "1.21.0", "1.21rc1", "1.2.3.4", "1", "v1.17", "1.22.1"};
    private static final String[] TOOLCHAINS = {"go1.21.0", "default", "local", "go1", "go1.22rc1", "go2", "gox"};
    private static final String[] GODEBUG = {"x=1", "a=", "=b", "noeq", "a=\"q\"", "a=b,c=d", "k=v"};
    private static final String[] COMMENTS = {"// indirect", "// why", "// Deprecated: old", ""};

    /** Whether the current file uses only well-formed fragments (half the files). */
    private static boolean clean;

    static byte[] goMod(SplittableRandom r) {
      clean = r.nextBoolean();
      StringBuilder sb = new StringBuilder();
      if (r.nextInt(12) != 0) {
        sb.append(r.nextInt(6) == 0 ? "// Deprecated: gone\n" : "").append("module ").append(pick(r, PATHS)).append('\n');
      }
      int n = 1 + r.nextInt(7);
      for (int i = 0; i < n; i++) {
        switch (r.nextInt(clean ? 11 : 14)) {
          case 0:
            sb.append("go ").append(pick(r, GO));
            break;
          case 1:
            sb.append("toolchain ").append(pick(r, TOOLCHAINS));
            break;
          case 2:
            sb.append("godebug ").append(pick(r, GODEBUG));
            break;
          case 3:
            sb.append("require ").append(pick(r, PATHS)).append(' ').append(pick(r, VERSIONS));
            break;
          case 4:
            sb.append("exclude ").append(pick(r, PATHS)).append(' ').append(pick(r, VERSIONS));
            break;
          case 5: case 6:
            sb.append("replace ").append(replaceArgs(r));
            break;
          case 7:
            sb.append("retract ").append(pick(r, new String[] {"v1.0.0", "[v1.0.0, v1.1.0]", "[v1.0.0", "v1.0.0 x",
                "[v1, v2] // r", "(", "\"bad\\q\"", "junk"}));
            break;
          case 8:
            sb.append("tool ").append(pick(r, new String[] {"example.com/m/cmd", "\"q\"", "a b"}));
            break;
          case 9:
            sb.append("ignore ").append(pick(r, new String[] {"./node_modules", "\"./q\"", "x y"}));
            break;
          case 10:
            block(r, sb, pick(r, new String[] {"require", "exclude", "replace", "godebug", "tool", "ignore", "retract",
                "go", "foo", "require x"}));
            continue;
          case 11:
            sb.append(pick(r, new String[] {"unknown x", "module other", "go 1.17", "toolchain go1.21.0"}));
            break;
          default:
            sb.append("require ").append(pick(r, PATHS)).append(' ').append(pick(r, VERSIONS));
        }
        String c = pick(r, COMMENTS);
        if (!c.isEmpty() && r.nextInt(3) == 0) {
          sb.append(' ').append(c);
        }
        sb.append('\n');
      }
      return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    static byte[] goWork(SplittableRandom r) {
      clean = r.nextBoolean();
      StringBuilder sb = new StringBuilder();
      int n = 1 + r.nextInt(6);
      for (int i = 0; i < n; i++) {
        switch (r.nextInt(clean ? 6 : 8)) {
          case 0:
            sb.append("go ").append(pick(r, GO));
            break;
          case 1:
            sb.append("toolchain ").append(pick(r, TOOLCHAINS));
            break;
          case 2:
            sb.append("godebug ").append(pick(r, GODEBUG));
            break;
          case 3: case 4:
            sb.append("use ").append(pick(r, DIRS));
            break;
          case 5:
            sb.append("replace ").append(replaceArgs(r));
            break;
          case 6:
            block(r, sb, pick(r, new String[] {"use", "replace", "godebug", "require", "use x"}));
            continue;
          default:
            sb.append(pick(r, new String[] {"module x", "use", "use a b", "exclude x v1.0.0"}));
        }
        sb.append('\n');
      }
      return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String replaceArgs(SplittableRandom r) {
      String old = pick(r, PATHS) + (r.nextBoolean() ? " " + pick(r, VERSIONS) : "");
      switch (r.nextInt(4)) {
        case 0:
          return old + " => " + pick(r, DIRS);
        case 1:
          return old + " => " + pick(r, PATHS) + " " + pick(r, VERSIONS);
        case 2:
          return old + " => " + pick(r, DIRS) + " " + pick(r, VERSIONS);
        default:
          return pick(r, new String[] {old + " => ./x", "a", "a =>", "a b c => d", "=> x", old + " -> ./x"});
      }
    }

    private static void block(SplittableRandom r, StringBuilder sb, String verb) {
      sb.append(verb).append(" (\n");
      for (int j = r.nextInt(4); j > 0; j--) {
        sb.append('\t');
        switch (verb) {
          case "replace":
            sb.append(replaceArgs(r));
            break;
          case "godebug":
            sb.append(pick(r, GODEBUG));
            break;
          case "use":
            sb.append(pick(r, DIRS));
            break;
          case "tool": case "ignore":
            sb.append(pick(r, DIRS));
            break;
          case "retract":
            sb.append(pick(r, VERSIONS));
            break;
          default:
            sb.append(pick(r, PATHS)).append(' ').append(pick(r, VERSIONS));
        }
        sb.append('\n');
      }
      sb.append(")\n");
    }

    private static String pick(SplittableRandom r, String[] a) {
      // in a clean file only the first entries of the fragment lists (well-formed ones) are used
      return a[r.nextInt(clean ? Math.min(2, a.length) : a.length)];
    }
  }
}
